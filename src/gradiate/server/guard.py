"""``Guard``: the outermost ASGI layer; every request passes it, the raw hot routes included.

For each HTTP request, before any routing:

1. **Host allow-list** (DNS rebinding, SECURITY.md T38). An app bound to loopback answers
   only to ``localhost``, ``127.0.0.1``, ``[::1]`` (any port), its ``server_name``, the host
   of a full-URL ``root_path`` and ``allowed_hosts``; any other ``Host`` gets 421. An app
   bound to ``0.0.0.0`` or a public address answers to any ``Host``, as Gradio does, unless
   ``allowed_hosts`` is given: then only to those and the loopback names.
2. **Preflight** ``OPTIONS`` requests are answered here.
3. **Writes** (every method but GET, HEAD and OPTIONS) that carry an ``Origin`` are refused
   with 403, before the route runs, when the origin is ``null`` (unless
   ``strict_cors=False``), malformed, or foreign to a local app: one whose request ``Host`` is
   loopback, where only the exact same scheme, host and port count (T34-T37). Requests
   without ``Origin`` (curl, gradio_client) pass. On a non-local ``Host`` any origin may
   write, as in Gradio, so ``@gradio/client`` keeps working across sites.
4. **Response headers** on every response: ``X-Content-Type-Options: nosniff``,
   ``Referrer-Policy``, ``Content-Security-Policy: frame-ancestors ...`` and the CORS answer.
   ``Access-Control-Allow-Origin`` follows Gradio's rule (a local app grants it to loopback
   origins only, a non-local one to any), but ``Access-Control-Allow-Credentials`` goes only
   to the same origin, and never with ``*``.

Cost: one pass over the request's header list, a set lookup for a Host seen before, a dict
lookup for an (Origin, Host) pair seen before, and pre-encoded header tuples: 2-4 us a
request, with or without Origin, measured around an empty inner app. The hot routes add
``scope[RESPONSE_HEADERS]`` to their own responses; only the Starlette fallback's ``send``
is wrapped (``with_headers``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import orjson

from gradiate.server.asgi_types import ASGIApp, Headers, Message, Receive, Scope, Send
from gradiate.server.origins import (
    LOOPBACK_NAMES,
    WILDCARD_BINDS,
    bare_host,
    is_loopback,
    is_loopback_bind,
    parse_host,
    parse_origin,
)

if TYPE_CHECKING:
    from gradiate.launch_options import LaunchOptions


RESPONSE_HEADERS = "gradiate.response_headers"
"""The scope key holding the headers every response to this request must carry."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_PREFLIGHT_METHODS = b"DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
_SHOWN_CHARS = 100
_GOOD_HOSTS_CACHED = 1024
_VERDICTS_CACHED = 1024


@dataclass(frozen=True, slots=True)
class GuardPolicy:
    """What the guard lets through, from the launch options."""

    allowed_hosts: frozenset[str] | None
    """Host names served (lower case, IPv6 without brackets); None: any."""
    strict_cors: bool = True
    frame_ancestors: tuple[str, ...] = ("*",)

    @classmethod
    def from_options(cls, options: LaunchOptions) -> GuardPolicy:
        """The policy for an app launched with ``options`` (see the module docstring)."""
        extra = {bare_host(host) for host in options.allowed_hosts}
        strict, frames = options.strict_cors, options.frame_ancestors
        if "*" in extra or not (extra or is_loopback_bind(options.server_name)):
            return cls(None, strict, frames)
        hosts = set(LOOPBACK_NAMES) | extra
        if options.server_name not in WILDCARD_BINDS:
            hosts.add(bare_host(options.server_name))
        root_host = urlsplit(options.root_path).hostname if "://" in options.root_path else None
        if root_host:
            hosts.add(root_host.lower())
        return cls(frozenset(hosts), strict, frames)

    def allowing(self, *hosts: str) -> GuardPolicy:
        """This policy serving ``hosts`` too (a share link's host, for one)."""
        if self.allowed_hosts is None:
            return self
        return replace(self, allowed_hosts=self.allowed_hosts | {bare_host(host) for host in hosts})


@dataclass(frozen=True, slots=True)
class OriginVerdict:
    """What a request's ``Origin`` may do here."""

    may_read: bool
    """Whether the response gets ``Access-Control-Allow-Origin``."""
    may_write: bool
    """Whether a state-changing request from it runs."""
    is_same: bool = False
    """Same scheme, host and port as the request: credentials may be allowed."""


_SAME = OriginVerdict(True, True, True)
_READ_ONLY = OriginVerdict(True, False)
_ANY = OriginVerdict(True, True)
_NONE = OriginVerdict(False, False)


class Guard:
    """The root ASGI app: checks Host and Origin, then hands the request to ``app``.

    ``app`` must add ``scope[RESPONSE_HEADERS]`` to every response it sends (``HotRoutes``
    does, wrapping its fallback's ``send`` with ``with_headers``).
    """

    def __init__(self, app: ASGIApp, policy: GuardPolicy) -> None:
        self.app = app
        self.policy = policy
        csp = ("frame-ancestors " + " ".join(policy.frame_ancestors)).encode()
        self.security_headers: Headers = (
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"content-security-policy", csp),
        )
        self._vary_only = (*self.security_headers, (b"vary", b"Origin"))
        self._checks_host = policy.allowed_hosts is not None
        self._good_hosts: set[bytes] = set()
        self._verdicts: dict[tuple[bytes, bytes | None, str], tuple[OriginVerdict, Headers]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan; websockets are off (uvicorn ws="none")
            await self.app(scope, receive, send)
            return
        host: bytes | None = None
        origin: bytes | None = None
        preflight_method: bytes | None = None
        for name, value in scope["headers"]:  # the first of each, as the routes will read
            if name == b"host":
                host = host or value
            elif name == b"origin":
                origin = origin or value
            elif name == b"access-control-request-method":
                preflight_method = value
        if (
            self._checks_host
            and host is not None
            and host not in self._good_hosts
            and not self._is_allowed_host(host)
        ):
            await self._refuse_host(send, host)
            return
        if origin is None:
            scope[RESPONSE_HEADERS] = self.security_headers
            await self.app(scope, receive, send)
            return
        key = (origin, host, scope.get("scheme", "http"))
        answer = self._verdicts.get(key)
        if answer is None:  # a browser sends the same Origin and Host on every request
            verdict = self.verdict(scope, host, origin.decode("latin-1"))
            answer = (verdict, self._cors_headers(origin, verdict))
            if host is not None and len(self._verdicts) < _VERDICTS_CACHED:
                self._verdicts[key] = answer
        verdict, headers = answer
        if scope["method"] == "OPTIONS" and preflight_method is not None:
            await self._preflight(scope, send, origin, preflight_method, verdict)
            return
        if scope["method"] not in SAFE_METHODS and not verdict.may_write:
            await self._refuse_origin(send, scope["method"], origin)
            return
        scope[RESPONSE_HEADERS] = headers
        await self.app(scope, receive, send)

    def allow_hosts(self, *hosts: str) -> None:
        """Serve ``hosts`` from now on as well (for a share tunnel opened after launch)."""
        self.policy = self.policy.allowing(*hosts)
        self._verdicts.clear()

    # ----- decisions ------------------------------------------------------------------

    def _is_allowed_host(self, raw: bytes) -> bool:
        allowed = self.policy.allowed_hosts
        parsed = parse_host(raw.decode("latin-1"), "http")
        is_allowed = allowed is None or (parsed is not None and parsed[0] in allowed)
        if is_allowed and len(self._good_hosts) < _GOOD_HOSTS_CACHED:
            self._good_hosts.add(raw)
        return is_allowed

    def verdict(self, scope: Scope, host: bytes | None, origin: str) -> OriginVerdict:
        """What ``origin`` may do on a request to ``host`` (see the module docstring)."""
        if origin == "null":
            return _NONE if self.policy.strict_cors else _ANY
        parsed = parse_origin(origin)
        scheme: str = scope.get("scheme", "http")
        if host is not None:
            own = parse_host(host.decode("latin-1"), scheme)
        else:
            server = scope.get("server") or ("", 0)
            own = (bare_host(str(server[0])), int(server[1] or 0))
        if parsed is None or own is None:
            return _NONE
        if (parsed.scheme, parsed.host, parsed.port) == (scheme, *own):
            return _SAME
        if is_loopback(own[0]):
            return _READ_ONLY if is_loopback(parsed.host) else _NONE
        return _ANY

    def _cors_headers(self, origin: bytes, verdict: OriginVerdict) -> Headers:
        if not verdict.may_read:
            return self._vary_only
        if verdict.is_same:
            return (*self._vary_only, (b"access-control-allow-origin", origin),
                    (b"access-control-allow-credentials", b"true"))  # fmt: skip
        return (*self._vary_only, (b"access-control-allow-origin", origin))

    # ----- answers --------------------------------------------------------------------

    async def _preflight(
        self, scope: Scope, send: Send, origin: bytes, method: bytes, verdict: OriginVerdict
    ) -> None:
        is_write = method.decode("latin-1").upper() not in SAFE_METHODS
        if not (verdict.may_write if is_write else verdict.may_read):
            await self._refuse_origin(send, method.decode("latin-1"), origin)
            return
        headers = [*self._cors_headers(origin, verdict),
                   (b"access-control-allow-methods", _PREFLIGHT_METHODS),
                   (b"access-control-max-age", b"600")]  # fmt: skip
        for name, value in scope["headers"]:
            if name == b"access-control-request-headers" and _is_token_list(value):
                headers.append((b"access-control-allow-headers", value))
        headers += [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"2")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"OK"})

    async def _refuse_host(self, send: Send, host: bytes) -> None:
        names = ", ".join(sorted(self.policy.allowed_hosts or ()))
        shown = host.decode("latin-1")[:_SHOWN_CHARS]
        await self._refuse(
            send, 421, "misdirected_request",
            f"This server does not answer to Host '{shown}'; it serves {names}. To serve "
            "another name, add it with launch(allowed_hosts=[...]) or GRADIATE_ALLOWED_HOSTS.",
        )  # fmt: skip

    async def _refuse_origin(self, send: Send, method: str, origin: bytes) -> None:
        shown = origin.decode("latin-1")[:_SHOWN_CHARS]
        if shown == "null":
            detail = (
                f"A {method} from Origin 'null' (a sandboxed frame or a local file) is "
                "refused; launch(strict_cors=False) allows it."
            )
        else:
            detail = (
                f"A cross-site {method} from Origin '{shown}' is refused: other sites may not "
                "change this local app's state. Open the app from its own address, or call "
                "the API without a browser (curl, gradio_client)."
            )
        await self._refuse(send, 403, "cross_origin_refused", detail, (b"vary", b"Origin"))

    async def _refuse(
        self, send: Send, status: int, error: str, detail: str, *extra: tuple[bytes, bytes]
    ) -> None:
        # No ``Connection: close``: closing with the request body unread resets the
        # connection, and browsers then report a network error instead of this answer.
        await send_json(send, status, {"error": error, "detail": detail},
                        (*self.security_headers, *extra))  # fmt: skip


def _is_token_list(value: bytes) -> bool:
    return len(value) <= 1024 and all(
        48 <= byte <= 57 or 65 <= byte <= 90 or 97 <= byte <= 122 or byte in b"-_, "
        for byte in value
    )


async def send_json(send: Send, status: int, content: Any, headers: Headers) -> None:
    """Send ``content`` as a whole JSON response with ``headers`` added."""
    body = orjson.dumps(content)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *headers]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def with_headers(send: Send, headers: Headers) -> Send:
    """``send`` that adds ``headers`` to the response's start message."""

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", ()), *headers]
        await send(message)

    return send_with_headers


def create_guard(app: ASGIApp, options: LaunchOptions) -> Guard:
    """``app`` behind a guard configured from ``options``."""
    return Guard(app, GuardPolicy.from_options(options))
