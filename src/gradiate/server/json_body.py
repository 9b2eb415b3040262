"""Reading a JSON request body with a running size cap: the one reader of every route.

Both the raw hot routes and the Starlette routes call ``read_json_object`` with the ASGI
``receive``, so a body over the cap is refused as soon as its bytes pass the cap, chunked
or not, and never buffered whole (a 300 MB chunked body once drove the server to 650 MB).
"""

from __future__ import annotations

from typing import Any

import anyio
import orjson

from gradiate.server.asgi_types import Message, Receive, Send
from gradiate.server.responses import BadRequestError

MAX_JSON_BODY_BYTES = 16 * 1024 * 1024

LINGER_BYTES = 8 * 1024 * 1024
LINGER_S = 1.0


def too_large() -> BadRequestError:
    """The error for a JSON body over ``MAX_JSON_BODY_BYTES``."""
    return BadRequestError(
        413, "body_too_large", "The request body is larger than 16 MB; send less data per call."
    )


def declared_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    """The ``Content-Length`` the client declared, or None when absent or not a number."""
    for name, value in headers:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def parse_json_object(body: bytes) -> dict[str, Any]:
    """``body`` parsed as JSON, which must be an object.

    Raises:
        BadRequestError: the body is not JSON (nested too deep included), or not an object.
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


async def read_json_object(scope: Message, receive: Receive) -> dict[str, Any]:
    """The request's JSON body, which must be an object, read at most to the cap.

    Raises:
        BadRequestError: the body is too large (413, before it is all read), cut off, not
            JSON, or not an object.
    """
    declared = declared_length(scope["headers"])
    if declared is not None and declared > MAX_JSON_BODY_BYTES:
        raise too_large()
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
            return parse_json_object(chunks[0] if len(chunks) == 1 else b"".join(chunks))


async def drain_refused_body(receive: Receive) -> None:
    """Read and drop what follows of a refused body, for at most a moment and a few MB.

    A 413 closes the connection so the rest of the body is not read. Closing with bytes
    still arriving makes the kernel reset the connection, and a reset wipes the 413 from
    the client's buffers before it can read it; lingering a little lets it read first.
    """
    dropped = 0
    with anyio.move_on_after(LINGER_S):
        while dropped < LINGER_BYTES:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                return
            dropped += len(message.get("body", b""))


def lingering_on_413(send: Send, receive: Receive) -> Send:
    """``send`` that, for a 413 answer, lingers (``drain_refused_body``) before it ends."""
    is_refusal = False

    async def send_then_linger(message: Message) -> None:
        nonlocal is_refusal
        if message["type"] == "http.response.start":
            is_refusal = message["status"] == 413
        elif is_refusal and not message.get("more_body", False):
            await send({**message, "more_body": True})
            await drain_refused_body(receive)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        await send(message)

    return send_then_linger
