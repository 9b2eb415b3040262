"""Queue routes beside join and data (see ``hot_routes``): cancel, reset, heartbeat, status."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import anyio
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from gradiate.engine.engine import (
    BackendUnavailableError,
    QueueFullError,
    SessionBusyError,
    SessionLimitError,
)
from gradiate.server.json_body import read_json_object
from gradiate.server.responses import BadRequestError, JSONResponse, describe, sse_response

if TYPE_CHECKING:
    from gradiate.engine.engine import Engine
    from gradiate.events import BlockFunction

SESSION_HASH_MAX_CHARS = 128
RETRY_AFTER_S = 5
"""What a 503 asks the client to wait: events usually finish in seconds."""
SESSIONS_RETRY_AFTER_S = 30
"""What a 503 for too many sessions asks: idle sessions are swept every half minute."""


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
            422,
            "invalid_data",
            f"'data' must be a list with one value per input, got {describe(value)}.",
        )
    return value


async def admit(
    engine: Engine,
    block_fn: BlockFunction,
    data: list[Any],
    session_hash: str,
    **options: Any,
) -> str:
    """``engine.join`` with its admission limits answered as 503 + ``Retry-After``.

    Raises:
        BadRequestError: the queue, the session or the session store is full.
    """
    try:
        return await engine.join(block_fn, data, session_hash, **options)
    except BackendUnavailableError as exc:
        raise BadRequestError(
            503, "backend_unavailable", f"{exc} Please try again in a few seconds.",
            retry_after_s=RETRY_AFTER_S,
        ) from None  # fmt: skip
    except QueueFullError:
        raise BadRequestError(
            503, "queue_full", "Queue is full! Please try again later.",
            retry_after_s=RETRY_AFTER_S,
        ) from None  # fmt: skip
    except SessionBusyError:
        raise BadRequestError(
            503, "session_busy",
            f"This session already has {engine.max_pending_per_session} events waiting or "
            "running; wait for some to finish (or raise launch(max_events_per_session=...)).",
            retry_after_s=RETRY_AFTER_S,
        ) from None  # fmt: skip
    except SessionLimitError:
        raise BadRequestError(
            503, "too_many_sessions",
            f"The server already holds {engine.limits.max_sessions} sessions; try again "
            "later (or raise launch(max_sessions=...)).",
            retry_after_s=SESSIONS_RETRY_AFTER_S,
        ) from None  # fmt: skip


class QueueRoutes:
    """Handlers bound to one app's engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    async def cancel(self, request: Request) -> Response:
        """``POST /cancel``: stop an event; always ``{"success": true}``, as Gradio."""
        body = await read_json_object(request.scope, request.receive)
        try:
            await self.engine.cancel(body.get("event_id"))
        except BackendUnavailableError as exc:
            raise BadRequestError(
                503, "backend_unavailable", str(exc), retry_after_s=RETRY_AFTER_S
            ) from None
        return JSONResponse({"success": True})

    async def reset(self, request: Request) -> Response:
        """``POST /reset``: a no-op kept for clients."""
        await read_json_object(request.scope, request.receive)
        return JSONResponse({"success": True})

    async def heartbeat(self, request: Request) -> StreamingResponse:
        """``GET /heartbeat/{session_hash}``: ``ALIVE`` now and every interval."""
        session_hash = check_session_hash(request.path_params["session_hash"])
        return sse_response(self._alive(session_hash))

    async def _alive(self, session_hash: str) -> AsyncIterator[bytes]:
        while True:
            await self.engine.touch_session(session_hash)
            yield b"data: ALIVE\n\n"
            await anyio.sleep(self.engine.heartbeat_interval_s)

    async def status(self, request: Request) -> Response:
        """``GET /queue/status``: how many events wait."""
        return JSONResponse(
            {
                "msg": "estimation",
                "event_id": None,
                "rank": None,
                "queue_size": await self.engine.waiting_count(),
                "rank_eta": None,
            }
        )
