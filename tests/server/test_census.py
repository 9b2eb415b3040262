"""Census tests (SECURITY.md R01, R03): requests leave no growth behind.

``census`` walks the engine's object graph (its gradiate-owned objects, and the dicts,
lists, sets and deques they hold) and records every container's size by its path, so a
container added later is counted without touching this test.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, MutableMapping
from typing import Any

import anyio
import httpx
import pytest

import gradiate as gr
from gradiate.engine.engine import Engine
from gradiate.launch_options import LaunchOptions
from gradiate.server.app import create_app
from gradiate.server.guard import Guard
from gradiate.server.hot_routes import HotRoutes

pytestmark = pytest.mark.anyio

_CONTAINERS = (dict, list, set, frozenset, deque, tuple)
_ATOMS = (str, bytes, int, float, bool, type(None))


def census(root: object, max_depth: int = 6) -> dict[str, int]:
    """``{path: len}`` of every container reachable from ``root`` through gradiate objects."""
    sizes: dict[str, int] = {}
    seen: set[int] = set()

    def walk(value: object, path: str, depth: int) -> None:
        if isinstance(value, _ATOMS) or id(value) in seen or depth > max_depth:
            return
        seen.add(id(value))
        if isinstance(value, _CONTAINERS):
            sizes[path] = len(value)
            if isinstance(value, dict):
                for key, item in value.items():
                    walk(item, f"{path}[{key!r}]", depth + 1)
            else:
                for index, item in enumerate(value):
                    walk(item, f"{path}[{index}]", depth + 1)
            return
        if not type(value).__module__.startswith("gradiate."):
            return
        names = list(getattr(value, "__dict__", {}))
        for cls in type(value).__mro__:
            names += [name for name in getattr(cls, "__slots__", ()) if name not in names]
        for name in names:
            if hasattr(value, name):
                walk(getattr(value, name), f"{path}.{name}", depth + 1)

    walk(root, "engine", 0)
    return sizes


def gen(text: str) -> Iterator[str]:
    for step in range(50):
        time.sleep(0.02)
        yield f"{text}{step}"


def build_demo() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox(label="text")
        total = gr.State(0)
        gr.Button("Echo").click(lambda text: text, box, box, api_name="echo")
        gr.Button("Count").click(lambda n: (n + 1, str(n + 1)), total, [total, box],
                                 api_name="count")  # fmt: skip
        gr.Button("Gen").click(gen, box, box, api_name="gen")
    return demo


@pytest.fixture(scope="module")
def demo(launch: Any) -> Iterator[gr.Blocks]:
    blocks = build_demo()
    with launch(blocks):
        yield blocks


@pytest.fixture(scope="module")
def base_url(demo: gr.Blocks) -> str:
    return str(demo.local_url)


def engine_of(app: object) -> Engine:
    assert isinstance(app, Guard)
    assert isinstance(app.app, HotRoutes)
    return app.app.engine


async def one_batch(client: httpx.AsyncClient, wire: Any) -> None:
    """Joins and streams, REST calls and results, runs, cancels and errors."""
    config = await wire.config(client)
    echo, count, slow = (wire.fn_index(config, name) for name in ("echo", "count", "gen"))
    for index in range(5):
        session_hash = f"census-{index}"
        await wire.join(client, echo, [f"e{index}"], session_hash)
        await wire.session_messages(client, session_hash)
    for _ in range(2):
        await wire.join(client, count, [None], "census-state")
        await wire.session_messages(client, "census-state")
    event_id = (await client.post("gradio_api/call/echo", json={"data": ["c"]})).json()["event_id"]
    await wire.call_events(client, f"gradio_api/call/echo/{event_id}")
    assert (await client.post("gradio_api/run/echo", json={"data": ["r"]})).status_code == 200
    # A generator cancelled while it runs, and cancels of unknown and finished events.
    running = await wire.join(client, slow, ["g"], "census-gen")
    async with client.stream(
        "GET", "gradio_api/queue/data", params={"session_hash": "census-gen"}
    ) as stream:
        async for chunk in stream.aiter_text():
            if "process_generating" in chunk:
                await client.post("gradio_api/cancel", json={"event_id": running})
            if "close_stream" in chunk:
                break
    await client.post("gradio_api/cancel", json={"event_id": event_id})
    await client.post("gradio_api/cancel", json={"event_id": uuid.uuid4().hex})
    # Errors.
    await client.post("gradio_api/queue/join", content=b"{bad")
    for bad in ({"data": [], "fn_index": 99, "session_hash": "x"},
                {"data": 3, "fn_index": echo, "session_hash": "y"}):  # fmt: skip
        await client.post("gradio_api/queue/join", json=bad)
    await client.post("gradio_api/call/nope", json={"data": []})
    await wire.call_events(client, "gradio_api/call/echo/no-such-event")
    await wire.session_frames(client, "never-joined")


async def settled(engine: Engine) -> dict[str, int]:
    for _ in range(500):  # polls the engine's counters: nothing to wait on from outside
        if not ((await engine.stats())["events"] or (await engine.stats())["waiting"]):
            break
        await anyio.sleep(0.02)
    await anyio.sleep(0.1)
    return census(engine)


async def test_a_second_identical_batch_leaves_every_engine_container_the_same_size(
    demo: gr.Blocks, client: httpx.AsyncClient, wire: Any
) -> None:
    engine = engine_of(demo.app)
    await one_batch(client, wire)
    warm = await settled(engine)
    await one_batch(client, wire)
    after = await settled(engine)
    assert len(warm) > 10, warm  # the walk did reach the engine's containers
    grown = {path: (warm.get(path), size) for path, size in after.items() if warm.get(path) != size}
    assert not grown, grown
    assert (await engine.stats())["sessions"] == 1  # only the State session is kept
    assert engine.backend.store.budget.used_bytes == 0  # type: ignore[attr-defined]  # in-memory store


# ------------------------------------------------------------------ unknown ids, in process


Message = MutableMapping[str, Any]


async def asgi_request(
    app: Callable[[Message, Any, Any], Awaitable[None]], method: str, path: str,
    body: bytes = b"",
) -> tuple[int, bytes]:  # fmt: skip
    """One request straight into the ASGI app; a stream is hung up after its first chunk."""
    path, _, query = path.partition("?")
    scope: Message = {
        "type": "http", "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "root_path": "", "query_string": query.encode(),
        "headers": [(b"host", b"127.0.0.1:7860"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 7860),
    }  # fmt: skip
    hung_up = anyio.Event()
    status = 0
    chunks: list[bytes] = []
    sent_body = False

    async def receive() -> Message:
        nonlocal sent_body
        if not sent_body:
            sent_body = True
            return {"type": "http.request", "body": body, "more_body": False}
        await hung_up.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            hung_up.set()

    with anyio.fail_after(5):
        await app(scope, receive, send)
    return status, b"".join(chunks)


@pytest.fixture
async def app_in_process() -> AsyncIterator[Guard]:
    app = create_app(build_demo(), LaunchOptions())
    async with engine_of(app).running():
        yield app


async def test_10000_unknown_session_ids_allocate_nothing(app_in_process: Guard) -> None:
    engine = engine_of(app_in_process)
    before = census(engine)
    for index in range(10_000):
        unknown = f"unknown-{index}"
        status, body = await asgi_request(
            app_in_process, "GET", f"/gradio_api/queue/data?session_hash={unknown}"
        )
        assert status == 200
        assert json.loads(body.removeprefix(b"data: "))["session_not_found"] is True
        status, _ = await asgi_request(app_in_process, "GET", f"/gradio_api/heartbeat/{unknown}")
        assert status == 200
        status, _ = await asgi_request(
            app_in_process, "POST", "/gradio_api/cancel", json.dumps({"event_id": unknown}).encode()
        )
        assert status == 200
        status, body = await asgi_request(app_in_process, "GET", f"/gradio_api/call/echo/{unknown}")
        assert b"404" in body
    assert len(engine.backend.store) == 0
    assert census(engine) == before
