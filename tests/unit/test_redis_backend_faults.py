"""Faults against a real redis-server: workers killed mid-job, and Redis itself restarting."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import uuid
from asyncio.subprocess import Process
from typing import Any

import anyio
import pytest
from tests.redis_server import RedisServer

from gradiate.engine import messages
from gradiate.engine.interfaces import BackendUnavailableError, Job
from gradiate.engine.redis_backend.worker import NOT_IDEMPOTENT, RETRIED_TWICE

pytestmark = pytest.mark.anyio

LEASE_TTL_S = 0.6

# A worker process that pulls one job, says so, and hangs until it is killed.
WORKER = """
import asyncio, sys
from gradiate.engine.redis_backend import RedisBackend

async def main():
    backend = RedisBackend(sys.argv[1], namespace=sys.argv[2], groups={"default": 1},
                           lease_ttl_s=float(sys.argv[3]))
    await backend.start()
    async for job in backend.queue.jobs():
        print("pulled", job.event_id, job.attempt, flush=True)
        await asyncio.sleep(3600)

asyncio.run(main())
"""

MAX_PENDING = 64
"""The engine's default bound on a session's pending events."""


def make_job(session: str, **fields: Any) -> Job:
    return Job(uuid.uuid4().hex, 0, ["x"], session, session, "default", 1, **fields)


async def dying_worker(url: str, namespace: str) -> tuple[Process, str]:
    """Start a worker process; the process, and the line it prints once it pulled a job."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WORKER, url, namespace, str(LEASE_TTL_S),
        stdout=asyncio.subprocess.PIPE, env=os.environ,
    )  # fmt: skip
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 20)
    return process, line.decode().strip()


async def kill(process: Process) -> None:
    """SIGKILL: the worker gets no chance to clean up."""
    process.send_signal(signal.SIGKILL)
    await process.wait()


async def final_message(backend: Any, session: str, event_id: str) -> dict[str, Any]:
    reader = backend.messages.read(session)
    try:
        with anyio.fail_after(10):
            while True:
                for message in await anext(reader):
                    if message["msg"] == "process_completed" and message["event_id"] == event_id:
                        return message
    finally:
        await reader.aclose()


async def test_a_job_of_a_killed_worker_runs_again_once_elsewhere(
    redis_backends, redis_url: str, redis_namespace: str
) -> None:
    front = await redis_backends(lease_ttl_s=LEASE_TTL_S)
    await front.sessions.open("s")
    job = make_job("s")
    await front.queue.submit(job, MAX_PENDING)
    process, line = await dying_worker(redis_url, redis_namespace)
    assert line == f"pulled {job.event_id} 0"
    await kill(process)
    survivor = await redis_backends(lease_ttl_s=LEASE_TTL_S)
    again = await asyncio.wait_for(anext(survivor.queue.jobs()), 10)
    assert (again.event_id, again.attempt, again.data) == (job.event_id, 1, ["x"])
    await survivor.queue.finish(
        again, messages.process_completed(job.event_id, [1], 0, None, []), 0.1
    )
    final = await final_message(front, "s", job.event_id)
    assert final["success"] is True
    assert await front.sessions.pending("s") == 0


async def test_a_retried_job_whose_worker_dies_again_fails_with_a_reason(
    redis_backends, redis_url: str, redis_namespace: str
) -> None:
    front = await redis_backends(lease_ttl_s=LEASE_TTL_S)
    await front.sessions.open("s")
    job = make_job("s", attempt=1)
    await front.queue.submit(job, MAX_PENDING)
    process, line = await dying_worker(redis_url, redis_namespace)
    assert line == f"pulled {job.event_id} 1"
    await kill(process)
    await redis_backends(lease_ttl_s=LEASE_TTL_S)  # a live worker whose reclaimer notices
    survivor = await redis_backends(lease_ttl_s=LEASE_TTL_S)
    pulling = asyncio.ensure_future(anext(survivor.queue.jobs()))
    final = await final_message(front, "s", job.event_id)
    assert final == messages.process_failed(job.event_id, RETRIED_TWICE)
    assert await front.sessions.pending("s") == 0
    assert not pulling.done()  # it was not run again
    pulling.cancel()


async def test_a_non_idempotent_job_of_a_dead_worker_fails_at_once(
    redis_backends, redis_url: str, redis_namespace: str
) -> None:
    front = await redis_backends(lease_ttl_s=LEASE_TTL_S)
    job = make_job("s", idempotent=False)
    await front.queue.submit(job, MAX_PENDING)
    process, _ = await dying_worker(redis_url, redis_namespace)
    await kill(process)
    survivor = await redis_backends(lease_ttl_s=LEASE_TTL_S)
    pulling = asyncio.ensure_future(anext(survivor.queue.jobs()))
    final = await final_message(front, "s", job.event_id)
    assert final == messages.process_failed(job.event_id, NOT_IDEMPOTENT)
    assert "non-idempotent" in final["output"]["error"]
    assert not pulling.done()
    pulling.cancel()


async def test_work_resumes_after_redis_restarts(caplog: pytest.LogCaptureFixture) -> None:
    from gradiate.engine.redis_backend import RedisBackend

    caplog.set_level(logging.INFO, logger="gradiate.engine.redis")
    with RedisServer() as server:
        front = RedisBackend(server.url, namespace="outage", groups={"default": 1})
        worker = RedisBackend(server.url, namespace="outage", groups={"default": 1})
        await front.start()
        await worker.start()
        try:
            jobs = worker.queue.jobs()
            await front.sessions.open("s")
            reader = front.messages.read("s")
            first = make_job("s")
            await front.queue.submit(first, MAX_PENDING)
            pulled = await asyncio.wait_for(anext(jobs), 5)
            pulling = asyncio.ensure_future(anext(jobs))

            server.stop()
            await asyncio.sleep(0.5)
            worker.messages.put("s", messages.process_starts(first.event_id, None))  # buffered
            with pytest.raises(BackendUnavailableError, match="cannot be reached"):
                await front.sessions.open("t")
            with pytest.raises(BackendUnavailableError):
                await front.queue.submit(make_job("t"), MAX_PENDING)
            await asyncio.sleep(0.5)
            server.start()  # empty: the old state is gone, new work goes on

            await worker.messages.flush()
            with anyio.fail_after(10):
                got: list[dict[str, Any]] = []
                while not any(m["msg"] == "process_starts" for m in got):
                    got += await anext(reader)
            await worker.queue.finish(pulled, messages.process_cancelled(first.event_id), None)
            await front.sessions.open("s2")
            second = make_job("s2")
            await front.queue.submit(second, MAX_PENDING)
            again = await asyncio.wait_for(pulling, 10)
            assert again.event_id == second.event_id
            await worker.queue.finish(
                again, messages.process_completed(second.event_id, [2], 0, None, []), 0.1
            )
            assert (await final_message(front, "s2", second.event_id))["success"] is True
            await reader.aclose()
        finally:
            await worker.close()
            await front.close()
    text = [r.getMessage() for r in caplog.records if r.name == "gradiate.engine.redis"]
    lost = [t for t in text if t.startswith(f"lost Redis at {server.url}: ")]
    assert lost
    assert lost[0].endswith("; retrying in 0.1 s")
    assert f"reconnected to Redis at {server.url}" in text
    assert len(lost) <= 3  # one warning per outage, not one per retry
