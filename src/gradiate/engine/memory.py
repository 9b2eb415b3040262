"""The in-memory backend: one process's sessions, message channels and job queue.

State values stay live Python objects pinned to this process (nothing is copied or
serialised), so any value works as a ``gr.State``; the Redis backend is the one that
serialises them. Every method completes without waiting: the ``async`` is the contract's.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from gradiate.engine import messages
from gradiate.engine.interfaces import CancelOutcome, Job, QueueFullError, SessionBusyError
from gradiate.engine.sessions import InMemorySessionStore, Session, SessionLimits

ESTIMATION_INTERVAL_S = 1.0
"""How often waiting events hear their new place in the queue, at most."""


class MemorySessions:
    """``SessionStore`` over an ``InMemorySessionStore``."""

    def __init__(self, store: InMemorySessionStore) -> None:
        self.store = store
        self.ttl_s = store.ttl_s

    async def open(self, session_hash: str) -> bool:
        is_new = self.store.get(session_hash) is None
        self.store.get_or_create(session_hash)
        return is_new

    async def exists(self, session_hash: str) -> bool:
        return self.store.get(session_hash) is not None

    async def touch(self, session_hash: str) -> None:
        session = self.store.get(session_hash)
        if session is not None:
            session.touch()

    async def discard(self, session_hash: str) -> None:
        self.store.discard(session_hash)

    async def add_pending(self, session_hash: str, delta: int) -> int:
        session = self.store.get(session_hash)
        if session is None:
            return 0
        session.pending += delta
        return session.pending

    async def pending(self, session_hash: str) -> int:
        session = self.store.get(session_hash)
        return 0 if session is None else session.pending

    async def load_state(self, session_hash: str, ids: Collection[int]) -> dict[int, Any]:
        # The session's own dict: in-place changes are kept, as Gradio keeps them.
        session = self.store.get(session_hash)
        return {} if session is None else session.state

    async def save_state(self, session_hash: str, values: dict[int, Any]) -> None:
        session = self.store.get(session_hash)
        if session is not None and values is not session.state:
            session.state.update(values)

    async def expire(self) -> int:
        return self.store.expire()

    async def count(self) -> int:
        return len(self.store)


class MemoryMessages:
    """``MessageStream`` over the sessions' in-memory channels."""

    def __init__(self, store: InMemorySessionStore) -> None:
        self.store = store

    def put(self, session_hash: str, message: dict[str, Any]) -> None:
        session = self.store.get(session_hash)
        if session is not None:  # a forgotten session has nobody left to read it
            session.channel.put(message)

    async def flush(self) -> None:
        return None

    def read(self, session_hash: str) -> AsyncGenerator[list[dict[str, Any]], None]:
        session = self.store.get(session_hash)
        return _no_batches() if session is None else session.channel.read()

    async def has_messages(self, session_hash: str) -> bool:
        session = self.store.get(session_hash)
        return session is not None and session.channel.has_messages()

    def nudge(self, session_hash: str) -> None:
        session = self.store.get(session_hash)
        if session is not None:
            session.channel.nudge()

    def nudge_all(self) -> None:
        self.store.nudge_readers()


async def _no_batches() -> AsyncGenerator[list[dict[str, Any]], None]:
    return
    yield


@dataclass(eq=False, slots=True)
class ConcurrencyGroup:
    """Jobs sharing one ``concurrency_id``: at most ``limit`` run at once."""

    limit: int | None
    running: int = 0
    waiting: deque[Job] = field(default_factory=deque[Job])
    last_broadcast: float = 0.0

    def has_room(self) -> bool:
        """Whether one more job may start now."""
        return self.limit is None or self.running < self.limit


class MemoryQueue:
    """``JobQueue`` for one process: FIFO per group, started as soon as the group has room."""

    def __init__(self, sessions: MemorySessions, stream: MemoryMessages, max_size: int | None):
        self.sessions = sessions
        self.stream = stream
        self.max_size = max_size
        self._groups: dict[str, ConcurrencyGroup] = {}
        self._jobs: dict[str, Job] = {}
        """Jobs waiting or running, by event id."""
        self._ready: deque[Job] = deque()
        self._wakeup = asyncio.Event()
        self._push: Callable[[Job], None] | None = None
        self._average_s: dict[int, float] = {}
        self._on_cancel: list[Callable[[str], None]] = []

    def _group(self, job: Job) -> ConcurrencyGroup:
        group = self._groups.get(job.concurrency_id)
        if group is None:
            group = self._groups[job.concurrency_id] = ConcurrencyGroup(job.limit)
        return group

    async def submit(self, job: Job, max_pending: int) -> None:
        store = self.sessions.store
        is_new = store.get(job.session_hash) is None
        session = store.get_or_create(job.session_hash)
        try:
            self._submit(job, session, max_pending)
        except (QueueFullError, SessionBusyError):
            if is_new:
                store.discard(job.session_hash)
            raise

    def _submit(self, job: Job, session: Session, max_pending: int) -> None:
        if session.pending >= max_pending:
            raise SessionBusyError
        group = self._group(job)
        if group.has_room():
            self.stream.put(job.session_hash, messages.estimation(job.event_id, 0, 1, None))
            self._admit(job, session)
            self._start(job, group)
            return
        if self.max_size is not None and self._waiting() >= self.max_size:
            raise QueueFullError
        self._admit(job, session)
        group.waiting.append(job)
        rank = len(group.waiting) - 1
        self.stream.put(
            job.session_hash,
            messages.estimation(job.event_id, rank, len(group.waiting), self._rank_eta(job, rank)),
        )

    def _admit(self, job: Job, session: Session) -> None:
        self._jobs[job.event_id] = job
        session.pending += 1

    def _start(self, job: Job, group: ConcurrencyGroup) -> None:
        group.running += 1
        if self._push is not None:
            self._push(job)
            return
        self._ready.append(job)
        self._wakeup.set()

    def push_to(self, start: Callable[[Job], None]) -> bool:
        self._push = start
        while self._ready:
            start(self._ready.popleft())
        return True

    async def jobs(self) -> AsyncIterator[Job]:
        while True:
            while self._ready:
                yield self._ready.popleft()
            self._wakeup.clear()
            await self._wakeup.wait()

    async def finish(self, job: Job, final: dict[str, Any], duration_s: float | None) -> None:
        if self._jobs.pop(job.event_id, None) is None:
            return
        session = self.sessions.store.get(job.session_hash)
        if session is not None:
            session.pending -= 1
            session.touch()
        self.stream.put(job.session_hash, final)
        if duration_s is not None:
            average = self._average_s.get(job.fn_index)
            self._average_s[job.fn_index] = (
                duration_s if average is None else 0.8 * average + 0.2 * duration_s
            )
        group = self._group(job)
        group.running -= 1
        while group.waiting and group.has_room():
            self._start(group.waiting.popleft(), group)
        self._broadcast_positions(group)

    async def cancel(self, event_id: str) -> CancelOutcome:
        job = self._jobs.get(event_id)
        if job is None:
            return "unknown"
        group = self._group(job)
        try:
            group.waiting.remove(job)
        except ValueError:
            for callback in self._on_cancel:
                callback(event_id)
            return "running"
        del self._jobs[event_id]
        session = self.sessions.store.get(job.session_hash)
        if session is not None:
            session.pending -= 1
            session.touch()
        self.stream.put(job.session_hash, messages.process_cancelled(event_id))
        return "waiting"

    def on_cancel(self, callback: Callable[[str], None]) -> None:
        self._on_cancel.append(callback)

    def eta(self, fn_index: int) -> float | None:
        return self._average_s.get(fn_index)

    async def waiting_count(self) -> int:
        return self._waiting()

    def _waiting(self) -> int:
        return sum(len(group.waiting) for group in self._groups.values())

    def running_count(self) -> int:
        """Jobs admitted and not finished (waiting or running)."""
        return len(self._jobs)

    def _broadcast_positions(self, group: ConcurrencyGroup) -> None:
        now = time.monotonic()
        if not group.waiting or now - group.last_broadcast < ESTIMATION_INTERVAL_S:
            return
        group.last_broadcast = now
        size = len(group.waiting)
        for rank, job in enumerate(group.waiting):
            self.stream.put(
                job.session_hash,
                messages.estimation(job.event_id, rank, size, self._rank_eta(job, rank)),
            )

    def _rank_eta(self, job: Job, rank: int) -> float | None:
        average = self._average_s.get(job.fn_index)
        if average is None:
            return None
        return average * (rank // (job.limit or 1) + 1)


class InMemoryBackend:
    """Sessions, messages and queue of one process (the default backend)."""

    url = "memory://"

    def __init__(self, *, ttl_s: float, limits: SessionLimits | None = None,
                 max_size: int | None = None) -> None:  # fmt: skip
        self.store = InMemorySessionStore(ttl_s=ttl_s, limits=limits)
        self.sessions = MemorySessions(self.store)
        self.messages = MemoryMessages(self.store)
        self.queue = MemoryQueue(self.sessions, self.messages, max_size)

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None
