"""What the scale-out tests read back: the app's run records, and a small protocol client."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

APPS = Path(__file__).resolve().parent / "apps"
SCALE_APP = APPS / "scale_app.py"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Run:
    """One run of a recording function (see ``apps/scale_app.py``)."""

    tag: str
    pid: int
    start: float
    end: float | None
    """None: the run never finished (its worker died)."""


def runs(folder: Path, tag_start: str = "") -> list[Run]:
    """The recorded runs whose tag starts with ``tag_start``, by start time."""
    found = []
    for start_file in folder.glob(f"{tag_start}*.start"):
        tag, pid, _ = start_file.name.rsplit(".", 2)
        end_file = start_file.with_suffix(".end")
        end = float(end_file.read_text()) if end_file.exists() else None
        found.append(Run(tag, int(pid), float(start_file.read_text()), end))
    return sorted(found, key=lambda run: run.start)


def wait_for_runs(folder: Path, tag: str, count: int = 1, timeout_s: float = 30.0) -> list[Run]:
    """Wait until ``tag`` has started ``count`` runs; return them."""
    deadline = time.monotonic() + timeout_s
    while len(found := runs(folder, tag)) < count:
        assert time.monotonic() < deadline, f"{tag}: {len(found)} of {count} runs started"
        time.sleep(0.05)
    return found


def in_thread(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine on a fresh event loop in its own thread (the test may hold a loop)."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(make()))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


def fn_index(config: dict[str, Any], api_name: str) -> int:
    """The ``fn_index`` of the dependency named ``api_name`` in ``/config``."""
    for dep in config["dependencies"]:
        if dep.get("api_name") == api_name:
            return int(dep["id"])
    raise AssertionError(f"no dependency {api_name!r}")


async def queue_event(
    client: httpx.AsyncClient, index: int, data: list[Any], session_hash: str | None = None
) -> dict[str, Any]:
    """Join one event, read ``queue/data`` until it completes; its ``process_completed``.

    Join and stream are separate requests, so behind the proxy they may reach different
    fronts.
    """
    session_hash = session_hash or uuid.uuid4().hex[:11]
    joined = await client.post(
        "/gradio_api/queue/join",
        json={"data": data, "fn_index": index, "session_hash": session_hash},
    )
    assert joined.status_code == 200, (joined.status_code, joined.text)
    event_id = joined.json()["event_id"]
    async with client.stream(
        "GET", "/gradio_api/queue/data", params={"session_hash": session_hash}
    ) as response:
        assert response.status_code == 200, response.status_code
        buffer = ""
        async for chunk in response.aiter_text():
            buffer += chunk
            while "\n\n" in buffer:
                frame, buffer = buffer.split("\n\n", 1)
                if not frame.startswith("data:"):
                    continue
                message = json.loads(frame[5:])
                if message.get("event_id") == event_id and message["msg"] == "process_completed":
                    return message
    raise AssertionError(f"the stream ended before {event_id} completed")
