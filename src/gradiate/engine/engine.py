"""``Engine``: the one object the server talks to — join, stream, cancel."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import anyio

from gradiate.engine import messages
from gradiate.engine.interfaces import EventQueue, SessionRecord, SessionStore
from gradiate.engine.queue import InMemoryQueue, QueueFullError
from gradiate.engine.runner import Event, Runner
from gradiate.engine.sessions import InMemorySessionStore, SessionLimitError, SessionLimits
from gradiate.engine.tasks import TaskSet

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.events import BlockFunction
    from gradiate.request import RequestInfo

__all__ = [
    "Engine",
    "QueueFullError",
    "SessionBusyError",
    "SessionLimitError",
    "SessionLimits",
    "UnknownEndpointError",
]

DEFAULT_SESSION_TTL_S = 3600.0
HEARTBEAT_INTERVAL_S = 15.0
DEFAULT_MAX_PENDING_PER_SESSION = 64
_NAME_SHOWN_CHARS = 80


class UnknownEndpointError(LookupError):
    """No dependency has this ``fn_index`` or ``api_name``, or it cannot be called."""


class SessionBusyError(Exception):
    """The session already has its maximum of events waiting or running."""


def session_ttl_from_env() -> float:
    """``GRADIATE_SESSION_TTL_S``, or one hour."""
    raw = os.environ.get("GRADIATE_SESSION_TTL_S")
    return float(raw) if raw else DEFAULT_SESSION_TTL_S


class Engine:
    """Runs one app's events for all its sessions, in this process."""

    def __init__(self, blocks: Blocks, *, max_threads: int = 40, show_error: bool = False,
                 session_ttl_s: float | None = None, limits: SessionLimits | None = None,
                 max_pending_per_session: int = DEFAULT_MAX_PENDING_PER_SESSION,
                 ) -> None:  # fmt: skip
        self.blocks = blocks
        self.runner = Runner(max_threads=max_threads, show_error=show_error)
        ttl = session_ttl_s if session_ttl_s is not None else session_ttl_from_env()
        self.limits = limits or SessionLimits()
        self.sessions: SessionStore = InMemorySessionStore(ttl_s=ttl, limits=self.limits)
        self.max_pending_per_session = max_pending_per_session
        self.queue: EventQueue = InMemoryQueue(self._run, self._eta, blocks.max_size)
        self._events: dict[str, tuple[Event, str]] = {}
        self._by_api_name = {
            fn.api_name: fn for fn in blocks.fns.values() if fn.api_visibility != "private"
        }
        self.heartbeat_interval_s = HEARTBEAT_INTERVAL_S

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Engine]:
        """Run events while the ``async with`` body lasts (the server's lifespan)."""
        tasks = TaskSet()
        async with anyio.create_task_group() as task_group:
            self.queue.attach(tasks)
            task_group.start_soon(self._expire_sessions)
            task_group.start_soon(self._tick_heartbeats)
            try:
                yield self
            finally:
                self.queue.attach(None)
                with anyio.CancelScope(shield=True):
                    await tasks.aclose()
                task_group.cancel_scope.cancel()
                self.runner.pool.shutdown()

    # ----- lookups --------------------------------------------------------------------

    def fn_by_index(self, fn_index: object) -> BlockFunction:
        """The dependency with id ``fn_index`` that has a Python function."""
        block_fn = None
        if isinstance(fn_index, int) and not isinstance(fn_index, bool):
            block_fn = self.blocks.fns.get(fn_index)
        if block_fn is None or block_fn.fn is None:
            shown = repr(fn_index) if isinstance(fn_index, int | None) else type(fn_index).__name__
            raise UnknownEndpointError(
                f"fn_index={shown[:_NAME_SHOWN_CHARS]} is not an event of this app; the "
                "dependencies in /config give the valid ids."
            )
        return block_fn

    def fn_by_api_name(self, api_name: str) -> BlockFunction:
        """The public or undocumented dependency named ``api_name``."""
        block_fn = self._by_api_name.get(api_name.lstrip("/"))
        if block_fn is None or block_fn.fn is None:
            public = (name for name, fn in self._by_api_name.items()
                      if fn.api_visibility == "public" and fn.fn is not None)  # fmt: skip
            known = ", ".join("/" + name for name in sorted(public)) or "none"
            shown = api_name.lstrip("/")[:_NAME_SHOWN_CHARS]
            raise UnknownEndpointError(
                f"There is no API endpoint named '/{shown}'; this app's API has: {known} "
                "(see /gradio_api/info)."
            )
        return block_fn

    # ----- events ---------------------------------------------------------------------

    def join(self, block_fn: BlockFunction, data: list[Any], session_hash: str, *,
             sends_diffs: bool = True, event_id: str | None = None,
             state_session_hash: str | None = None, event_data: Any = None,
             trigger_id: object = None, request: RequestInfo | None = None) -> str:  # fmt: skip
        """Admit an event; its messages go to ``session_hash``'s stream. Returns its id.

        ``event_data`` and ``trigger_id`` are the browser's word on the event (for
        ``gr.EventData``); ``request`` is the HTTP request as the server read it (for
        ``gr.Request``).

        Raises:
            QueueFullError: the queue already holds ``max_size`` waiting events.
            SessionBusyError: the session has ``max_pending_per_session`` events pending.
            SessionLimitError: the session is new and the store holds its maximum.
        """
        event_id = event_id or uuid.uuid4().hex
        is_new = self.sessions.get(session_hash) is None
        session = self.sessions.get_or_create(session_hash)
        try:
            if session.pending >= self.max_pending_per_session:
                raise SessionBusyError
            state_session = (
                self.sessions.get_or_create(state_session_hash) if state_session_hash else session
            )
            event = Event(event_id, block_fn, data, session, state_session, sends_diffs)
            if block_fn.plan is not None and not block_fn.plan.is_plain:
                event.event_data = event_data
                event.request = request
                if isinstance(trigger_id, int) and not isinstance(trigger_id, bool):
                    event.target = self.blocks.blocks.get(trigger_id)
            concurrency_id, limit = self._concurrency(block_fn)
            session.pending += 1
            try:
                self.queue.submit(event, concurrency_id, limit)
            except QueueFullError:
                session.pending -= 1
                raise
        except (QueueFullError, SessionBusyError, SessionLimitError):
            if is_new:  # a refused join leaves nothing behind
                self.sessions.discard(session_hash)
            raise
        self._events[event_id] = (event, concurrency_id)
        return event_id

    def _concurrency(self, block_fn: BlockFunction) -> tuple[str, int | None]:
        if not block_fn.queue:
            return "__unqueued__", None
        limit = block_fn.concurrency_limit
        resolved = self.blocks.default_concurrency_limit if limit == "default" else limit
        return block_fn.concurrency_id, resolved

    async def _run(self, event: Event) -> None:
        try:
            await self.runner.run(event)
        finally:
            self._finish(event)

    def _finish(self, event: Event) -> None:
        self._events.pop(event.event_id, None)
        session = event.session
        session.pending -= 1
        session.touch()

    def _eta(self, event: Event) -> float | None:
        return self.runner.eta(event.block_fn)

    def cancel(self, event_id: object) -> bool:
        """Stop a waiting or running event; False if there is no such event."""
        entry = self._events.get(event_id) if isinstance(event_id, str) else None
        if entry is None:
            return False
        event, concurrency_id = entry
        if self.queue.cancel_waiting(event, concurrency_id):
            event.emit(messages.process_cancelled(event.event_id))
            self._finish(event)
            return True
        if event.task is not None:
            event.task.cancel()
        return True

    async def stream(self, session_hash: str) -> AsyncGenerator[list[dict[str, Any]], None]:
        """Batches of the session's messages until ``close_stream``; heartbeats when idle.

        Yields ``[SESSION_NOT_FOUND]`` once for a session that does not exist.
        """
        session = self.sessions.get(session_hash)
        if session is None:
            yield [messages.SESSION_NOT_FOUND]
            return
        async for batch in self._read(session):
            yield batch
        # The stream ended with close_stream: a session without State values holds nothing
        # a later join needs (it would be created afresh), so free it now, not at expiry.
        if session.pending == 0 and not session.state and not session.channel.has_messages():
            self.sessions.discard(session_hash)

    async def _read(self, session: SessionRecord) -> AsyncIterator[list[dict[str, Any]]]:
        # Like Gradio, decide "no more events" when reading, not when an event ends: an
        # event joined while the previous one finished still belongs to this stream.
        if session.pending == 0 and not session.channel.has_messages():
            yield [messages.CLOSE_STREAM]
            return
        async for batch in session.channel.read():
            session.touch()
            if not batch:
                yield [messages.HEARTBEAT]
            elif session.pending == 0 and not session.channel.has_messages():
                yield [*batch, messages.CLOSE_STREAM]
                return
            else:
                yield batch

    def has_session(self, session_hash: str) -> bool:
        """Whether the session exists (it has joined and not yet expired)."""
        return self.sessions.get(session_hash) is not None

    def waiting_count(self) -> int:
        """Events admitted but not yet started."""
        return self.queue.waiting_count()

    def nudge(self, session_hash: str) -> None:
        """Wake the session's stream now (it sends a heartbeat, or notices a hang-up)."""
        session = self.sessions.get(session_hash)
        if session is not None:
            session.channel.nudge()

    def touch_session(self, session_hash: str) -> None:
        """Keep a session alive (heartbeat)."""
        session = self.sessions.get(session_hash)
        if session is not None:
            session.touch()

    def discard_session(self, session_hash: str) -> None:
        """Forget a one-off session (a REST call whose result was read)."""
        session = self.sessions.get(session_hash)
        if session is not None and session.pending == 0:
            self.sessions.discard(session_hash)

    async def _tick_heartbeats(self) -> None:
        while True:
            await anyio.sleep(self.heartbeat_interval_s)
            self.sessions.nudge_readers()

    async def _expire_sessions(self) -> None:
        shortest_ttl_s = min(self.sessions.ttl_s, self.limits.unstreamed_ttl_s)
        interval = max(0.05, min(30.0, shortest_ttl_s / 2))
        while True:
            await anyio.sleep(interval)
            self.sessions.expire()

    def stats(self) -> dict[str, int]:
        """Counts for monitoring and tests."""
        return {
            "sessions": len(self.sessions),
            "events": len(self._events),
            "waiting": self.queue.waiting_count(),
        }
