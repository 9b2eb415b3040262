"""JSON and SSE responses, and the error every route raises for a bad request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.responses import Response, StreamingResponse

SSE_HEADERS = {"cache-control": "no-cache", "x-accel-buffering": "no"}


class BadRequestError(Exception):
    """A request the server refuses, with its HTTP status and error code."""

    def __init__(
        self, status: int, error: str, detail: str, *, retry_after_s: int | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail
        self.retry_after_s = retry_after_s
        """Seconds a client should wait before trying again (sent as ``Retry-After``)."""


class JSONResponse(Response):
    """A JSON response serialised with orjson."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """Serialise ``content``."""
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)


def error_response(
    status: int, error: str, detail: str, *, retry_after_s: int | None = None
) -> JSONResponse:
    """``{"error": <stable code>, "detail": <readable text>}`` with ``status``."""
    headers = {} if retry_after_s is None else {"retry-after": str(retry_after_s)}
    if status == 413:  # the body was not read to its end: close rather than drain it
        headers["connection"] = "close"
    return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)


def describe(value: object) -> str:
    """A short description of a client value for an error message: its type and size.

    Error answers never echo what the client sent (a 5 MB body once came back whole).
    """
    kind = type(value).__name__
    if isinstance(value, str | bytes | list | dict):
        return f"{kind} of length {len(value)}"
    if value is None or isinstance(value, bool | int | float):
        return f"{kind} {value!r}"[:60]
    return kind


def sse_frame(message: Any) -> bytes:
    """One ``data: <json>`` frame."""
    return b"data: " + orjson.dumps(message, option=orjson.OPT_SERIALIZE_NUMPY) + b"\n\n"


def sse_response(frames: AsyncIterator[bytes]) -> StreamingResponse:
    """An event-stream response that sends each chunk as it comes."""
    return StreamingResponse(frames, media_type="text/event-stream", headers=SSE_HEADERS)
