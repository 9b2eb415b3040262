"""The file cache: every file that crosses the wire, stored by the hash of its bytes.

A file lives at ``<root>/<digest>/<sanitised name>`` where ``digest`` is the SHA-256 of its
content (so two uploads of different bytes under one name never collide, and identical
bytes share one folder, T27). Writes go to ``<root>/.partial/`` first and are moved into
place only when complete, so an aborted upload leaves nothing (R09).

Clean-up (R08): a folder's modification time is its last use (``touch``); ``sweep`` removes
folders unused for ``max_age_s`` and then the least recently used ones until the cache is
under ``max_bytes``, skipping pinned folders (files an in-flight event uses).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import threading
import time
import unicodedata
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

PARTIAL_DIR = ".partial"
_MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_COPY_CHUNK = 1024 * 1024


class BadFileNameError(ValueError):
    """A file name that names no file (``..``, ``.``)."""


def sanitize_name(name: str | None, default: str = "file") -> str:
    """A safe base name for ``name``: no folders, separators, control characters or
    reserved device names, at most 200 bytes (the extension kept).

    Raises:
        BadFileNameError: ``name`` is ``.`` or ``..`` (SECURITY.md T26).
    """
    if name is None:
        return default
    if name.strip() in (".", ".."):
        raise BadFileNameError(f"{name!r} is not a file name")
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", name))[-1]
    base = _UNSAFE.sub("_", base).strip().lstrip(".")
    if not base or base in (".", ".."):
        return default
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    if stem.lower() in _RESERVED:
        base = "_" + base
    encoded = base.encode()
    if len(encoded) > _MAX_NAME_BYTES:
        suffix = ("." + ext).encode()[:20] if dot else b""
        head = encoded[: _MAX_NAME_BYTES - len(suffix)].decode(errors="ignore")
        base = head + suffix.decode(errors="ignore")
    return base


class CacheWriter:
    """A file being written into the cache, hashed as it goes; ``commit`` stores it."""

    def __init__(self, cache: FileCache, name: str) -> None:
        self.cache = cache
        self.name = sanitize_name(name)
        self.size = 0
        self._hash = hashlib.sha256()
        partial = cache.root / PARTIAL_DIR
        partial.mkdir(parents=True, exist_ok=True)
        self._tmp = partial / secrets.token_hex(16)
        self._file: BinaryIO | None = open(self._tmp, "xb")  # noqa: SIM115 - closed in commit/abort

    def write(self, chunk: bytes) -> None:
        """Append ``chunk``."""
        assert self._file is not None, "writer already finished"
        self._file.write(chunk)
        self._hash.update(chunk)
        self.size += len(chunk)

    def commit(self) -> Path:
        """Move the file into place; returns its path in the cache."""
        assert self._file is not None, "writer already finished"
        self._file.close()
        self._file = None
        folder = self.cache.root / self._hash.hexdigest()[:40]
        folder.mkdir(exist_ok=True)
        final = folder / self.name
        if final.exists():
            self._tmp.unlink(missing_ok=True)
        else:
            os.replace(self._tmp, final)
        self.cache.touch(final)
        return final

    def abort(self) -> None:
        """Discard what was written."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> CacheWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:  # fmt: skip
        if self._file is not None:
            self.abort()


class FileCache:
    """Content-addressed files under ``root``, cleaned by age and total size.

    Args:
        root: the folder (created, mode 0700).
        max_age_s: folders unused this long are removed by ``sweep``; None keeps them.
        max_bytes: ``sweep`` removes least recently used folders past this; None: no cap.
    """

    def __init__(
        self, root: str | os.PathLike[str], *, max_age_s: float | None = None,
        max_bytes: int | None = None,
    ) -> None:  # fmt: skip
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.max_age_s = max_age_s
        self.max_bytes = max_bytes
        self._pins: Counter[str] = Counter()
        self._lock = threading.Lock()

    def writer(self, name: str) -> CacheWriter:
        """A writer for a new file called ``name`` (sanitised)."""
        return CacheWriter(self, name)

    def store_bytes(self, data: bytes, name: str) -> Path:
        """Store ``data`` as a file called ``name``; returns its path."""
        with self.writer(name) as writer:
            writer.write(data)
            return writer.commit()

    def store_file(self, source: str | os.PathLike[str], name: str | None = None) -> Path:
        """Copy the file at ``source`` into the cache (unchanged when already in it)."""
        source_path = Path(source)
        if self.contains(source_path.resolve()):
            self.touch(source_path)
            return source_path.resolve()
        with self.writer(name or source_path.name) as writer, open(source_path, "rb") as src:
            while chunk := src.read(_COPY_CHUNK):
                writer.write(chunk)
            return writer.commit()

    def contains(self, path: Path) -> bool:
        """Whether the resolved ``path`` is a stored file of this cache."""
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return False
        return len(relative.parts) == 2 and relative.parts[0] != PARTIAL_DIR

    def _folder_of(self, path: Path) -> str | None:
        try:
            relative = path.resolve().relative_to(self.root)
        except ValueError:
            return None
        return relative.parts[0] if relative.parts else None

    def touch(self, path: str | os.PathLike[str]) -> None:
        """Mark the folder of ``path`` as just used."""
        folder = self._folder_of(Path(path))
        if folder is not None:
            with contextlib.suppress(OSError):
                os.utime(self.root / folder)

    def pin(self, path: str | os.PathLike[str]) -> None:
        """Keep ``path``'s folder through sweeps until ``unpin``."""
        folder = self._folder_of(Path(path))
        if folder is not None:
            with self._lock:
                self._pins[folder] += 1

    def unpin(self, path: str | os.PathLike[str]) -> None:
        """Undo one ``pin``; the folder counts as used now."""
        folder = self._folder_of(Path(path))
        if folder is None:
            return
        with self._lock:
            self._pins[folder] -= 1
            if self._pins[folder] <= 0:
                del self._pins[folder]
        with contextlib.suppress(OSError):
            os.utime(self.root / folder)

    def _folders(self) -> list[tuple[float, int, Path]]:
        folders: list[tuple[float, int, Path]] = []
        with os.scandir(self.root) as entries:
            for entry in entries:
                if entry.name == PARTIAL_DIR or not entry.is_dir(follow_symlinks=False):
                    continue
                try:
                    used = entry.stat().st_mtime
                    size = sum(f.stat().st_size for f in os.scandir(entry.path) if f.is_file())
                except OSError:
                    continue
                folders.append((used, size, Path(entry.path)))
        return folders

    def sweep(self, now: float | None = None) -> int:
        """Remove unused folders by age, then by size; returns how many were removed."""
        now = time.time() if now is None else now
        with self._lock:
            pinned = set(self._pins)
        removed = 0
        kept: list[tuple[float, int, Path]] = []
        for used, size, folder in sorted(self._folders()):
            if folder.name in pinned:
                continue
            if self.max_age_s is not None and now - used > self.max_age_s:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
            else:
                kept.append((used, size, folder))
        if self.max_bytes is not None:
            total = sum(size for _, size, _ in kept) + self._pinned_bytes(pinned)
            for _, size, folder in kept:  # oldest first
                if total <= self.max_bytes:
                    break
                shutil.rmtree(folder, ignore_errors=True)
                total -= size
                removed += 1
        self._sweep_partials(now)
        return removed

    def _pinned_bytes(self, pinned: set[str]) -> int:
        total = 0
        for name in pinned:
            with contextlib.suppress(OSError), os.scandir(self.root / name) as files:
                total += sum(f.stat().st_size for f in files if f.is_file())
        return total

    def _sweep_partials(self, now: float) -> None:
        # A partial file older than an hour belongs to a writer that died with its process.
        partial = self.root / PARTIAL_DIR
        with contextlib.suppress(OSError), os.scandir(partial) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    if now - entry.stat().st_mtime > 3600:
                        os.unlink(entry.path)

    def total_bytes(self) -> int:
        """Bytes stored (not counting partial writes)."""
        return sum(size for _, size, _ in self._folders())

    def clear(self) -> None:
        """Remove the whole cache folder."""
        shutil.rmtree(self.root, ignore_errors=True)
