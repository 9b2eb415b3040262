"""Queue routes beside join and data (see ``hot_routes``): cancel, reset, heartbeat, status."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import anyio
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from gradiate.server.responses import (
    BadRequestError,
    JSONResponse,
    read_json_object,
    sse_response,
)

if TYPE_CHECKING:
    from gradiate.engine.engine import Engine

SESSION_HASH_MAX_CHARS = 128


def check_session_hash(value: object) -> str:
    """A session hash from the client: a short string.

    Raises:
        BadRequestError: it is missing, not a string, or too long.
    """
    if not isinstance(value, str) or not value:
        raise BadRequestError(400, "session_hash_missing", "Session hash not found.")
    if len(value) > SESSION_HASH_MAX_CHARS:
        raise BadRequestError(
            400, "session_hash_invalid", f"session_hash is longer than {SESSION_HASH_MAX_CHARS}."
        )
    return value


def check_data(value: object) -> list[Any]:
    """The ``data`` list of a join or call body."""
    if not isinstance(value, list):
        raise BadRequestError(
            422, "invalid_data", f"'data' must be a list with one value per input, got {value!r}."
        )
    return value


class QueueRoutes:
    """Handlers bound to one app's engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    async def cancel(self, request: Request) -> Response:
        """``POST /cancel``: stop an event; always ``{"success": true}``, as Gradio."""
        body = await read_json_object(request)
        self.engine.cancel(body.get("event_id"))
        return JSONResponse({"success": True})

    async def reset(self, request: Request) -> Response:
        """``POST /reset``: a no-op kept for clients."""
        await read_json_object(request)
        return JSONResponse({"success": True})

    async def heartbeat(self, request: Request) -> StreamingResponse:
        """``GET /heartbeat/{session_hash}``: ``ALIVE`` now and every interval."""
        session_hash = check_session_hash(request.path_params["session_hash"])
        return sse_response(self._alive(session_hash))

    async def _alive(self, session_hash: str) -> AsyncIterator[bytes]:
        while True:
            self.engine.touch_session(session_hash)
            yield b"data: ALIVE\n\n"
            await anyio.sleep(self.engine.heartbeat_interval_s)

    async def status(self, request: Request) -> Response:
        """``GET /queue/status``: how many events wait."""
        return JSONResponse(
            {
                "msg": "estimation",
                "event_id": None,
                "rank": None,
                "queue_size": self.engine.waiting_count(),
                "rank_eta": None,
            }
        )
