"""The REST API: ``/call/<api_name>`` (curl-friendly SSE) and ``/run/<api_name>`` (one reply)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from gradiate.api_info import endpoint_info
from gradiate.engine.engine import UnknownEndpointError
from gradiate.server.json_body import read_json_object
from gradiate.server.request_info import request_info
from gradiate.server.responses import (
    BadRequestError,
    JSONResponse,
    error_response,
    sse_response,
)
from gradiate.server.routes_queue import admit, check_data, check_session_hash

if TYPE_CHECKING:
    from gradiate.engine.engine import Engine
    from gradiate.events import BlockFunction


def _named_frame(event: str, data: Any) -> bytes:
    return (
        b"event: "
        + event.encode()
        + b"\ndata: "
        + orjson.dumps(data, option=orjson.OPT_SERIALIZE_NUMPY)
        + b"\n\n"
    )


def data_from_named_args(block_fn: BlockFunction, body: dict[str, Any]) -> list[Any]:
    """``{"name": "Ada"}`` → ``["Ada", <defaults>…]`` in input order (``/call/v2``)."""
    params = endpoint_info(block_fn)["parameters"]
    known = {param["parameter_name"] for param in params}
    unknown = sorted(set(body) - known - {"session_hash"})
    if unknown:
        shown = ", ".join(repr(name[:40]) for name in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise BadRequestError(
            422, "unknown_parameter",
            f"Unknown parameter(s) {shown}{more}; expected {sorted(known)}.",
        )  # fmt: skip
    data: list[Any] = []
    for param in params:
        name = param["parameter_name"]
        if name in body:
            data.append(body[name])
        elif param["parameter_has_default"]:
            data.append(param["parameter_default"])
        else:
            raise BadRequestError(422, "missing_parameter", f"Missing required parameter '{name}'.")
    return data


class CallRoutes:
    """Handlers of the REST endpoints, bound to one app's engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _block_fn(self, request: Request) -> BlockFunction:
        try:
            return self.engine.fn_by_api_name(request.path_params["api_name"])
        except UnknownEndpointError as exc:
            raise BadRequestError(404, "unknown_api_name", str(exc)) from None

    async def _join(
        self, block_fn: BlockFunction, data: list[Any], body: dict[str, Any], request: Request
    ) -> str:
        event_id = uuid.uuid4().hex
        state_session = body.get("session_hash")
        state_hash = check_session_hash(state_session) if state_session is not None else None
        return await admit(
            self.engine, block_fn, data, event_id, sends_diffs=False, event_id=event_id,
            state_session_hash=state_hash, event_data=body.get("event_data"),
            request=request_info(request.scope),
        )  # fmt: skip

    async def call(self, request: Request) -> Response:
        """``POST /call/<api_name>`` with ``{"data": [...]}`` → ``{"event_id"}``."""
        block_fn = self._block_fn(request)
        body = await read_json_object(request.scope, request.receive)
        data = check_data(body.get("data"))
        return JSONResponse({"event_id": await self._join(block_fn, data, body, request)})

    async def call_v2(self, request: Request) -> Response:
        """``POST /call/v2/<api_name>`` with named arguments → ``{"event_id"}``."""
        block_fn = self._block_fn(request)
        body = await read_json_object(request.scope, request.receive)
        data = data_from_named_args(block_fn, body)
        return JSONResponse({"event_id": await self._join(block_fn, data, body, request)})

    async def results(self, request: Request) -> StreamingResponse:
        """``GET /call/<api_name>/<event_id>``: ``generating``/``complete``/``error`` events."""
        self._block_fn(request)
        return sse_response(self._result_frames(request.path_params["event_id"]))

    async def _result_frames(self, event_id: str) -> AsyncIterator[bytes]:
        if not await self.engine.has_session(event_id):
            yield _named_frame("error", "404: Not Found")
            return
        try:
            async for batch in self.engine.stream(event_id):
                for message in batch:
                    frame = _rest_frame(message)
                    if frame is not None:
                        yield frame
                    if message["msg"] == "process_completed":
                        return
        finally:
            await self.engine.discard_session(event_id)

    async def run(self, request: Request) -> Response:
        """``POST /run/<api_name>``: run the event and answer its outputs in one reply."""
        body = await read_json_object(request.scope, request.receive)
        if request.path_params["api_name"] == "predict" and "fn_index" in body:
            try:
                block_fn = self.engine.fn_by_index(body["fn_index"])
            except UnknownEndpointError as exc:
                return error_response(404, "unknown_fn_index", str(exc))
        else:
            block_fn = self._block_fn(request)
        event_id = await self._join(block_fn, check_data(body.get("data")), body, request)
        try:
            async for batch in self.engine.stream(event_id):
                for message in batch:
                    if message["msg"] == "process_completed":
                        status = 200 if message["success"] else 500
                        return JSONResponse(message["output"], status_code=status)
        finally:
            await self.engine.discard_session(event_id)
        return error_response(500, "no_result", "The event ended without a result.")


def _rest_frame(message: dict[str, Any]) -> bytes | None:
    kind = message["msg"]
    if kind == "process_generating":
        return _named_frame("generating", message["output"]["data"])
    if kind == "process_completed":
        output = message["output"]
        if message["success"]:
            return _named_frame("complete", output.get("data"))
        return _named_frame("error", output)
    if kind == "heartbeat":
        return _named_frame("heartbeat", None)
    if kind == "unexpected_error":  # e.g. the stream's unread results were dropped
        return _named_frame("error", message.get("message"))
    return None
