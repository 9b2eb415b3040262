"""Redis backend: one event's round trip through Redis at concurrency 1.

A front (this process) opens a session, reads its stream, and submits one echo job after
another; a worker (a subprocess) pulls each job, puts ``process_starts`` and finishes it
with ``process_completed``. Timed: ``submit`` (it counts the pending event) → the final
message read by the front. For scale, the same trip with bare commands (XADD job → XREADGROUP →
XADD result → XREAD) is timed too. Needs ``/usr/bin/redis-server`` (or ``--url``).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_redis_roundtrip.py
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.redis_server import RedisServer

from gradiate.engine import messages
from gradiate.engine.interfaces import Job
from gradiate.engine.redis_backend import RedisBackend

GROUPS: dict[str, int | None] = {"default": 1}

MAX_PENDING = 64
"""The engine's default bound on a session's pending events."""


async def _worker(url: str, namespace: str) -> None:
    backend = RedisBackend(url, namespace=namespace, groups=GROUPS)
    await backend.start()
    try:
        async for job in backend.queue.jobs():
            backend.messages.put(job.session_hash, messages.process_starts(job.event_id, None))
            final = messages.process_completed(job.event_id, job.data, 0.0, None, [])
            await backend.queue.finish(job, final, 0.0001)
    finally:
        await backend.close()


def _run_worker(url: str, namespace: str) -> None:
    asyncio.run(_worker(url, namespace))


async def _backend_trips(url: str, namespace: str, events: int) -> list[float]:
    front = RedisBackend(url, namespace=namespace, groups=GROUPS)
    await front.start()
    session = uuid.uuid4().hex[:11]
    await front.sessions.open(session)
    reader = front.messages.read(session)
    trips: list[float] = []
    try:
        for index in range(events):
            event_id = uuid.uuid4().hex
            job = Job(event_id, 0, [index], session, session, "default", 1)
            start = time.perf_counter()
            await front.queue.submit(job, MAX_PENDING)
            done = False
            while not done:
                batch = await reader.__anext__()
                done = any(m.get("msg") == "process_completed" for m in batch)
            trips.append(time.perf_counter() - start)
    finally:
        await reader.aclose()
        await front.close()
    return trips


async def _bare_worker(url: str, key: str) -> None:
    client = aioredis.Redis.from_url(url)
    await client.xgroup_create(key, "g", id="0", mkstream=True)
    while True:
        reply: Any = await client.xreadgroup("g", "w", {key: ">"}, count=1, block=1000)
        if reply:
            entry_id, fields = reply[0][1][0]
            async with client.pipeline(transaction=False) as pipe:
                pipe.xadd(key + ":out", {"d": fields[b"j"]})
                pipe.xack(key, "g", entry_id)
                await pipe.execute()


def _run_bare_worker(url: str, key: str) -> None:
    asyncio.run(_bare_worker(url, key))


async def _bare_trips(url: str, key: str, events: int) -> list[float]:
    client = aioredis.Redis.from_url(url)
    cursor: Any = b"0-0"
    trips: list[float] = []
    for index in range(events):
        start = time.perf_counter()
        await client.xadd(key, {"j": str(index)})
        while True:
            reply: Any = await client.xread({key + ":out": cursor}, count=100, block=1000)
            if reply:
                cursor = reply[0][1][-1][0]
                break
        trips.append(time.perf_counter() - start)
    await client.aclose()
    return trips


def _p50_ms(trips: list[float], warmup: int) -> float:
    return statistics.median(trips[warmup:]) * 1000


def _timed(target: Any, url: str, name: str, measure: Any, events: int) -> list[float]:
    worker = multiprocessing.get_context("spawn").Process(target=target, args=(url, name))
    worker.start()
    try:
        time.sleep(1.0)  # the worker imports and connects
        return asyncio.run(measure(url, name, events))
    finally:
        worker.kill()
        worker.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--url", help="an existing Redis (default: start redis-server)")
    parser.add_argument("--events", type=int, default=500)
    args = parser.parse_args()
    server = None if args.url else RedisServer()
    if server is not None:
        server.start()
    url = args.url or (server.url if server else "")
    warmup = min(50, args.events // 5)
    try:
        bare = _timed(_run_bare_worker, url, f"bench-bare-{uuid.uuid4().hex[:6]}",
                      _bare_trips, args.events)  # fmt: skip
        full = _timed(_run_worker, url, f"bench-{uuid.uuid4().hex[:6]}",
                      _backend_trips, args.events)  # fmt: skip
    finally:
        if server is not None:
            server.stop()
    bare_p50, full_p50 = _p50_ms(bare, warmup), _p50_ms(full, warmup)
    print(f"bare XADD→XREADGROUP→XADD→XREAD round trip: p50 {bare_p50:.3f} ms")
    print(f"RedisBackend submit→pull→finish→final read:  p50 {full_p50:.3f} ms")
    print(f"the backend's cost over the bare trip:       {full_p50 - bare_p50:+.3f} ms")


if __name__ == "__main__":
    main()
