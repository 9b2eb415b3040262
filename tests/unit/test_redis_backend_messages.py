"""Session message streams in Redis: order, batching, cursors across processes, wake-ups."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import anyio
import pytest

pytestmark = pytest.mark.anyio


async def read_until(reader: Any, count: int, timeout_s: float = 5.0) -> list[dict[str, Any]]:
    """Messages of ``reader`` until ``count`` arrived (empty batches skipped)."""
    got: list[dict[str, Any]] = []
    with anyio.fail_after(timeout_s):
        while len(got) < count:
            got += await anext(reader)
    return got


async def test_many_puts_arrive_in_order_and_in_few_batches(redis_backends) -> None:
    worker = await redis_backends()
    front = await redis_backends()
    await front.sessions.open("s")
    reader = front.messages.read("s")
    for index in range(2000):
        worker.messages.put("s", {"msg": "n", "i": index})
    await worker.messages.flush()
    batches: list[list[dict[str, Any]]] = []
    with anyio.fail_after(5):
        while sum(len(b) for b in batches) < 2000:
            batch = await anext(reader)
            if batch:
                batches.append(batch)
    await reader.aclose()
    assert [m["i"] for b in batches for m in b] == list(range(2000))
    assert len(batches) <= 4  # read up to 1000 per XREAD


async def test_messages_of_two_sessions_keep_their_own_order(redis_backends) -> None:
    worker = await redis_backends()
    for index in range(300):
        worker.messages.put("a", {"i": index})
        worker.messages.put("b", {"i": -index})
    await worker.messages.flush()
    a = worker.messages.read("a")
    b = worker.messages.read("b")
    assert [m["i"] for m in await read_until(a, 300)] == list(range(300))
    assert [m["i"] for m in await read_until(b, 300)] == [-i for i in range(300)]
    await a.aclose()
    await b.aclose()


async def test_numpy_values_are_serialised(redis_backends) -> None:
    import numpy  # a core dependency

    backend = await redis_backends()
    backend.messages.put("s", {"data": numpy.arange(3)})
    reader = backend.messages.read("s")
    assert await read_until(reader, 1) == [{"data": [0, 1, 2]}]
    await reader.aclose()


async def test_a_reader_elsewhere_resumes_after_what_was_delivered(redis_backends) -> None:
    worker = await redis_backends()
    first_front = await redis_backends()
    second_front = await redis_backends()
    for index in range(3):
        worker.messages.put("s", {"i": index})
    await worker.messages.flush()
    reader = first_front.messages.read("s")
    assert [m["i"] for m in await anext(reader)] == [0, 1, 2]
    worker.messages.put("s", {"i": 3})
    await worker.messages.flush()
    assert [m["i"] for m in await anext(reader)] == [3]
    # The first front dies while handing on batch [3]: only [0, 1, 2] is known delivered.
    await first_front.close()
    await reader.aclose()  # closed after its backend: the batch is not marked delivered
    worker.messages.put("s", {"i": 4})
    await worker.messages.flush()
    resumed = second_front.messages.read("s")
    assert [m["i"] for m in await read_until(resumed, 2)] == [3, 4]
    await resumed.aclose()  # it handed [3, 4] on and stopped: a third reader starts after
    worker.messages.put("s", {"i": 5})
    await worker.messages.flush()
    await asyncio.sleep(0.05)  # the stopped reader saves its cursor in the background
    third = worker.messages.read("s")
    assert [m["i"] for m in await read_until(third, 1)] == [5]
    await third.aclose()


async def test_has_messages_looks_after_the_cursor(redis_backends) -> None:
    worker = await redis_backends()
    front = await redis_backends()
    assert not await front.messages.has_messages("s")
    worker.messages.put("s", {"i": 1})
    assert await worker.messages.has_messages("s")  # still in the worker's buffer
    await worker.messages.flush()
    assert await front.messages.has_messages("s")
    reader = front.messages.read("s")
    await read_until(reader, 1)
    assert not await front.messages.has_messages("s")  # delivered by the reader here
    worker.messages.put("s", {"i": 2})
    await worker.messages.flush()
    assert await front.messages.has_messages("s")
    await reader.aclose()


async def test_a_quiet_reader_yields_an_empty_batch_each_heartbeat(redis_backends) -> None:
    backend = await redis_backends(heartbeat_interval_s=0.3)
    reader = backend.messages.read("s")
    start = time.monotonic()
    assert await anext(reader) == []
    assert await anext(reader) == []
    assert 0.5 <= time.monotonic() - start < 1.5
    await reader.aclose()


async def test_a_nudge_wakes_the_reader_within_a_second(redis_backends) -> None:
    backend = await redis_backends(heartbeat_interval_s=60)
    reader = backend.messages.read("s")
    waiting = asyncio.ensure_future(anext(reader))
    await asyncio.sleep(0.2)
    start = time.monotonic()
    backend.messages.nudge("s")
    assert await asyncio.wait_for(waiting, 2) == []
    assert time.monotonic() - start < 1.2
    waiting = asyncio.ensure_future(anext(reader))
    await asyncio.sleep(0.2)
    backend.messages.nudge_all()
    assert await asyncio.wait_for(waiting, 2) == []
    backend.messages.nudge("other")  # a session without a reader here: nothing happens
    await reader.aclose()


async def test_messages_put_wake_the_reader_at_once(redis_backends) -> None:
    worker = await redis_backends()
    front = await redis_backends(heartbeat_interval_s=60)
    reader = front.messages.read("s")
    waiting = asyncio.ensure_future(anext(reader))
    await asyncio.sleep(0.2)
    start = time.monotonic()
    worker.messages.put("s", {"i": 1})
    assert await asyncio.wait_for(waiting, 2) == [{"i": 1}]
    assert time.monotonic() - start < 0.2
    await reader.aclose()
