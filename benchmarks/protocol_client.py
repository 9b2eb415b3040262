"""A small client for Gradio's ``sse_v3`` queue protocol, used to time servers.

One event is: ``POST /gradio_api/queue/join`` with ``{data, event_data,
fn_index, trigger_id, session_hash}``, then ``GET
/gradio_api/queue/data?session_hash=…`` read frame by frame (``data: <json>``
separated by a blank line) until ``process_completed`` for our ``event_id``,
then on to ``close_stream`` / end of body so the connection can be reused.

Two transports speak HTTP/1.1 to the server:

- ``httpx``: an ``httpx.AsyncClient`` (what the latency benchmark uses);
- ``raw``: one hand-written keep-alive connection on asyncio streams. It does
  only what these servers answer (``Content-Length`` or chunked bodies), and
  costs far less CPU per request than httpx, so the load generator of the
  throughput and memory benchmarks is not the bottleneck on a 2-core machine.

``gradio_client`` is not used for timing because it adds threads, a
heartbeat and file handling of its own.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

try:
    import orjson

    def _loads(raw: bytes) -> Any:
        return orjson.loads(raw)

    def _dumps(value: Any) -> bytes:
        return orjson.dumps(value)

except ImportError:  # orjson comes with both implementations, but stay runnable without it
    import json

    def _loads(raw: bytes) -> Any:
        return json.loads(raw)

    def _dumps(value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode()


if importlib.util.find_spec("sniffio") is None:
    # httpcore runs `import sniffio` on every request; when sniffio is not
    # installed each failed import walks sys.path, about 1 ms per request here.
    # A None entry makes that import fail at once.
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]  # None blocks the import

TransportName = Literal["httpx", "raw"]
API_PREFIX = "/gradio_api"
EVENT_TIMEOUT_S = 60.0
"""Longest one event may take before the client gives up on it."""


class ProtocolError(RuntimeError):
    """The server answered something the sse_v3 protocol does not allow."""


@dataclass(slots=True)
class EventResult:
    """What one queued event did, with client-side timestamps (``perf_counter``)."""

    event_id: str
    success: bool
    output: dict[str, Any]
    join_started_s: float
    completed_s: float
    generating_count: int = 0
    first_generating_s: float | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def round_trip_s(self) -> float:
        """Seconds from sending the join to receiving ``process_completed``."""
        return self.completed_s - self.join_started_s


def new_session_hash() -> str:
    """A fresh session hash, shaped like the browser's (11 random characters)."""
    return uuid.uuid4().hex[:11]


class Transport(Protocol):
    """The two HTTP operations the protocol needs."""

    async def post_json(self, path: str, payload: Any) -> tuple[int, bytes]:
        """POST ``payload`` as JSON; return status and body."""
        ...

    def sse_frames(self, path: str) -> AsyncIterator[bytes]:
        """GET ``path`` and yield each ``data:`` payload of the event stream."""
        ...

    async def aclose(self) -> None:
        """Close the connections."""
        ...


class HttpxTransport:
    """HTTP through a shared ``httpx.AsyncClient``."""

    def __init__(self, base_url: str, max_connections: int = 400) -> None:
        import httpx

        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(EVENT_TIMEOUT_S),
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
        )

    async def post_json(self, path: str, payload: Any) -> tuple[int, bytes]:
        """POST ``payload`` as JSON; return status and body."""
        response = await self._client.post(
            path, content=_dumps(payload), headers={"content-type": "application/json"}
        )
        return response.status_code, response.content

    async def sse_frames(self, path: str) -> AsyncIterator[bytes]:
        """GET ``path`` and yield each ``data:`` payload of the event stream."""
        async with self._client.stream("GET", path) as response:
            if response.status_code != 200:
                await response.aread()
                raise ProtocolError(f"GET {path}: HTTP {response.status_code}: {response.text}")
            buffer = b""
            async for chunk in response.aiter_raw():
                buffer += chunk
                while b"\n\n" in buffer:
                    frame, buffer = buffer.split(b"\n\n", 1)
                    yield _frame_payload(frame)

    async def aclose(self) -> None:
        """Close the connections."""
        await self._client.aclose()


class RawTransport:
    """HTTP/1.1 over one keep-alive asyncio connection, requests one at a time."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._reader is None or self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        return self._reader, self._writer

    async def _send(self, method: str, path: str, body: bytes | None) -> asyncio.StreamReader:
        reader, writer = await self._connection()
        head = f"{method} {path} HTTP/1.1\r\nHost: {self._host}:{self._port}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        writer.write(head.encode() + b"\r\n" + (body or b""))
        return reader

    async def _read_head(self, reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
        raw = await reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        return status, headers

    async def _body_chunks(
        self, reader: asyncio.StreamReader, headers: dict[str, str]
    ) -> AsyncIterator[bytes]:
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
                if size == 0:
                    await reader.readuntil(b"\r\n")  # no trailers expected
                    break
                chunk = await reader.readexactly(size + 2)
                yield chunk[:-2]
        elif "content-length" in headers:
            length = int(headers["content-length"])
            if length:
                yield await reader.readexactly(length)
        else:
            # Body delimited by connection close: read it all, then reconnect next time.
            yield await reader.read()
            await self._drop()
        if headers.get("connection", "").lower() == "close":
            await self._drop()

    async def _drop(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None

    async def post_json(self, path: str, payload: Any) -> tuple[int, bytes]:
        """POST ``payload`` as JSON; return status and body."""
        reader = await self._send("POST", path, _dumps(payload))
        status, headers = await self._read_head(reader)
        body = b"".join([chunk async for chunk in self._body_chunks(reader, headers)])
        return status, body

    async def sse_frames(self, path: str) -> AsyncIterator[bytes]:
        """GET ``path`` and yield each ``data:`` payload of the event stream."""
        reader = await self._send("GET", path, None)
        status, headers = await self._read_head(reader)
        if status != 200:
            body = b"".join([chunk async for chunk in self._body_chunks(reader, headers)])
            raise ProtocolError(f"GET {path}: HTTP {status}: {body[:200]!r}")
        buffer = b""
        try:
            async for chunk in self._body_chunks(reader, headers):
                buffer += chunk
                while b"\n\n" in buffer:
                    frame, buffer = buffer.split(b"\n\n", 1)
                    yield _frame_payload(frame)
        except BaseException:
            # A stream left half-read cannot carry the next request.
            await self._drop()
            raise

    async def aclose(self) -> None:
        """Close the connection."""
        await self._drop()


def _frame_payload(frame: bytes) -> bytes:
    frame = frame.strip(b"\r\n")
    if not frame.startswith(b"data:"):
        raise ProtocolError(f"queue/data frame does not start with 'data:': {frame[:120]!r}")
    return frame[5:].strip()


def make_transport(base_url: str, name: TransportName) -> Transport:
    """Build the named transport for ``base_url``."""
    if name == "httpx":
        return HttpxTransport(base_url)
    return RawTransport(base_url)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where to send an event: the dependency's ``fn_index`` and its trigger."""

    fn_index: int
    trigger_id: int | None


def find_endpoint(base_url: str, api_name: str) -> Endpoint:
    """Read ``/config`` and return the dependency whose ``api_name`` matches.

    Raises:
        ProtocolError: no dependency has that ``api_name``.
    """
    import httpx

    config = httpx.get(f"{base_url}/config", timeout=30).json()
    names = []
    for dep in config.get("dependencies", []):
        names.append(dep.get("api_name"))
        if dep.get("api_name") == api_name.lstrip("/"):
            targets = dep.get("targets") or []
            trigger_id = targets[0][0] if targets and targets[0] else None
            return Endpoint(fn_index=int(dep["id"]), trigger_id=trigger_id)
    raise ProtocolError(
        f"no dependency with api_name {api_name!r} in {base_url}/config; found {names}"
    )


class ProtocolClient:
    """Runs queued events over one transport."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    async def run_event(
        self,
        endpoint: Endpoint,
        data: list[Any],
        session_hash: str | None = None,
        *,
        keep_messages: bool = False,
    ) -> EventResult:
        """Join the queue, then read the session stream until the event completes.

        Raises:
            ProtocolError: the join was refused or the stream ended early.
            TimeoutError: the event took longer than ``EVENT_TIMEOUT_S``.
        """
        return await asyncio.wait_for(
            self._run_event(endpoint, data, session_hash or new_session_hash(), keep_messages),
            EVENT_TIMEOUT_S,
        )

    async def _run_event(
        self, endpoint: Endpoint, data: list[Any], session_hash: str, keep_messages: bool
    ) -> EventResult:
        payload = {
            "data": data,
            "event_data": None,
            "fn_index": endpoint.fn_index,
            "trigger_id": endpoint.trigger_id,
            "session_hash": session_hash,
        }
        started = time.perf_counter()
        status, body = await self.transport.post_json(f"{API_PREFIX}/queue/join", payload)
        if status != 200:
            raise ProtocolError(f"queue/join: HTTP {status}: {body[:200]!r}")
        event_id = _loads(body)["event_id"]
        result: EventResult | None = None
        generating = 0
        first_generating: float | None = None
        seen: list[str] = []
        path = f"{API_PREFIX}/queue/data?session_hash={session_hash}"
        async for raw in self.transport.sse_frames(path):
            message = _loads(raw)
            msg = message.get("msg")
            if keep_messages:
                seen.append(msg)
            if msg == "close_stream":
                # The server ends the body right after; reading on to that end
                # leaves the keep-alive connection clean for the next request.
                continue
            if message.get("event_id") != event_id:
                if msg == "unexpected_error":
                    raise ProtocolError(f"queue/data: {message}")
                continue
            if msg == "process_generating":
                generating += 1
                if first_generating is None:
                    first_generating = time.perf_counter()
            elif msg == "process_completed":
                result = EventResult(
                    event_id=event_id,
                    success=bool(message.get("success")),
                    output=message.get("output") or {},
                    join_started_s=started,
                    completed_s=time.perf_counter(),
                    generating_count=generating,
                    first_generating_s=first_generating,
                    messages=seen,
                )
        if result is None:
            raise ProtocolError(f"queue/data ended without process_completed for {event_id}")
        return result
