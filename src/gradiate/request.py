"""``gr.Request``: what the HTTP request that ran an event said (headers, client, query).

A function asks for it with a parameter annotated ``gr.Request``. The server hands the
engine a ``RequestInfo``, a plain record read from the connection, so the engine stays
free of HTTP; ``Request`` parses its parts only when the function reads them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any, NamedTuple
from urllib.parse import parse_qsl


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """The parts of an HTTP request a ``gr.Request`` exposes, as the server read them."""

    headers: tuple[tuple[bytes, bytes], ...] = ()
    """Raw header pairs, names in lower case (ASGI's form)."""
    client: tuple[str, int] | None = None
    """The client's host and port."""
    query_string: bytes = b""
    scheme: str = "http"
    server: tuple[str, int | None] | None = None
    root_path: str = ""
    path: str = "/"
    path_params: dict[str, str] = field(default_factory=dict[str, str])


def request_to_wire(info: RequestInfo) -> dict[str, Any]:
    """``info`` as JSON values (bytes as Latin-1 text), to travel with a job."""
    return {
        "headers": [
            [name.decode("latin-1"), value.decode("latin-1")] for name, value in info.headers
        ],
        "client": list(info.client) if info.client else None,
        "query_string": info.query_string.decode("latin-1"),
        "scheme": info.scheme,
        "server": list(info.server) if info.server else None,
        "root_path": info.root_path,
        "path": info.path,
        "path_params": info.path_params,
    }


def request_from_wire(wire: dict[str, Any]) -> RequestInfo:
    """The ``RequestInfo`` that ``request_to_wire`` gave."""
    client, server = wire.get("client"), wire.get("server")
    return RequestInfo(
        headers=tuple((n.encode("latin-1"), v.encode("latin-1")) for n, v in wire["headers"]),
        client=(client[0], client[1]) if client else None,
        query_string=wire["query_string"].encode("latin-1"),
        scheme=wire["scheme"],
        server=(server[0], server[1]) if server else None,
        root_path=wire["root_path"],
        path=wire["path"],
        path_params=dict(wire["path_params"]),
    )


class Address(NamedTuple):
    """A client's address: ``request.client.host``."""

    host: str
    port: int


class Headers(Mapping[str, str]):
    """Read-only request headers; names are case-insensitive, the first value wins."""

    def __init__(self, raw: tuple[tuple[bytes, bytes], ...]) -> None:
        self._items = [
            (name.decode("latin-1").lower(), value.decode("latin-1")) for name, value in raw
        ]

    def __getitem__(self, name: str) -> str:
        wanted = name.lower()
        for key, value in self._items:
            if key == wanted:
                return value
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(key for key, _ in self._items))

    def __len__(self) -> int:
        return len(dict.fromkeys(key for key, _ in self._items))

    def getlist(self, name: str) -> list[str]:
        """Every value of header ``name``."""
        wanted = name.lower()
        return [value for key, value in self._items if key == wanted]

    def __repr__(self) -> str:
        return f"Headers({dict(self)!r})"


class QueryParams(Mapping[str, str]):
    """Read-only query parameters; the last value of a repeated name wins."""

    def __init__(self, query_string: bytes) -> None:
        self._items = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
        self._last = dict(self._items)

    def __getitem__(self, name: str) -> str:
        return self._last[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._last)

    def __len__(self) -> int:
        return len(self._last)

    def getlist(self, name: str) -> list[str]:
        """Every value of parameter ``name``."""
        return [value for key, value in self._items if key == name]

    def __repr__(self) -> str:
        return f"QueryParams({self._last!r})"


class Request:
    """The request that ran an event (Gradio's ``gr.Request``).

    Declare a parameter ``request: gr.Request`` and gradiate passes it in; it is not an
    input. ``headers``, ``client``, ``query_params``, ``cookies``, ``url``, ``base_url``
    and ``path_params`` describe the HTTP request; ``session_hash`` names the browser
    session; ``username`` is the logged-in user (``None`` without auth).

    Args:
        request: the request as the server read it; ``None`` for an event with no request.
        username: the logged-in user, if any.
        session_hash: the session that joined the event.
        **kwargs: extra attributes, kept in ``kwargs`` (Gradio's use: requests built by hand).
    """

    def __init__(
        self,
        request: RequestInfo | None = None,
        username: str | None = None,
        session_hash: str | None = None,
        **kwargs: object,
    ) -> None:
        self._info = request or RequestInfo()
        self.session_hash = session_hash
        self.username = username
        self.kwargs: dict[str, object] = dict(kwargs)

    @property
    def headers(self) -> Headers:
        """The request headers (``request.headers["user-agent"]``)."""
        return Headers(self._info.headers)

    @property
    def client(self) -> Address | None:
        """The client's address (``request.client.host``)."""
        client = self._info.client
        return Address(*client) if client is not None else None

    @property
    def query_params(self) -> QueryParams:
        """The query string's parameters."""
        return QueryParams(self._info.query_string)

    @property
    def cookies(self) -> dict[str, str]:
        """The cookies the browser sent."""
        cookie = SimpleCookie()
        for value in self.headers.getlist("cookie"):
            cookie.load(value)
        return {name: morsel.value for name, morsel in cookie.items()}

    @property
    def path_params(self) -> dict[str, str]:
        """The path's parameters (such as ``api_name`` on ``/call/<api_name>``)."""
        return dict(self._info.path_params)

    @property
    def base_url(self) -> str:
        """The app's root URL, ending with ``/``."""
        info = self._info
        return f"{info.scheme}://{self._host()}{info.root_path}/"

    @property
    def url(self) -> str:
        """The full URL the request was sent to (an ASGI path already holds the root path)."""
        info = self._info
        query = f"?{info.query_string.decode('latin-1')}" if info.query_string else ""
        return f"{info.scheme}://{self._host()}{info.path}{query}"

    def _host(self) -> str:
        host = self.headers.get("host")
        if host is None and self._info.server is not None:
            name, port = self._info.server
            host = name if port is None else f"{name}:{port}"
        return host or "localhost"

    def __repr__(self) -> str:
        return f"Request(session_hash={self.session_hash!r}, client={self.client!r})"
