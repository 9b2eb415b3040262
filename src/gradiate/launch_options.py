"""``LaunchOptions``: the validated settings of ``Blocks.launch()``.

``launch()`` keeps Gradio's long signature as a facade; it packs the arguments into this
frozen record, checked once, and hands it to the server layer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
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
    strict_cors: bool = True
    """Refuse ``Origin: null`` (a sandboxed frame or a local file); False allows it, as Gradio."""
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)
    """Extra ``Host`` names served besides loopback and ``server_name`` (``"*"``: any)."""
    frame_ancestors: tuple[str, ...] = ("*",)
    """The CSP ``frame-ancestors`` sources: who may show the app in a frame."""
    max_sessions: int = 100_000
    """Sessions kept at once; past it new sessions get 503 with ``Retry-After``."""
    max_events_per_session: int = 64
    """Events one session may have waiting or running; past it a join gets 503."""

    @classmethod
    def build(
        cls,
        *,
        server_name: str | None,
        server_port: int | None,
        max_threads: int,
        max_file_size: int | str | None,
        allowed_hosts: Sequence[str] | None = None,
        frame_ancestors: str | Sequence[str] | None = None,
        max_sessions: int = 100_000,
        max_events_per_session: int = 64,
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
        for option, value in (("max_sessions", max_sessions),
                              ("max_events_per_session", max_events_per_session)):  # fmt: skip
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"launch({option}={value!r}): use an integer of at least 1.")
        return cls(
            server_name=name,
            server_port=port,
            max_threads=max_threads,
            max_file_size_bytes=parse_size(max_file_size),
            allowed_hosts=parse_allowed_hosts(allowed_hosts, _env("ALLOWED_HOSTS")),
            frame_ancestors=parse_frame_ancestors(frame_ancestors),
            max_sessions=max_sessions,
            max_events_per_session=max_events_per_session,
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


_HOST_NAME = re.compile(r"^(?:\*|[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?|\[[0-9a-f:.]+\])$")
_SOURCE_KEYWORDS = ("*", "'self'", "'none'")
_SCHEME_SOURCE = re.compile(r"^[a-z][a-z0-9+.-]*:$")
_HOST_SOURCE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:[0-9]{1,5}|\*))?$"
)


def parse_allowed_hosts(hosts: Sequence[str] | None, env: str | None) -> tuple[str, ...]:
    """``launch(allowed_hosts=...)`` and ``GRADIATE_ALLOWED_HOSTS`` (comma-separated), merged.

    Raises:
        ConfigError: an entry is not a bare host name or address.
    """
    if isinstance(hosts, str):
        hosts = [hosts]
    names = [*(hosts or ()), *(part for part in (env or "").split(",") if part.strip())]
    checked: list[str] = []
    for name in names:
        host = name.strip().lower() if isinstance(name, str) else name
        if not isinstance(host, str) or not _HOST_NAME.match(host):
            raise ConfigError(
                f"allowed_hosts entry {name!r} is not a host name; give bare names or "
                "addresses such as 'myapp.example.com' or '192.168.1.5' (no scheme, no port), "
                "or '*' for any."
            )
        checked.append(host)
    return tuple(dict.fromkeys(checked))


def parse_frame_ancestors(sources: str | Sequence[str] | None) -> tuple[str, ...]:
    """``launch(frame_ancestors=...)``: CSP sources such as ``"'self'"`` or ``"https://a.b"``.

    Raises:
        ConfigError: a source is not one CSP accepts in ``frame-ancestors``.
    """
    if sources is None:
        return ("*",)
    items = sources.split() if isinstance(sources, str) else list(sources)
    if not items:
        raise ConfigError(
            "launch(frame_ancestors=[]): give at least one source; use [\"'none'\"] to forbid "
            "framing, [\"'self'\"] for this origin only, or ['*'] (the default) for any."
        )
    for source in items:
        text = source.lower() if isinstance(source, str) else source
        if text in ("self", "none"):  # a host named "self" to CSP: surely a missing quote
            raise ConfigError(
                f"frame_ancestors source {source!r} needs its quotes: write \"'{text}'\"."
            )
        if not isinstance(text, str) or not (
            text in _SOURCE_KEYWORDS or _SCHEME_SOURCE.match(text) or _HOST_SOURCE.match(text)
        ):
            raise ConfigError(
                f"frame_ancestors source {source!r} is not a CSP source; use '*', \"'self'\", "
                "\"'none'\", a scheme such as 'https:', or an origin such as "
                "'https://example.com' (quotes around self and none included)."
            )
    if "'none'" in (item.lower() for item in items) and len(items) > 1:
        raise ConfigError(
            f"frame_ancestors={items!r}: \"'none'\" must be the only source when given."
        )
    return tuple(items)
