"""Shared test harness: live servers on loopback and readers for the SSE wire format.

Servers run for real (STYLE.md §9): a test builds a demo, ``launch`` binds it to
``127.0.0.1:<free port>`` with ``prevent_thread_lock=True`` and closes it on exit.

Helpers are handed to tests through fixtures (``launch``, ``wire``) because a
``conftest.py`` is not meant to be imported by test modules.
"""

from __future__ import annotations

import contextlib
import json
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import anyio
import httpx
import pytest

pytest_plugins = ["tests.redis_server", "tests.browser"]

STREAM_TIMEOUT_S = 15.0
"""Upper bound for any single event to finish on the wire; a hang fails the test."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(demo: Any, **launch_kwargs: Any) -> Iterator[str]:
    """Launch ``demo`` on loopback, yield its ``local_url`` (ends with "/"), close it after."""
    demo.launch(
        server_name="127.0.0.1",
        server_port=free_port(),
        prevent_thread_lock=True,
        quiet=True,
        **launch_kwargs,
    )
    try:
        url = demo.local_url
        if not (isinstance(url, str) and url.startswith("http://127.0.0.1:") and url.endswith("/")):
            raise AssertionError(f"demo.local_url should be http://127.0.0.1:<port>/, got {url!r}")
        yield url
    finally:
        demo.close()


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def launch() -> Any:
    """``with launch(demo) as url:`` runs ``demo`` on a free loopback port until the block ends."""
    return serve


# --------------------------------------------------------------------------- SSE


@dataclass(frozen=True)
class SseEvent:
    """One SSE frame: its ``event:`` name (None when absent) and its ``data:`` text."""

    event: str | None
    data: str
    raw: str

    def json(self) -> Any:
        return json.loads(self.data)


def parse_frame(frame: str) -> SseEvent:
    """Parse one ``\\n\\n``-separated SSE frame into its event name and data."""
    event: str | None = None
    data_lines: list[str] = []
    for line in frame.split("\n"):
        if line.startswith("event:"):
            event = line[len("event:") :].strip()
        elif line.startswith("data:"):
            data_lines.append(line[len("data:") :].lstrip(" "))
    return SseEvent(event=event, data="\n".join(data_lines), raw=frame)


async def iter_frames(response: httpx.Response) -> AsyncIterator[str]:
    """Yield the raw text of each ``\\n\\n``-terminated frame of a streaming response."""
    buffer = ""
    async for chunk in response.aiter_text():
        buffer += chunk.replace("\r\n", "\n")
        while "\n\n" in buffer:
            frame, buffer = buffer.split("\n\n", 1)
            if frame.strip():
                yield frame
    if buffer.strip():
        yield buffer


class Wire:
    """Protocol helpers over an ``httpx.AsyncClient`` whose base_url is the app's root URL."""

    API = "gradio_api"

    @staticmethod
    def new_session() -> str:
        return uuid.uuid4().hex[:11]

    @staticmethod
    async def config(client: httpx.AsyncClient) -> dict[str, Any]:
        response = await client.get("config")
        response.raise_for_status()
        return response.json()

    @staticmethod
    def fn_index(config: dict[str, Any], api_name: str) -> int:
        for position, dep in enumerate(config["dependencies"]):
            if dep.get("api_name") == api_name:
                return int(dep.get("id", position))
        raise AssertionError(f"no dependency with api_name={api_name!r} in /config")

    @staticmethod
    async def join(
        client: httpx.AsyncClient, fn_index: int, data: list[Any], session_hash: str
    ) -> str:
        response = await client.post(
            f"{Wire.API}/queue/join",
            json={"data": data, "fn_index": fn_index, "session_hash": session_hash},
        )
        assert response.status_code == 200, (response.status_code, response.text)
        event_id = response.json()["event_id"]
        assert isinstance(event_id, str)
        assert event_id
        return event_id

    @staticmethod
    async def session_frames(client: httpx.AsyncClient, session_hash: str) -> list[str]:
        """Read ``queue/data`` for a session until the server ends it; return raw frames."""
        frames: list[str] = []
        with anyio.fail_after(STREAM_TIMEOUT_S):
            async with client.stream(
                "GET", f"{Wire.API}/queue/data", params={"session_hash": session_hash}
            ) as response:
                assert response.status_code == 200, response.status_code
                assert response.headers["content-type"].startswith("text/event-stream")
                async for frame in iter_frames(response):
                    frames.append(frame)
        return frames

    @staticmethod
    async def session_messages(
        client: httpx.AsyncClient, session_hash: str
    ) -> list[dict[str, Any]]:
        """A session's ``queue/data`` messages, heartbeats dropped, close_stream included."""
        messages = []
        for frame in await Wire.session_frames(client, session_hash):
            assert frame.startswith("data:"), f"queue/data frame must start with 'data:': {frame!r}"
            message = json.loads(frame[len("data:") :])
            if message.get("msg") != "heartbeat":
                messages.append(message)
        return messages

    @staticmethod
    async def run(
        client: httpx.AsyncClient, api_name: str, data: list[Any]
    ) -> list[dict[str, Any]]:
        """Join one event on a fresh session and return that event's messages."""
        config = await Wire.config(client)
        session_hash = Wire.new_session()
        event_id = await Wire.join(client, Wire.fn_index(config, api_name), data, session_hash)
        messages = await Wire.session_messages(client, session_hash)
        return [m for m in messages if m.get("event_id") in (event_id, None)]

    @staticmethod
    async def predict(client: httpx.AsyncClient, api_name: str, data: list[Any]) -> list[Any]:
        """Run an event and return ``output.data`` of its successful ``process_completed``."""
        messages = await Wire.run(client, api_name, data)
        completed = [m for m in messages if m["msg"] == "process_completed"]
        assert len(completed) == 1, messages
        assert completed[0]["success"] is True, completed[0]
        return completed[0]["output"]["data"]

    @staticmethod
    async def call_events(client: httpx.AsyncClient, path: str) -> list[SseEvent]:
        """GET a REST ``/call/...`` result stream and return its frames (heartbeats dropped)."""
        events: list[SseEvent] = []
        with anyio.fail_after(STREAM_TIMEOUT_S):
            async with client.stream("GET", path) as response:
                assert response.status_code == 200, response.status_code
                async for frame in iter_frames(response):
                    event = parse_frame(frame)
                    if event.event != "heartbeat":
                        events.append(event)
        return events


@pytest.fixture(scope="session")
def wire() -> type[Wire]:
    """Protocol helpers (join, read queue/data, read /call streams)."""
    return Wire


@pytest.fixture
async def client(base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on the app of the module's ``base_url`` fixture."""
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
        yield http
