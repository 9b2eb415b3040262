"""An app's files: its cache and path policy, the context pre/postprocessing runs in.

Components reach the files of the app whose event they process with ``current_files()``;
outside an event (a component's initial value, a unit test) it is the process-wide
``values`` cache, shared by every app in the process and by every process on one cache
root, so an initial value has one path everywhere.

Where files live (``GRADIO_TEMP_DIR``, else ``<system temp>/gradiate``):

- ``values/``: initial values and examples given in code, never cleaned by age;
- ``apps/<namespace>/``: one app's uploads and outputs (shared by the processes of one
  app on a shared backend; ``apps/<namespace>-<pid>/`` for a single-process app).

A function's returned file is copied into the cache when the policy allows it (T20): from
the cache, ``allowed_paths``, the working directory (no hidden files), or the system temp
dir for files created after the app started (what ``tempfile`` gives a function). A file
that predates the app in the shared temp dir is refused: gradiate did not make it.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gradiate.data.cache import FileCache
from gradiate.data.file_data import (
    FileData,
    file_url,
    guess_mime_type,
    is_file_data,
    make_file_data,
)
from gradiate.data.paths import FileNotAllowedError, PathPolicy, is_inside


def cache_root() -> Path:
    """``GRADIO_TEMP_DIR``, or ``<system temp>/gradiate``."""
    raw = os.environ.get("GRADIO_TEMP_DIR")
    return Path(raw) if raw else Path(tempfile.gettempdir()) / "gradiate"


class FileRefusedError(ValueError):
    """A payload names a file this app may not read; the message is for the user."""


class AppFiles:
    """One app's cache and policy, and the conversions components use.

    Args:
        cache: where this app's uploads and outputs go.
        values: the shared cache of initial values (also readable as input).
        allowed: ``allowed_paths`` plus static paths.
        blocked: ``blocked_paths``.
        root_url: the app's public URL, for the ``url`` of outputs (None: relative).
    """

    def __init__(
        self,
        cache: FileCache,
        values: FileCache | None = None,
        *,
        allowed: tuple[str | os.PathLike[str], ...] = (),
        blocked: tuple[str | os.PathLike[str], ...] = (),
        root_url: str | None = None,
    ) -> None:
        self.cache = cache
        self.values = values or cache
        caches = [cache.root] if self.values is cache else [cache.root, self.values.root]
        self.policy = PathPolicy.build(caches, allowed, blocked, output_roots=[Path.cwd()])
        self.temp_dir = Path(tempfile.gettempdir()).resolve()
        self.started = time.time()
        self.root_url = root_url

    # inputs

    def input_path(self, payload: Any, *, label: str = "file") -> str:
        """The local path of the file a client's FileData (or path string) names.

        Raises:
            FileRefusedError: not a FileData, a URL, or a path this app did not make.
        """
        raw = payload.get("path") if is_file_data(payload) else payload
        if isinstance(payload, dict) and not is_file_data(payload):
            raise FileRefusedError(
                f"The value for '{label}' is not a file: expected a FileData dict with "
                '"meta": {"_type": "gradio.FileData"}.'
            )
        if not isinstance(raw, str):
            raise FileRefusedError(f"The value for '{label}' has no file path.")
        if raw.startswith(("http://", "https://")):
            raise FileRefusedError(
                f"'{label}' was given a URL ({raw[:100]}); gradiate does not fetch URLs: "
                "upload the file (gradio_client's handle_file does)."
            )
        try:
            path = self.policy.acceptable_input(raw)
        except FileNotAllowedError:
            raise FileRefusedError(
                f"Cannot read {raw[:200]!r} for '{label}': it was not uploaded to this app."
            ) from None
        self.cache.touch(path)
        _pin_for_event(self.cache, path)
        return str(path)

    # outputs

    def output_file(
        self,
        value: str | os.PathLike[str],
        *,
        orig_name: str | None = None,
        mime_type: str | None = None,
    ) -> FileData:
        """A FileData for a file a function returned, copied into the cache first.

        Raises:
            FileRefusedError: the policy does not allow the file to be sent.
        """
        path = self._returnable(value)
        stored = path if self._in_caches(path) else self.cache.store_file(path)
        _pin_for_event(self.cache, stored)
        name = orig_name or Path(os.fspath(value)).name
        return self.file_data(stored, orig_name=name, mime_type=mime_type)

    def output_bytes(self, data: bytes, name: str, *, mime_type: str | None = None) -> FileData:
        """A FileData for ``data``, stored in the cache as ``name``."""
        stored = self.cache.store_bytes(data, name)
        _pin_for_event(self.cache, stored)
        return self.file_data(stored, orig_name=name, mime_type=mime_type)

    def new_file(self, name: str) -> Any:
        """A ``CacheWriter`` for an output written in pieces (``commit()`` gives its path)."""
        return self.cache.writer(name)

    def file_data(
        self, path: Path, *, orig_name: str | None = None, mime_type: str | None = None
    ) -> FileData:
        """The FileData of a stored file, with its size, type and download URL."""
        text = str(path)
        url = file_url(self.root_url, text) if self.root_url else f"/gradio_api/file={text}"
        return make_file_data(
            text,
            url=url,
            size=path.stat().st_size,
            orig_name=orig_name or path.name,
            mime_type=mime_type or guess_mime_type(path.name),
        )

    def _in_caches(self, path: Path) -> bool:
        return self.cache.contains(path) or self.values.contains(path)

    def _returnable(self, value: str | os.PathLike[str]) -> Path:
        text = os.fspath(value)
        try:
            return self.policy.returnable_output(text)
        except FileNotAllowedError:
            pass
        with contextlib.suppress(OSError, ValueError, FileNotAllowedError):
            resolved = Path(text).resolve(strict=True)
            if (
                resolved.is_file()
                and is_inside(resolved, self.temp_dir)
                and not any(p.startswith(".") for p in resolved.relative_to(self.temp_dir).parts)
                and not self.policy.is_blocked(resolved)
                and resolved.stat().st_ctime >= self.started
            ):
                return resolved
        raise FileRefusedError(
            f"Cannot send {text[:200]!r}: a function may return files from the working "
            "directory, the app's cache, allowed_paths, or the temp dir when created after "
            "the app started (pass allowed_paths=[...] to launch() to allow its folder)."
        )

    @contextlib.contextmanager
    def using(self, root_url: str | None = None) -> Iterator[AppFiles]:
        """Make this the current files (with ``root_url`` for output URLs) in the block."""
        files = self if root_url in (None, self.root_url) else self._with_root(root_url)
        token = _current.set(files)
        pins: list[Path] = []
        pins_token = _event_pins.set(pins)
        try:
            yield files
        finally:
            _event_pins.reset(pins_token)
            _current.reset(token)
            for path in pins:
                self.cache.unpin(path)

    def _with_root(self, root_url: str | None) -> AppFiles:
        clone = object.__new__(AppFiles)
        clone.__dict__.update(self.__dict__)
        clone.root_url = root_url
        return clone


def _pin_for_event(cache: FileCache, path: Path) -> None:
    pins = _event_pins.get()
    if pins is not None and cache.contains(path):
        cache.pin(path)
        pins.append(path)


_values: AppFiles | None = None


def values_files() -> AppFiles:
    """The process-wide files outside any event (initial values, examples)."""
    global _values
    if _values is None:
        _values = AppFiles(FileCache(cache_root() / "values"))
    return _values


_current: contextvars.ContextVar[AppFiles | None] = contextvars.ContextVar(
    "gradiate_files", default=None
)
_event_pins: contextvars.ContextVar[list[Path] | None] = contextvars.ContextVar(
    "gradiate_event_pins", default=None
)


def current_files() -> AppFiles:
    """The files of the app whose event is being processed, or the shared values."""
    return _current.get() or values_files()
