"""``LaunchOptions``: the validated settings of ``Blocks.launch()``.

``launch()`` keeps Gradio's long signature as a facade; it packs the arguments into this
frozen record, checked once, and hands it to the server layer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from gradiate.exceptions import ConfigError

DEFAULT_PORT = 7860
PORT_SEARCH_SPAN = 100


def _env(name: str) -> str | None:
    """Read ``GRADIATE_<name>``, falling back to Gradio's ``GRADIO_<name>``."""
    return os.environ.get(f"GRADIATE_{name}") or os.environ.get(f"GRADIO_{name}")


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    """Everything the server needs to know to serve an app."""

    server_name: str = "127.0.0.1"
    server_port: int | None = None
    """A fixed port, or ``None`` to take the first free one from 7860 on."""
    inbrowser: bool = False
    prevent_thread_lock: bool = False
    quiet: bool = False
    show_error: bool = False
    max_threads: int = 40
    root_path: str = ""
    ssl_keyfile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile_password: str | None = None
    max_file_size_bytes: int | None = None
    allowed_paths: tuple[str, ...] = field(default_factory=tuple)
    blocked_paths: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def build(
        cls,
        *,
        server_name: str | None,
        server_port: int | None,
        max_threads: int,
        max_file_size: int | str | None,
        **rest: object,
    ) -> LaunchOptions:
        """Apply environment defaults and check values; raise ``ConfigError`` when wrong."""
        name = server_name or _env("SERVER_NAME") or "127.0.0.1"
        port = server_port
        env_port = _env("SERVER_PORT")
        if port is None and env_port:
            try:
                port = int(env_port)
            except ValueError:
                raise ConfigError(
                    f"GRADIO_SERVER_PORT={env_port!r} is not a port number; set it to an "
                    "integer such as 7860."
                ) from None
        if port is not None and not 0 <= port <= 65535:
            raise ConfigError(f"launch(server_port={port}): a port must be between 0 and 65535.")
        if max_threads < 1:
            raise ConfigError(f"launch(max_threads={max_threads}): use at least 1 thread.")
        return cls(
            server_name=name,
            server_port=port,
            max_threads=max_threads,
            max_file_size_bytes=parse_size(max_file_size),
            **rest,  # type: ignore[arg-type]  # names are checked by the dataclass itself
        )


_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "kib": 1024, "mib": 1024**2}


def parse_size(size: int | str | None) -> int | None:
    """Turn ``10_000``, ``"5mb"`` or ``"2 MiB"`` into bytes, as Gradio's ``max_file_size``."""
    if size is None or isinstance(size, int):
        return size
    text = size.strip().lower().replace(" ", "")
    for unit in sorted(_UNITS, key=len, reverse=True):
        if text.endswith(unit) and text[: -len(unit)].replace(".", "", 1).isdigit():
            return int(float(text[: -len(unit)]) * _UNITS[unit])
    if text.isdigit():
        return int(text)
    raise ConfigError(
        f"max_file_size={size!r} is not a size; use bytes (10000) or a string like '5mb'."
    )
