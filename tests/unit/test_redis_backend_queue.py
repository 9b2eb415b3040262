"""The Redis job queue against a real redis-server: limits across workers, order, positions,
cancel, finish, ETAs."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import anyio
import pytest

from gradiate.engine import messages
from gradiate.engine.interfaces import Job, QueueFullError

pytestmark = pytest.mark.anyio

MAX_PENDING = 64
"""The engine's default bound on a session's pending events."""


def make_job(session: str, tag: Any = None, **fields: Any) -> Job:
    fields.setdefault("concurrency_id", "default")
    fields.setdefault("limit", 1)
    return Job(
        event_id=uuid.uuid4().hex,
        fn_index=fields.pop("fn_index", 0),
        data=[tag],
        session_hash=session,
        state_session_hash=session,
        **fields,
    )


async def pull(backend: Any, timeout_s: float = 5.0) -> Job:
    """The next job ``backend`` pulls; after a timeout the same pull goes on waiting."""
    iterator = getattr(backend, "_test_jobs", None)
    if iterator is None:
        iterator = backend._test_jobs = backend.queue.jobs()
    task = getattr(backend, "_test_next", None)
    if task is None:
        task = backend._test_next = asyncio.ensure_future(anext(iterator))
    job = await asyncio.wait_for(asyncio.shield(task), timeout_s)
    backend._test_next = None
    return job


async def stream_of(backend: Any, session: str, count: int) -> list[dict[str, Any]]:
    reader = backend.messages.read(session)
    got: list[dict[str, Any]] = []
    try:
        with anyio.fail_after(5):
            while len(got) < count:
                got += await anext(reader)
    finally:
        await reader.aclose()
    return got


def completed(job: Job) -> dict[str, Any]:
    return messages.process_completed(job.event_id, job.data, 0.01, None, [])


async def test_a_limit_of_one_holds_across_two_workers(redis_backends) -> None:
    front = await redis_backends()
    workers = [await redis_backends(lease_ttl_s=1.0), await redis_backends(lease_ttl_s=1.0)]
    running: set[str] = set()
    most = 0
    done: list[tuple[str, Any]] = []
    all_done = asyncio.Event()

    async def work(backend: Any, name: str) -> None:
        nonlocal most
        async for job in backend.queue.jobs():
            running.add(job.event_id)
            most = max(most, len(running))
            await asyncio.sleep(0.03)
            running.discard(job.event_id)
            done.append((name, job.data[0]))
            if len(done) == 12:
                all_done.set()
            await backend.queue.finish(job, completed(job), 0.03)

    tasks = [asyncio.ensure_future(work(w, n)) for w, n in zip(workers, "ab", strict=True)]
    await front.sessions.open("s")
    for index in range(12):
        await front.queue.submit(make_job("s", index), MAX_PENDING)
    with anyio.fail_after(10):
        await all_done.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    assert most == 1
    assert [tag for _, tag in done] == list(range(12))  # FIFO, whichever worker ran it
    assert {name for name, _ in done} == {"a", "b"}
    assert await front.queue.waiting_count() == 0


async def test_jobs_start_in_the_order_they_were_submitted(redis_backends) -> None:
    front = await redis_backends(groups={"default": 1, "free": None})
    for index in range(5):
        await front.queue.submit(make_job("s", index), MAX_PENDING)
    assert await front.queue.waiting_count() == 5
    worker = await redis_backends(groups={"default": 1, "free": None})
    for index in range(5):
        job = await pull(worker)
        assert job.data == [index]
        await worker.queue.finish(job, completed(job), None)
    assert await front.queue.waiting_count() == 0


async def test_a_group_without_limit_runs_up_to_the_local_capacity(redis_backends) -> None:
    groups: dict[str, int | None] = {"free": None}
    front = await redis_backends(groups=groups)
    worker = await redis_backends(groups=groups, local_capacity={"free": 3})
    for index in range(5):
        await front.queue.submit(
            make_job("s", index, concurrency_id="free", limit=None), MAX_PENDING
        )
    pulled = [await pull(worker) for _ in range(3)]
    with pytest.raises(asyncio.TimeoutError):
        await pull(worker, timeout_s=0.5)  # three run here at once, no more
    await worker.queue.finish(pulled[0], completed(pulled[0]), None)
    assert (await pull(worker)).data == [3]


async def test_max_size_refuses_once_that_many_wait(redis_backends) -> None:
    front = await redis_backends(max_size=2)
    worker = await redis_backends(max_size=2)
    await front.queue.submit(make_job("s", "runs"), MAX_PENDING)
    running = await pull(worker)
    await asyncio.sleep(0.05)  # the claim leaves the waiting set with the worker's next write
    await front.queue.submit(make_job("s", "waits 1"), MAX_PENDING)
    await front.queue.submit(make_job("s", "waits 2"), MAX_PENDING)
    with pytest.raises(QueueFullError):
        await front.queue.submit(make_job("s", "refused"), MAX_PENDING)
    assert await front.queue.waiting_count() == 2
    await worker.queue.finish(running, completed(running), None)
    assert (await pull(worker)).data == ["waits 1"]
    await asyncio.sleep(0.05)
    await front.queue.submit(make_job("s", "waits 3"), MAX_PENDING)  # room again


async def test_waiting_jobs_hear_their_place_and_eta(redis_backends) -> None:
    front = await redis_backends()
    worker = await redis_backends()
    first = make_job("s1", 1)
    await front.queue.submit(first, MAX_PENDING)
    running = await pull(worker)
    await worker.queue.finish(running, completed(running), 2.0)  # the average is now 2.0
    assert worker.queue.eta(0) == 2.0
    await front.queue.submit(make_job("s1", "runs"), MAX_PENDING)
    running = await pull(worker)
    await asyncio.sleep(0.05)  # its claim is written
    second, third = make_job("s2", 2), make_job("s3", 3)
    await front.queue.submit(second, MAX_PENDING)
    await front.queue.submit(third, MAX_PENDING)
    assert front.queue.eta(0) == 2.0  # learnt when submitting
    assert (await stream_of(front, "s1", 1))[0] == messages.estimation(first.event_id, 0, 1, None)
    assert await stream_of(front, "s2", 1) == [messages.estimation(second.event_id, 0, 1, 2.0)]
    assert await stream_of(front, "s3", 1) == [messages.estimation(third.event_id, 1, 2, 4.0)]
    await asyncio.sleep(1.0)  # past the broadcast interval
    await worker.queue.finish(running, completed(running), None)
    assert (await pull(worker)).event_id == second.event_id
    # The second started: the third moves up and hears it.
    assert await stream_of(front, "s3", 1) == [messages.estimation(third.event_id, 0, 1, 2.0)]


async def test_the_eta_is_a_moving_average_of_run_times(redis_backends) -> None:
    front = await redis_backends()
    worker = await redis_backends()
    for duration, expected in [(1.0, 1.0), (2.0, 1.2), (None, 1.2), (1.2, 1.2)]:
        await front.queue.submit(make_job("s", fn_index=4), MAX_PENDING)
        job = await pull(worker)
        await worker.queue.finish(job, completed(job), duration)
        assert worker.queue.eta(4) == pytest.approx(expected)
    assert worker.queue.eta(5) is None


async def test_cancelling_a_waiting_job(redis_backends) -> None:
    front = await redis_backends()
    worker = await redis_backends()
    await front.sessions.open("s")
    await front.queue.submit(make_job("s", "runs"), MAX_PENDING)
    running = await pull(worker)
    await asyncio.sleep(0.05)  # its claim is written
    waiting = make_job("s", "cancelled")
    await front.queue.submit(waiting, MAX_PENDING)
    assert await front.queue.cancel(waiting.event_id) == "waiting"
    assert await front.sessions.pending("s") == 1
    assert await front.queue.waiting_count() == 0
    assert await front.queue.cancel(waiting.event_id) == "unknown"
    got = await stream_of(front, "s", 3)
    assert got[-1] == messages.process_cancelled(waiting.event_id)
    await worker.queue.finish(running, completed(running), None)
    with pytest.raises(asyncio.TimeoutError):
        await pull(worker, timeout_s=0.5)  # the cancelled job never runs


async def test_cancelling_a_running_job_tells_its_worker(redis_backends) -> None:
    front = await redis_backends()
    worker = await redis_backends()
    heard: list[str] = []
    told = asyncio.Event()
    worker.queue.on_cancel(lambda event_id: (heard.append(event_id), told.set()))
    job = make_job("s", "runs")
    await front.queue.submit(job, MAX_PENDING)
    running = await pull(worker)
    await asyncio.sleep(0.05)  # the worker marks it started
    assert await front.queue.cancel(job.event_id) == "running"
    with anyio.fail_after(2):
        await told.wait()
    assert heard == [job.event_id]
    await worker.queue.finish(running, messages.process_cancelled(job.event_id), None)
    assert await front.queue.cancel(job.event_id) == "unknown"
    assert await front.queue.cancel("no-such-event") == "unknown"


async def test_a_job_delivered_to_a_worker_is_no_longer_cancelled_as_waiting(
    redis_backends,
) -> None:
    front = await redis_backends()
    worker = await redis_backends()
    heard: list[str] = []
    worker.queue.on_cancel(heard.append)
    job = make_job("s")
    await front.queue.submit(job, MAX_PENDING)
    await pull(worker)
    # no pause: the worker may not have written that it started; delivery decides
    assert await front.queue.cancel(job.event_id) == "running"


async def test_finish_lowers_pending_with_the_final_message_after_the_jobs_own(
    redis_backends,
) -> None:
    front = await redis_backends()
    worker = await redis_backends()
    await front.sessions.open("s")
    reader = front.messages.read("s")
    job = make_job("s", "x")
    await front.queue.submit(job, MAX_PENDING)
    pulled = await pull(worker)
    worker.messages.put("s", messages.process_starts(job.event_id, None))
    for step in range(20):
        worker.messages.put("s", {"msg": "process_generating", "event_id": job.event_id, "n": step})
    final = completed(pulled)
    await worker.queue.finish(pulled, final, 0.5)
    got: list[dict[str, Any]] = []
    with anyio.fail_after(5):
        while final not in got:
            got += await anext(reader)
            if final in got:
                assert await front.sessions.pending("s") == 0  # already lowered
    await reader.aclose()
    assert [m["msg"] for m in got] == ["estimation", "process_starts"] + [
        "process_generating"
    ] * 20 + ["process_completed"]
    assert [m["n"] for m in got if "n" in m] == list(range(20))


async def test_an_unknown_group_is_refused(redis_backends) -> None:
    front = await redis_backends()
    with pytest.raises(ValueError, match="not one of the backend's groups"):
        await front.queue.submit(make_job("s", concurrency_id="other"), MAX_PENDING)
