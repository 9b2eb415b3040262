"""The two routes every event uses, ``queue/join`` and ``queue/data``, as raw ASGI.

They carry all event traffic, so they skip Starlette's middleware stack, router and
request objects, which cost about as much as the event itself. Every other path goes on
to the Starlette app. Validation and error bodies are the same as the Starlette routes'.
The ``Guard`` in front has already checked Host and Origin; its response headers are in
``scope[RESPONSE_HEADERS]`` and go on every answer from here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import aclosing
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from gradiate.engine.engine import UnknownEndpointError
from gradiate.server.asgi_types import ASGIApp, Headers, Receive, Scope, Send
from gradiate.server.guard import RESPONSE_HEADERS, send_json, with_headers
from gradiate.server.json_body import lingering_on_413, read_json_object
from gradiate.server.request_info import request_info
from gradiate.server.responses import BadRequestError, sse_frame
from gradiate.server.routes_queue import admit, check_data, check_session_hash

if TYPE_CHECKING:
    from gradiate.engine.engine import Engine


JOIN_PATH = "/gradio_api/queue/join"
DATA_PATH = "/gradio_api/queue/data"
_SSE_HEADERS = (
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
)


class HotRoutes:
    """ASGI app: answers join and data itself, hands everything else to ``fallback``."""

    def __init__(self, engine: Engine, fallback: ASGIApp) -> None:
        self.engine = engine
        self.fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.fallback(scope, receive, send)
            return
        # The guard's headers: added to the answers here, and to the fallback's by ``send``.
        headers: tuple[tuple[bytes, bytes], ...] = scope.get(RESPONSE_HEADERS, ())
        path: str = scope["path"]
        root_path: str = scope.get("root_path", "")
        if root_path and path.startswith(root_path):
            path = path[len(root_path) :]
        try:
            if path == JOIN_PATH and scope["method"] == "POST":
                await self._join(scope, receive, send, headers)
                return
            if path == DATA_PATH and scope["method"] == "GET":
                await self._data(scope, receive, send, headers)
                return
        except BadRequestError as exc:
            await send_json(lingering_on_413(send, receive) if exc.status == 413 else send,
                            exc.status, {"error": exc.error, "detail": exc.detail},
                            (*headers, *_error_headers(exc)))  # fmt: skip
            return
        if headers:
            send = with_headers(send, headers)
        if scope["method"] == "POST":
            send = lingering_on_413(send, receive)
        await self.fallback(scope, receive, send)

    async def _join(self, scope: Scope, receive: Receive, send: Send, headers: Headers) -> None:
        body = await read_json_object(scope, receive)
        session_hash = check_session_hash(body.get("session_hash"))
        try:
            block_fn = self.engine.fn_by_index(body.get("fn_index"))
        except UnknownEndpointError as exc:
            raise BadRequestError(404, "unknown_fn_index", str(exc)) from None
        data = check_data(body.get("data"))
        plan = block_fn.plan
        # a file output's URL is built from the request's host
        needs_request = (plan is not None and plan.needs_request) or block_fn.processes_files
        event_id = await admit(
            self.engine, block_fn, data, session_hash, event_data=body.get("event_data"),
            trigger_id=body.get("trigger_id"),
            request=request_info(scope) if needs_request else None,
        )  # fmt: skip
        await send_json(send, 200, {"event_id": event_id}, headers)

    async def _data(self, scope: Scope, receive: Receive, send: Send, headers: Headers) -> None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        session_hash = check_session_hash((query.get("session_hash") or [None])[0])
        start = {"type": "http.response.start", "status": 200, "headers": [*_SSE_HEADERS, *headers]}
        await send(start)
        watch = DisconnectWatch(receive, lambda: self.engine.nudge(session_hash))
        try:
            async with aclosing(self.engine.stream(session_hash)) as batches:
                async for batch in batches:
                    if watch.is_disconnected:
                        return
                    body = b"".join(sse_frame(message) for message in batch)
                    await send({"type": "http.response.body", "body": body, "more_body": True})
        finally:
            watch.close()
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _error_headers(exc: BadRequestError) -> tuple[tuple[bytes, bytes], ...]:
    if exc.status == 413:  # the body was not read to its end: close rather than drain it
        return ((b"connection", b"close"),)
    if exc.retry_after_s is not None:
        return ((b"retry-after", str(exc.retry_after_s).encode()),)
    return ()


class DisconnectWatch:
    """Notices the client hanging up while a stream waits, and wakes the stream.

    uvicorn drops writes to a closed connection silently; only ``receive()`` tells. A
    watcher per stream (an anyio task group, or even one plain task) cost a third to a
    half of an event, and most streams end within a millisecond. So the watcher starts
    only once a stream has been open ``delay_s``; a loop timer is all a short one costs.
    """

    def __init__(
        self, receive: Receive, on_disconnect: Callable[[], None], delay_s: float = 0.5
    ) -> None:
        self.is_disconnected = False
        self._receive = receive
        self._on_disconnect = on_disconnect
        self._loop = asyncio.get_running_loop()
        self._task: asyncio.Task[None] | None = None
        self._timer = self._loop.call_later(delay_s, self._start)

    def _start(self) -> None:
        self._task = self._loop.create_task(self._watch())

    async def _watch(self) -> None:
        while (await self._receive())["type"] != "http.disconnect":
            pass
        self.is_disconnected = True
        self._on_disconnect()

    def close(self) -> None:
        """Stop watching."""
        self._timer.cancel()
        if self._task is not None:
            self._task.cancel()
