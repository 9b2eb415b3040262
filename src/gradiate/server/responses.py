"""JSON and SSE responses, and reading JSON request bodies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

MAX_JSON_BODY_BYTES = 16 * 1024 * 1024
SSE_HEADERS = {"cache-control": "no-cache", "x-accel-buffering": "no"}


class BadRequestError(Exception):
    """A request the server refuses, with its HTTP status and error code."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail


class JSONResponse(Response):
    """A JSON response serialised with orjson."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """Serialise ``content``."""
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)


def error_response(status: int, error: str, detail: str) -> JSONResponse:
    """``{"error": <stable code>, "detail": <readable text>}`` with ``status``."""
    return JSONResponse({"error": error, "detail": detail}, status_code=status)


def too_large() -> BadRequestError:
    """The error for a JSON body over ``MAX_JSON_BODY_BYTES``."""
    return BadRequestError(413, "body_too_large", "The request body is larger than 16 MB.")


def parse_json_object(body: bytes) -> dict[str, Any]:
    """``body`` parsed as JSON, which must be an object.

    Raises:
        BadRequestError: the body is not JSON, or not an object.
    """
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise BadRequestError(
            400, "invalid_json", f"The request body is not valid JSON: {exc.msg} at {exc.pos}."
        ) from None
    if not isinstance(payload, dict):
        raise BadRequestError(
            422, "invalid_body", f"Expected a JSON object, got {type(payload).__name__}."
        )
    return payload


async def read_json_object(request: Request) -> dict[str, Any]:
    """The request's JSON body, which must be an object.

    Raises:
        BadRequestError: the body is too large, not JSON, or not an object.
    """
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_JSON_BODY_BYTES:
        raise too_large()
    body = await request.body()
    if len(body) > MAX_JSON_BODY_BYTES:
        raise too_large()
    return parse_json_object(body)


def sse_frame(message: Any) -> bytes:
    """One ``data: <json>`` frame."""
    return b"data: " + orjson.dumps(message, option=orjson.OPT_SERIALIZE_NUMPY) + b"\n\n"


def sse_response(frames: AsyncIterator[bytes]) -> StreamingResponse:
    """An event-stream response that sends each chunk as it comes."""
    return StreamingResponse(frames, media_type="text/event-stream", headers=SSE_HEADERS)
