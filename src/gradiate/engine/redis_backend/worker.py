"""A worker's side of the queue: leases, pulling jobs, liveness, and jobs of dead workers.

Per concurrency group one puller takes a local slot (``local_capacity``), then a cluster
lease when the group has a limit, then one job (XREADGROUP), which it claims by taking it
off the waiting set. The worker's liveness key and leases are refreshed every third of
``lease_ttl_s``; a worker that stops refreshing loses both, and the reclaimer of another
worker re-queues its jobs (once, when they are idempotent) or ends them as failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import ResponseError

from gradiate.engine import messages
from gradiate.engine.interfaces import Job
from gradiate.engine.redis_backend.connection import (
    BLOCK_SLICE_MS,
    OUTAGE_ERRORS,
    Backoff,
    Keys,
    Lane,
    Outage,
    cancel_and_wait,
)
from gradiate.engine.redis_backend.messages import Call, RedisMessageStream, encode
from gradiate.engine.redis_backend.scripts import Scripts

logger = logging.getLogger("gradiate.engine.redis")

GROUP = "workers"
ESTIMATION_INTERVAL_S = 1.0
_RECLAIM_MIN_IDLE_MS = 100
_RECLAIM_COUNT = 100

RETRIED_TWICE = (
    "The worker running this event stopped before it finished; it was already retried once."
)
NOT_IDEMPOTENT = (
    "The worker running this event stopped before it finished; this function is marked "
    "non-idempotent, so it was not run again."
)


@dataclass(slots=True)
class Running:
    """A job this worker pulled and has not finished."""

    group: str
    token: str | None
    entry_id: bytes


async def ensure_group(client: aioredis.Redis, jobs_key: str) -> None:
    """Create the jobs stream's consumer group (from the start: jobs may predate it)."""
    try:
        await client.xgroup_create(jobs_key, GROUP, id="0", mkstream=True)
    except ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


class Worker:
    """Pulls jobs for one process; started by the first ``jobs()`` iteration."""

    def __init__(
        self,
        client: aioredis.Redis,
        scripts: Scripts,
        keys: Keys,
        outage: Outage,
        stream: RedisMessageStream,
        *,
        groups: dict[str, int | None],
        local_capacity: dict[str, int],
        worker_id: str,
        lease_ttl_s: float,
        job_ttl_ms: int,
        stream_ttl_ms: int,
        max_stream_messages: int,
    ) -> None:
        self._client = client
        self._scripts = scripts
        self._keys = keys
        self._outage = outage
        self._stream = stream
        self.groups = groups
        self.worker_id = worker_id
        self.lease_ttl_s = lease_ttl_s
        self._lease_ms = max(1, round(lease_ttl_s * 1000))
        self._job_ttl_ms = job_ttl_ms
        self._stream_ttl_ms = stream_ttl_ms
        self._maxlen = max_stream_messages
        self._capacity = {g: asyncio.Semaphore(n) for g, n in local_capacity.items()}
        self._freed = {g: asyncio.Event() for g in groups}
        self._last_broadcast = dict.fromkeys(groups, 0.0)
        self._held: dict[str, str] = {}
        """Lease token → group, for every lease this worker holds (idle or running)."""
        self.running: dict[str, Running] = {}
        self.out: asyncio.Queue[Job] = asyncio.Queue()
        self._tokens = itertools.count()
        self._tasks: list[asyncio.Task[None]] = []
        self._started: asyncio.Future[None] | None = None

    async def start(self) -> None:
        """Announce this worker, recover its own earlier jobs, start pulling (once)."""
        if self._started is not None:
            return await asyncio.shield(self._started)
        self._started = asyncio.get_running_loop().create_future()
        try:
            await self._refresh()
            for group in self.groups:
                await self._reclaim(group, own=True)
        except BaseException as exc:
            self._started.set_exception(exc)
            self._started = None
            raise
        self._started.set_result(None)
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._pull_loop(group)) for group in self.groups]
        self._tasks += [
            loop.create_task(self._refresh_loop()),
            loop.create_task(self._reclaim_loop()),
        ]

    async def close(self) -> None:
        """Stop pulling; give up this worker's leases and liveness at once.

        Jobs pulled and not finished are then recovered by the other workers.
        """
        await cancel_and_wait(self._tasks)
        self._tasks = []
        if self._started is None:
            return
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                for token, group in self._held.items():
                    pipe.zrem(self._keys.leases(group), token)
                pipe.delete(self._keys.alive(self.worker_id))
                await pipe.execute()
        except OUTAGE_ERRORS:
            pass  # they expire on their own
        self._held.clear()

    # ------------------------------------------------------------------ slots and leases

    def on_freed(self, group: str) -> None:
        """A lease of ``group`` was released somewhere: waiting pullers try again."""
        event = self._freed.get(group)
        if event is not None:
            event.set()

    def release(self, event_id: str) -> Running | None:
        """Forget a job pulled here; its slot goes back (its lease goes in ``finish``)."""
        record = self.running.pop(event_id, None)
        if record is not None:
            self._capacity[record.group].release()
        return record

    def drop_token(self, record: Running) -> None:
        """The lease of a finished job was released in Redis."""
        if record.token is not None:
            self._held.pop(record.token, None)
        self.on_freed(record.group)

    async def _acquire(self, group: str, limit: int, backoff: Backoff) -> str:
        token = f"{self.worker_id}:{next(self._tokens)}"
        freed = self._freed[group]
        while True:
            freed.clear()
            try:
                got = await self._scripts.run(
                    self._scripts.acquire_lease,
                    [self._keys.leases(group)],
                    [token, limit, self._lease_ms],
                )
            except OUTAGE_ERRORS as exc:
                await backoff.wait(exc)
                continue
            backoff.ok()
            if got:
                self._held[token] = group
                return token
            # a release here or elsewhere wakes us; a dead holder's lease just expires
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(freed.wait(), self.lease_ttl_s / 3)

    # ------------------------------------------------------------------ pulling

    async def _pull_loop(self, group: str) -> None:
        limit = self.groups[group]
        slots = self._capacity[group]
        backoff = Backoff(self._outage)
        lane = Lane(self._client)  # its own connection: it blocks in XREADGROUP
        try:
            await self._pull_forever(group, limit, slots, backoff, lane)
        finally:
            await lane.close()

    async def _pull_forever(
        self, group: str, limit: int | None, slots: asyncio.Semaphore, backoff: Backoff, lane: Lane
    ) -> None:
        while True:
            await slots.acquire()
            token: str | None = None
            try:
                if limit is not None:
                    token = await self._acquire(group, limit, backoff)
                job, entry_id = await self._next_job(group, limit, backoff, lane)
            except BaseException:
                slots.release()
                raise
            self.running[job.event_id] = Running(group, token, entry_id)
            await self.out.put(job)

    async def _next_job(
        self, group: str, limit: int | None, backoff: Backoff, lane: Lane
    ) -> tuple[Job, bytes]:
        jobs_key = self._keys.jobs(group)
        command = ("XREADGROUP", "GROUP", GROUP, self.worker_id, "COUNT", 1,
                   "BLOCK", BLOCK_SLICE_MS, "STREAMS", jobs_key, ">")  # fmt: skip
        while True:
            try:
                (reply,) = await lane.call([command])
            except OUTAGE_ERRORS as exc:
                await backoff.wait(exc)
                continue
            backoff.ok()
            if isinstance(reply, ResponseError):
                if "NOGROUP" not in str(reply):
                    raise reply
                await self._guard(backoff, lambda: ensure_group(self._client, jobs_key))
                continue
            if not reply:
                continue
            entry_id, fields = reply[0][1][0]
            raw = _field(fields, b"j")
            if raw is None:  # trimmed or malformed: nothing to run
                await self._guard(backoff, lambda e=entry_id: self._ack(jobs_key, e))
                continue
            job = Job.from_bytes(raw)
            self._claim(group, limit, job, entry_id)
            return job, entry_id

    def _claim(self, group: str, limit: int | None, job: Job, entry_id: bytes) -> None:
        """Take the delivered job off the waiting set, before the messages it will put.

        Delivery already made it this worker's (cancel sees it pending), so the claim
        rides the next write of the message buffer instead of costing a round trip.
        """
        now = time.monotonic()
        broadcast = now - self._last_broadcast[group] >= ESTIMATION_INTERVAL_S
        if broadcast:
            self._last_broadcast[group] = now
        keys = self._keys
        script = self._scripts.claim
        script_keys = [keys.waiting(group), keys.jobs(group), keys.job(job.event_id)]
        args: list[Any] = [
            job.event_id,
            entry_id,
            self.worker_id,
            keys.prefix,
            int(broadcast),
            -1 if limit is None else limit,
            self._maxlen,
            self._stream_ttl_ms,
        ]

        command = ("EVALSHA", script.sha, len(script_keys), *script_keys, *args)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        future.add_done_callback(_log_failure)
        self._stream.call(
            job.session_hash,
            Call(command, lambda: self._scripts.run(script, script_keys, args), future),
            urgent=False,
        )

    async def _ack(self, jobs_key: str, entry_id: bytes) -> None:
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.xack(jobs_key, GROUP, entry_id)
            pipe.xdel(jobs_key, entry_id)
            await pipe.execute()

    async def _guard(self, backoff: Backoff, call: Callable[[], Awaitable[Any]]) -> Any:
        """Await ``call()``, calling it again through an outage."""
        while True:
            try:
                result = await call()
            except OUTAGE_ERRORS as exc:
                await backoff.wait(exc)
                continue
            backoff.ok()
            return result

    # ------------------------------------------------------------------ liveness

    async def _refresh(self) -> None:
        held = list(self._held.items())
        keys = [self._keys.alive(self.worker_id), *(self._keys.leases(g) for _, g in held)]
        args: list[Any] = [self._lease_ms, self.worker_id, *(token for token, _ in held)]
        await self._scripts.run(self._scripts.refresh, keys, args)

    async def _refresh_loop(self) -> None:
        backoff = Backoff(self._outage)
        while True:
            await asyncio.sleep(self.lease_ttl_s / 3)
            try:
                await self._refresh()
            except OUTAGE_ERRORS as exc:
                await backoff.wait(exc)
                continue
            backoff.ok()

    async def _reclaim_loop(self) -> None:
        backoff = Backoff(self._outage)
        while True:
            await asyncio.sleep(self.lease_ttl_s / 2)
            try:
                for group in self.groups:
                    await self._reclaim(group, own=False)
            except OUTAGE_ERRORS as exc:
                await backoff.wait(exc)
                continue
            backoff.ok()

    async def _reclaim(self, group: str, *, own: bool) -> None:
        """Recover pending jobs of dead workers (with ``own``: this worker's earlier life)."""
        jobs_key = self._keys.jobs(group)
        try:
            pending: Any = await self._client.xpending_range(
                jobs_key, GROUP, min="-", max="+", count=_RECLAIM_COUNT
            )
        except ResponseError as exc:
            if "NOGROUP" not in str(exc):
                raise
            await ensure_group(self._client, jobs_key)
            return
        me = self.worker_id.encode()
        consumers = list({p["consumer"] for p in pending if p["consumer"] != me})
        dead = {me} if own else set()
        if consumers:
            async with self._client.pipeline(transaction=False) as pipe:
                for consumer in consumers:
                    pipe.exists(self._keys.alive(consumer.decode()))
                alive = await pipe.execute()
            dead |= {c for c, is_alive in zip(consumers, alive, strict=True) if not is_alive}
        for entry in pending:
            if entry["consumer"] in dead:
                min_idle = 0 if entry["consumer"] == me else _RECLAIM_MIN_IDLE_MS
                await self._recover(group, entry["message_id"], min_idle)

    async def _recover(self, group: str, entry_id: bytes, min_idle_ms: int) -> None:
        jobs_key = self._keys.jobs(group)
        claimed: Any = await self._client.xclaim(
            jobs_key, GROUP, self.worker_id, min_idle_ms, [entry_id]
        )
        if not claimed:
            return  # another worker took it first, or it is gone
        entry_id, fields = claimed[0]
        raw = (fields or {}).get(b"j") if isinstance(fields, dict) else _field(fields, b"j")
        if raw is None:
            await self._ack(jobs_key, entry_id)
            return
        job = Job.from_bytes(raw)
        retry = job.idempotent and job.attempt == 0
        reason = RETRIED_TWICE if job.idempotent else NOT_IDEMPOTENT
        keys = self._keys
        outcome = await self._scripts.run(
            self._scripts.recover,
            [
                keys.waiting(group),
                jobs_key,
                keys.job(job.event_id),
                keys.session(job.session_hash),
                keys.stream(job.session_hash),
            ],
            [
                job.event_id,
                entry_id,
                raw,
                replace(job, attempt=job.attempt + 1).to_bytes() if retry else "",
                encode(messages.process_failed(job.event_id, reason)),
                self._maxlen,
                self._stream_ttl_ms,
                self._job_ttl_ms,
            ],
        )
        if outcome in (b"requeued", b"failed"):
            logger.warning(
                "event %s: its worker stopped before it finished; %s",
                job.event_id,
                "it runs again" if outcome == b"requeued" else "it ended as failed",
            )


def _log_failure(future: asyncio.Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("a job could not be marked as started: %s", future.exception())


def _field(fields: Any, name: bytes) -> bytes | None:
    """A field of a raw stream entry (a flat list; None for a deleted entry)."""
    if not fields:
        return None
    for index in range(0, len(fields) - 1, 2):
        if fields[index] == name:
            return fields[index + 1]
    return None
