"""The two routes every event uses, ``queue/join`` and ``queue/data``, as raw ASGI.

They carry all event traffic, so they skip Starlette's middleware stack, router and
request objects, which cost about as much as the event itself. Every other path goes on
to the Starlette app. Validation and error bodies are the same as the Starlette routes'.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import aclosing
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import orjson

from gradiate.engine.engine import QueueFullError, UnknownEndpointError
from gradiate.server.request_info import request_info
from gradiate.server.responses import (
    MAX_JSON_BODY_BYTES,
    BadRequestError,
    parse_json_object,
    sse_frame,
    too_large,
)
from gradiate.server.routes_queue import check_data, check_session_hash

if TYPE_CHECKING:
    from gradiate.engine.engine import Engine

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

JOIN_PATH = "/gradio_api/queue/join"
DATA_PATH = "/gradio_api/queue/data"
_JSON_HEADERS = [(b"content-type", b"application/json")]
_SSE_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
]


class HotRoutes:
    """ASGI app: answers join and data itself, hands everything else to ``fallback``."""

    def __init__(self, engine: Engine, fallback: ASGIApp) -> None:
        self.engine = engine
        self.fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            root_path: str = scope.get("root_path", "")
            if root_path and path.startswith(root_path):
                path = path[len(root_path) :]
            try:
                if path == JOIN_PATH and scope["method"] == "POST":
                    await self._join(scope, receive, send)
                    return
                if path == DATA_PATH and scope["method"] == "GET":
                    await self._data(scope, receive, send)
                    return
            except BadRequestError as exc:
                body = {"error": exc.error, "detail": exc.detail}
                await _send_json(send, exc.status, body)
                return
        await self.fallback(scope, receive, send)

    async def _join(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await _read_json_object(receive)
        session_hash = check_session_hash(body.get("session_hash"))
        try:
            block_fn = self.engine.fn_by_index(body.get("fn_index"))
        except UnknownEndpointError as exc:
            raise BadRequestError(404, "unknown_fn_index", str(exc)) from None
        data = check_data(body.get("data"))
        try:
            plan = block_fn.plan
            needs_request = plan is not None and plan.needs_request
            event_id = self.engine.join(
                block_fn, data, session_hash, event_data=body.get("event_data"),
                trigger_id=body.get("trigger_id"),
                request=request_info(scope) if needs_request else None,
            )  # fmt: skip
        except QueueFullError:
            raise BadRequestError(
                503, "queue_full", "Queue is full! Please try again later."
            ) from None
        await _send_json(send, 200, {"event_id": event_id})

    async def _data(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        session_hash = check_session_hash((query.get("session_hash") or [None])[0])
        await send({"type": "http.response.start", "status": 200, "headers": _SSE_HEADERS})
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


async def _read_json_object(receive: Receive) -> dict[str, Any]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise BadRequestError(400, "client_disconnected", "The request body was cut off.")
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > MAX_JSON_BODY_BYTES:
            raise too_large()
        chunks.append(chunk)
        if not message.get("more_body", False):
            return parse_json_object(b"".join(chunks))


async def _send_json(send: Send, status: int, content: Any) -> None:
    body = orjson.dumps(content)
    headers = [*_JSON_HEADERS, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
