"""``JobQueue`` over Redis Streams: admission and cancel on fronts, pulling and finish on workers.

Cancel requests for running jobs travel on a pub/sub channel that every process follows
(with lease releases, which wake pullers waiting for room).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import orjson
import redis.asyncio as aioredis

from gradiate.engine import messages
from gradiate.engine.interfaces import (
    BackendUnavailableError,
    CancelOutcome,
    Job,
    QueueFullError,
    SessionBusyError,
    SessionLimitError,
)
from gradiate.engine.redis_backend.connection import (
    OUTAGE_ERRORS,
    Backoff,
    Keys,
    Outage,
    cancel_and_wait,
    front_call,
)
from gradiate.engine.redis_backend.messages import Call, RedisMessageStream, encode
from gradiate.engine.redis_backend.scripts import Scripts
from gradiate.engine.redis_backend.worker import Worker, ensure_group

logger = logging.getLogger("gradiate.engine.redis")


class RedisJobQueue:
    """Jobs of every concurrency group, shared by all fronts and workers of the app."""

    def __init__(
        self,
        client: aioredis.Redis,
        scripts: Scripts,
        keys: Keys,
        outage: Outage,
        stream: RedisMessageStream,
        worker: Worker,
        *,
        groups: dict[str, int | None],
        max_size: int | None,
        job_ttl_ms: int,
    ) -> None:
        self._client = client
        self._scripts = scripts
        self._keys = keys
        self._outage = outage
        self._stream = stream
        self.worker = worker
        self.groups = groups
        self.max_size = max_size
        self._job_ttl_ms = job_ttl_ms
        self._eta: dict[int, float] = {}
        self._callbacks: list[Callable[[str], None]] = []
        self._subscriber: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()

    async def start(self) -> None:
        """Create the consumer groups and follow the cancel and release channels."""
        with front_call(self._outage.url):
            for group in self.groups:
                await ensure_group(self._client, self._keys.jobs(group))
            raw = await self._client.hgetall(self._keys.eta)
        self._eta = {int(k): float(v) for k, v in raw.items()}
        self._subscribed = asyncio.Event()
        self._subscriber = asyncio.get_running_loop().create_task(self._subscribe_loop())
        try:
            await asyncio.wait_for(self._subscribed.wait(), 5.0)
        except asyncio.TimeoutError:
            raise BackendUnavailableError(
                f"Redis at {self._outage.url} did not take the subscription in 5 s"
            ) from None

    async def close(self) -> None:
        await self.worker.close()
        if self._subscriber is not None:
            await cancel_and_wait([self._subscriber])
            self._subscriber = None

    # ------------------------------------------------------------------ fronts

    async def submit(self, job: Job, max_pending: int) -> None:
        group = job.concurrency_id
        if group not in self.groups:
            raise ValueError(
                f"concurrency group {group!r} is not one of the backend's groups "
                f"({', '.join(map(repr, self.groups))})"
            )
        if self._stream.has_unflushed(job.session_hash):
            await self._stream.flush()  # its estimation must follow them
        keys = self._keys
        limit = self.groups[group]
        with front_call(self._outage.url):
            reply = await self._scripts.run(
                self._scripts.submit,
                [
                    keys.waiting(group),
                    keys.jobs(group),
                    keys.job(job.event_id),
                    keys.stream(job.session_hash),
                    keys.eta,
                    keys.seq,
                    keys.session(job.session_hash),
                    keys.sessions,
                    keys.state(job.session_hash),
                    keys.cursor(job.session_hash),
                    *(keys.waiting(g) for g in self.groups),
                ],
                [
                    job.event_id,
                    orjson.dumps(job.event_id),
                    job.to_bytes(),
                    job.session_hash,
                    group,
                    job.fn_index,
                    -1 if limit is None else limit,
                    -1 if self.max_size is None else self.max_size,
                    self._job_ttl_ms,
                    self._stream.max_stream_messages,
                    self._stream.ttl_ms,
                    max_pending,
                    *self._stream.session_limits(),
                    *(-1 if lim is None else lim for lim in self.groups.values()),
                ],
            )
        if reply[0] == -3:
            raise SessionLimitError("the app already holds its maximum of sessions")
        if reply[0] == -2:
            raise SessionBusyError(f"the session already has {max_pending} events pending")
        if reply[0] == -1:
            raise QueueFullError(f"{self.max_size} events already wait in the queue")
        if len(reply) > 1 and reply[1] is not None:
            self._eta[job.fn_index] = float(reply[1])

    async def cancel(self, event_id: str) -> CancelOutcome:
        with front_call(self._outage.url):
            outcome = await self._scripts.run(
                self._scripts.cancel,
                [self._keys.job(event_id)],
                [
                    self._keys.prefix,
                    event_id,
                    encode(messages.process_cancelled(event_id)),
                    self._stream.max_stream_messages,
                    self._stream.ttl_ms,
                    self._keys.cancel_channel,
                ],
            )
        text = outcome.decode() if isinstance(outcome, bytes) else str(outcome)
        if text == "waiting":
            return "waiting"
        if text == "running":
            return "running"
        return "unknown"

    def on_cancel(self, callback: Callable[[str], None]) -> None:
        self._callbacks.append(callback)

    def eta(self, fn_index: int) -> float | None:
        return self._eta.get(fn_index)

    async def waiting_count(self) -> int:
        with front_call(self._outage.url):
            async with self._client.pipeline(transaction=False) as pipe:
                for group in self.groups:
                    pipe.zcard(self._keys.waiting(group))
                counts = await pipe.execute()
        return sum(int(n) for n in counts)

    # ------------------------------------------------------------------ workers

    def jobs(self) -> AsyncIterator[Job]:
        return self._jobs()

    def push_to(self, start: Callable[[Job], None]) -> bool:
        return False  # workers on many machines pull their jobs

    async def _jobs(self) -> AsyncIterator[Job]:
        await self.worker.start()
        while True:
            yield await self.worker.out.get()

    async def finish(self, job: Job, final: dict[str, Any], duration_s: float | None) -> None:
        record = self.worker.release(job.event_id)
        group = job.concurrency_id
        keys = self._keys
        script_keys = [
            keys.session(job.session_hash),
            keys.stream(job.session_hash),
            keys.jobs(group),
            keys.job(job.event_id),
            keys.leases(group),
            keys.eta,
            keys.waiting(group),
        ]
        token = record.token if record is not None and record.token is not None else ""
        args: list[Any] = [
            encode(final),
            record.entry_id if record is not None else "",
            token,
            job.fn_index,
            "" if duration_s is None else repr(float(duration_s)),
            self._stream.max_stream_messages,
            self._stream.ttl_ms,
            keys.freed_channel,
            group,
        ]
        script = self._scripts.finish

        command = ("EVALSHA", script.sha, len(script_keys), *script_keys, *args)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        # After the job's own messages, in the same write: one round trip for both.
        self._stream.call(
            job.session_hash,
            Call(command, lambda: self._scripts.run(script, script_keys, args), future),
        )
        try:
            average = await future
        finally:
            if record is not None:
                self.worker.drop_token(record)
        if average is not None:
            self._eta[job.fn_index] = float(average)

    # ------------------------------------------------------------------ pub/sub

    async def _subscribe_loop(self) -> None:
        backoff = Backoff(self._outage)
        cancel = self._keys.cancel_channel.encode()
        while True:
            pubsub = self._client.pubsub()
            try:
                await pubsub.subscribe(self._keys.cancel_channel, self._keys.freed_channel)
                backoff.ok()
                self._subscribed.set()
                while True:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if message is None:
                        continue
                    data = message["data"].decode()
                    if message["channel"] == cancel:
                        self._cancelled(data)
                    else:
                        self.worker.on_freed(data)
            except OUTAGE_ERRORS as exc:
                await backoff.wait(exc)
            finally:
                with contextlib.suppress(*OUTAGE_ERRORS):
                    await pubsub.aclose()

    def _cancelled(self, event_id: str) -> None:
        for callback in self._callbacks:
            try:
                callback(event_id)
            except Exception:
                logger.exception("a cancel callback failed for event %s", event_id)
