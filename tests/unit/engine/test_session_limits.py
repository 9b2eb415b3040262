"""The session store's bounds: unread stream bytes, sessions, short TTL, events per session."""

from __future__ import annotations

import threading
from typing import Any

import anyio
import pytest

import gradiate as gr
from gradiate.engine.engine import Engine, SessionBusyError
from gradiate.engine.sessions import (
    STREAM_OVERFLOW,
    BufferBudget,
    InMemoryChannel,
    InMemorySessionStore,
    SessionLimitError,
    SessionLimits,
)

pytestmark = pytest.mark.anyio

KB = 1024


def output_message(size_bytes: int) -> dict[str, Any]:
    return {"msg": "process_generating", "event_id": "e", "output": {"data": ["x" * size_bytes]}}


async def read_once(channel: InMemoryChannel) -> list[dict[str, Any]]:
    reader = channel.read()
    with anyio.fail_after(1):
        batch = await reader.__anext__()
    await reader.aclose()
    return batch


async def test_an_unread_stream_is_bounded_and_then_told_what_it_lost() -> None:
    budget = BufferBudget(limit_bytes=10_000 * KB)
    channel = InMemoryChannel(budget, limit_bytes=100 * KB)
    for _ in range(1000):
        channel.put(output_message(10 * KB))
    assert channel.buffered_bytes() <= 100 * KB
    assert budget.used_bytes == channel.buffered_bytes()
    batch = await read_once(channel)
    assert batch == [STREAM_OVERFLOW]
    assert budget.used_bytes == 0
    channel.put(output_message(KB))  # after the notice is read, messages flow again
    assert (await read_once(channel))[0]["msg"] == "process_generating"


async def test_one_large_message_is_always_let_into_an_empty_stream() -> None:
    channel = InMemoryChannel(BufferBudget(limit_bytes=10 * 1024 * KB), limit_bytes=10 * KB)
    channel.put(output_message(100 * KB))
    assert (await read_once(channel))[0]["msg"] == "process_generating"


async def test_the_total_budget_bounds_all_streams_together() -> None:
    budget = BufferBudget(limit_bytes=200 * KB)
    channels = [InMemoryChannel(budget, limit_bytes=1024 * KB) for _ in range(50)]
    for channel in channels:
        channel.put(output_message(10 * KB))
    assert budget.used_bytes <= 200 * KB
    overflowed = [channel for channel in channels if channel.buffered_bytes() == 0]
    assert overflowed
    assert await read_once(overflowed[0]) == [STREAM_OVERFLOW]
    for channel in channels:
        channel.clear()
    assert budget.used_bytes == 0


def test_the_store_refuses_a_new_session_past_its_maximum_but_serves_old_ones() -> None:
    store = InMemorySessionStore(ttl_s=3600, limits=SessionLimits(max_sessions=2))
    store.get_or_create("a")
    store.get_or_create("b")
    with pytest.raises(SessionLimitError):
        store.get_or_create("c")
    assert store.get_or_create("a").session_hash == "a"
    assert len(store) == 2


async def test_a_session_that_never_streamed_expires_after_the_short_ttl() -> None:
    store = InMemorySessionStore(ttl_s=3600, limits=SessionLimits(unstreamed_ttl_s=0.05))
    store.get_or_create("never-read")
    streamed = store.get_or_create("read")
    await read_once_nudged(streamed.channel)
    await anyio.sleep(0.1)
    assert store.expire() == 1
    assert store.get("never-read") is None
    assert store.get("read") is not None


async def read_once_nudged(channel: InMemoryChannel) -> None:
    reader = channel.read()
    async with anyio.create_task_group() as group:

        async def nudge() -> None:
            await anyio.sleep(0.01)
            channel.nudge()

        group.start_soon(nudge)
        with anyio.fail_after(1):
            assert await reader.__anext__() == []
    await reader.aclose()


async def test_engine_caps_events_per_session_and_a_refused_join_leaves_no_session() -> None:
    release = threading.Event()

    def wait(text: str) -> str:
        release.wait(timeout=5)
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(wait, box, box, concurrency_limit=1)
    engine = Engine(demo, max_pending_per_session=2, limits=SessionLimits(max_sessions=1))
    async with engine.running():
        block_fn = engine.fn_by_index(0)
        await engine.join(block_fn, ["a"], "s")
        await engine.join(block_fn, ["b"], "s")
        with pytest.raises(SessionBusyError):
            await engine.join(block_fn, ["c"], "s")
        with pytest.raises(SessionLimitError):
            await engine.join(block_fn, ["d"], "other")
        assert (await engine.stats()) == {"sessions": 1, "events": 2, "waiting": 1}
        release.set()
        with anyio.fail_after(5):
            async for _ in engine.stream("s"):
                pass
    assert (await engine.stats())["events"] == 0
