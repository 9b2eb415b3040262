"""The one path policy: which paths a route may serve and a payload may name.

Every decision takes the same steps (SECURITY.md T01-T11):

1. **Validate the string** before touching the file system: no NUL, no backslash, no URL
   scheme (``http:``, ``file:``, ``smb:`` …), no UNC-like ``//host`` start, no drive letter,
   no empty path. So a hostile string never reaches ``realpath`` or the network.
2. **Resolve** it fully (symlinks followed); a missing file or a directory is refused with
   the same answer as a forbidden one, so the answer is no existence oracle (T05, T14).
3. **Containment by path components** (``is_relative_to``), never by string prefix, so
   ``/srv/allowed_evil`` is not inside ``/srv/allowed`` (T08).
4. **Blocked beats allowed**: a path inside a ``blocked_paths`` entry is refused, compared
   case-insensitively (T07, T10).

``GRADIO_ALLOWED_PATHS`` and ``GRADIO_BLOCKED_PATHS`` (comma-separated) merge with the
arguments (T09a).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DRIVE = re.compile(r"^[A-Za-z]:")


class FileNotAllowedError(PermissionError):
    """A path the policy refuses; ``str()`` is the message for the client."""

    def __init__(self, shown: str) -> None:
        super().__init__(f"File not allowed: {shown}.")
        self.shown = shown


def validate_path_string(raw: str) -> str:
    """``raw`` when it is a plain file-system path; else ``FileNotAllowedError``.

    Refuses what could name something other than a local file before any look-up.
    """
    shown = raw[:200]
    if not isinstance(raw, str) or not raw or len(raw) > 4096:
        raise FileNotAllowedError(shown if isinstance(raw, str) else repr(raw)[:200])
    if "\x00" in raw or "\\" in raw or raw.startswith("//"):
        raise FileNotAllowedError(shown)
    if _DRIVE.match(raw) or _SCHEME.match(raw):
        raise FileNotAllowedError(shown)
    return raw


def is_inside(path: PurePath, root: PurePath, *, case_insensitive: bool = False) -> bool:
    """Whether ``path`` is ``root`` or below it, compared by components."""
    if case_insensitive:
        parts = [part.casefold() for part in path.parts]
        root_parts = [part.casefold() for part in root.parts]
        return parts[: len(root_parts)] == root_parts
    return path.is_relative_to(root)


def _resolved(paths: Iterable[str | os.PathLike[str]]) -> tuple[Path, ...]:
    return tuple(Path(p).expanduser().resolve() for p in paths)


def _from_env(name: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


@dataclass(frozen=True)
class PathPolicy:
    """The roots a file may come from, and the ones it never may.

    Args:
        cache_dirs: the app's cache (and the shared folder of initial values).
        allowed: ``allowed_paths`` (files or folders) and ``gr.set_static_paths`` entries.
        blocked: ``blocked_paths``; beats every other root.
    """

    cache_dirs: tuple[Path, ...]
    allowed: tuple[Path, ...] = ()
    blocked: tuple[Path, ...] = ()
    extra_output_roots: tuple[Path, ...] = field(default_factory=tuple)
    """Where a function's returned files may also come from (cwd, the system temp dir)."""

    @classmethod
    def build(
        cls,
        cache_dirs: Iterable[str | os.PathLike[str]],
        allowed: Iterable[str | os.PathLike[str]] = (),
        blocked: Iterable[str | os.PathLike[str]] = (),
        output_roots: Iterable[str | os.PathLike[str]] = (),
    ) -> PathPolicy:
        """A policy with every path resolved and the ``GRADIO_*_PATHS`` variables merged."""
        return cls(
            cache_dirs=_resolved(cache_dirs),
            allowed=_resolved([*allowed, *_from_env("GRADIO_ALLOWED_PATHS")]),
            blocked=_resolved([*blocked, *_from_env("GRADIO_BLOCKED_PATHS")]),
            extra_output_roots=_resolved(output_roots),
        )

    def with_allowed(self, extra: Iterable[str | os.PathLike[str]]) -> PathPolicy:
        """This policy with more allowed roots (static paths)."""
        return PathPolicy(
            self.cache_dirs, (*self.allowed, *_resolved(extra)), self.blocked,
            self.extra_output_roots,
        )  # fmt: skip

    def _file(self, raw: str) -> Path:
        validate_path_string(raw)
        try:
            path = Path(raw).expanduser().resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            raise FileNotAllowedError(raw[:200]) from None
        if not path.is_file():
            raise FileNotAllowedError(raw[:200])
        return path

    def is_blocked(self, path: Path) -> bool:
        """Whether ``path`` (resolved) lies in a blocked root."""
        return any(is_inside(path, root, case_insensitive=True) for root in self.blocked)

    def in_cache(self, path: Path) -> bool:
        """Whether ``path`` (resolved) lies in one of the cache folders."""
        return any(is_inside(path, root) for root in self.cache_dirs)

    def in_allowed(self, path: Path) -> bool:
        """Whether ``path`` (resolved) lies in an allowed root."""
        return any(is_inside(path, root) for root in self.allowed)

    def servable(self, raw: str) -> Path:
        """The resolved file ``raw`` names when ``/file=`` may serve it; else refuse."""
        path = self._file(raw)
        if self.is_blocked(path) or not (self.in_cache(path) or self.in_allowed(path)):
            raise FileNotAllowedError(raw[:200])
        return path

    def acceptable_input(self, raw: str) -> Path:
        """The file a client's FileData names, when this app made it or may serve it (T16)."""
        return self.servable(raw)

    def returnable_output(self, raw: str | os.PathLike[str]) -> Path:
        """The file a function returned, when it may be copied into the cache (T20).

        Allowed: the cache, allowed roots, and the output roots (the working directory and
        the system temp dir), except hidden files and folders below an output root.
        """
        text = os.fspath(raw)
        path = self._file(text)
        if self.is_blocked(path):
            raise FileNotAllowedError(text[:200])
        if self.in_cache(path) or self.in_allowed(path):
            return path
        for root in self.extra_output_roots:
            if is_inside(path, root):
                hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
                if not hidden:
                    return path
        raise FileNotAllowedError(text[:200])
