"""``Engine``: the one object the server talks to — join, stream, cancel.

It runs two roles on an injected backend: the *front* (admission, streams, cancellation:
what HTTP routes call) and the *worker* (pulls jobs and runs them). One process is both
by default; with the Redis backend either role may run alone (``gradiate serve``,
``gradiate worker``).
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing, asynccontextmanager
from typing import TYPE_CHECKING, Any

import anyio

from gradiate.data.lifecycle import app_files_for, cache_kept
from gradiate.engine import messages
from gradiate.engine.backends import app_namespace, concurrency, open_backend
from gradiate.engine.interfaces import (
    Backend,
    BackendUnavailableError,
    Job,
    QueueFullError,
    SessionBusyError,
    SessionLimitError,
)
from gradiate.engine.payloads import is_state
from gradiate.engine.runner import Runner
from gradiate.engine.sessions import SessionLimits
from gradiate.engine.worker import Worker
from gradiate.request import request_to_wire
from gradiate.retries import is_idempotent

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.events import BlockFunction
    from gradiate.request import RequestInfo

__all__ = [
    "BOTH_ROLES",
    "BackendUnavailableError",
    "Engine",
    "QueueFullError",
    "SessionBusyError",
    "SessionLimitError",
    "SessionLimits",
    "UnknownEndpointError",
    "open_backend",
]

DEFAULT_SESSION_TTL_S = 3600.0
HEARTBEAT_INTERVAL_S = 15.0
DEFAULT_MAX_PENDING_PER_SESSION = 64
_NAME_SHOWN_CHARS = 80
_TOUCH_INTERVAL_S = 1.0
"""A stream marks its session as used at most this often."""
BOTH_ROLES = frozenset({"front", "worker"})


class UnknownEndpointError(LookupError):
    """No dependency has this ``fn_index`` or ``api_name``, or it cannot be called."""


def session_ttl_from_env() -> float:
    """``GRADIATE_SESSION_TTL_S``, or one hour."""
    raw = os.environ.get("GRADIATE_SESSION_TTL_S")
    return float(raw) if raw else DEFAULT_SESSION_TTL_S


class Engine:
    """Runs one app's events for all its sessions, on its backend."""

    def __init__(self, blocks: Blocks, *, backend: Backend | None = None,
                 roles: frozenset[str] = BOTH_ROLES, max_threads: int = 40,
                 show_error: bool = False, session_ttl_s: float | None = None,
                 limits: SessionLimits | None = None,
                 max_pending_per_session: int = DEFAULT_MAX_PENDING_PER_SESSION,
                 allowed_paths: tuple[str, ...] = (), blocked_paths: tuple[str, ...] = (),
                 ) -> None:  # fmt: skip
        self.blocks = blocks
        ttl = session_ttl_s if session_ttl_s is not None else session_ttl_from_env()
        self.limits = limits or SessionLimits()
        self.backend = backend or open_backend(None, blocks, ttl_s=ttl, limits=self.limits)
        if not roles or not roles <= BOTH_ROLES:
            raise ValueError(f"roles must be 'front', 'worker' or both, not {sorted(roles)}")
        if roles != BOTH_ROLES and self.backend.url == "memory://":
            raise ValueError(
                "One role alone needs a shared backend: with the in-memory backend a process "
                "must be both front and worker (set a Redis backend to split them)."
            )
        self.roles = roles
        self.sessions = self.backend.sessions
        self.queue = self.backend.queue
        self.messages = self.backend.messages
        self.files, self._cache_plan = app_files_for(
            blocks, namespace=app_namespace(blocks), per_process=self.backend.url == "memory://",
            allowed=allowed_paths, blocked=blocked_paths,
        )  # fmt: skip
        self.runner = Runner(max_threads=max_threads, show_error=show_error,
                             eta=self.queue.eta, files=self.files)  # fmt: skip
        self.worker: Worker | None = None
        self.max_pending_per_session = max_pending_per_session
        self._by_api_name = {
            fn.api_name: fn for fn in blocks.fns.values() if fn.api_visibility != "private"
        }
        self._state_ids = tuple(c.id for c in blocks.blocks.values() if is_state(c))
        self.heartbeat_interval_s = HEARTBEAT_INTERVAL_S

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Engine]:
        """Run the engine's roles while the ``async with`` body lasts (the server's lifespan)."""
        await self.backend.start()
        owns_cache = self.backend.url == "memory://"
        try:
            async with (
                cache_kept(self.files, self._cache_plan, owner=owns_cache),
                anyio.create_task_group() as task_group,
            ):
                if "worker" in self.roles:
                    self.worker = Worker(self.blocks, self.backend, self.runner)
                    task_group.start_soon(self.worker.run)
                if "front" in self.roles:
                    task_group.start_soon(self._expire_sessions)
                    task_group.start_soon(self._tick_heartbeats)
                try:
                    yield self
                finally:
                    task_group.cancel_scope.cancel()
        finally:
            with anyio.CancelScope(shield=True):
                await self.backend.close()
            self.runner.shutdown()

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

    async def join(self, block_fn: BlockFunction, data: list[Any], session_hash: str, *,
                   sends_diffs: bool = True, event_id: str | None = None,
                   state_session_hash: str | None = None, event_data: Any = None,
                   trigger_id: object = None, request: RequestInfo | None = None,
                   ) -> str:  # fmt: skip
        """Admit an event; its messages go to ``session_hash``'s stream. Returns its id.

        ``event_data`` and ``trigger_id`` are the browser's word on the event (for
        ``gr.EventData``); ``request`` is the HTTP request as the server read it (for
        ``gr.Request``).

        Raises:
            QueueFullError: the queue already holds ``max_size`` waiting events.
            SessionBusyError: the session has ``max_pending_per_session`` events pending.
            SessionLimitError: the session is new and the store holds its maximum.
            BackendUnavailableError: the backend cannot be reached.
        """
        event_id = event_id or uuid.uuid4().hex
        sessions = self.sessions
        if state_session_hash and state_session_hash != session_hash:
            await sessions.open(state_session_hash)
        job = self._job(
            block_fn, data, session_hash, event_id, sends_diffs,
            state_session_hash or session_hash, event_data, trigger_id, request,
        )  # fmt: skip
        await self.queue.submit(job, self.max_pending_per_session)
        return event_id

    def _job(self, block_fn: BlockFunction, data: list[Any], session_hash: str, event_id: str,
             sends_diffs: bool, state_session_hash: str, event_data: Any, trigger_id: object,
             request: RequestInfo | None) -> Job:  # fmt: skip
        concurrency_id, limit = concurrency(self.blocks, block_fn)
        plain = block_fn.plan is None or block_fn.plan.is_plain
        job = Job(event_id, block_fn.id, data, session_hash, state_session_hash,
                  concurrency_id, limit, sends_diffs)  # fmt: skip
        if not plain:
            job.event_data = event_data
            if isinstance(trigger_id, int) and not isinstance(trigger_id, bool):
                job.trigger_id = trigger_id
        if request is not None and (not plain or block_fn.processes_files):
            job.request = request_to_wire(request)  # files: their URLs name the host
        job.idempotent = is_idempotent(block_fn.fn)
        return job

    def concurrency_groups(self) -> dict[str, int | None]:
        """Every concurrency group of the app, with its limit."""
        fns = self.blocks.fns.values()
        return dict(concurrency(self.blocks, fn) for fn in fns if fn.fn is not None)

    async def cancel(self, event_id: object) -> bool:
        """Stop a waiting or running event; False if there is no such event."""
        if not isinstance(event_id, str) or not event_id:
            return False
        return await self.queue.cancel(event_id) != "unknown"

    async def stream(self, session_hash: str) -> AsyncGenerator[list[dict[str, Any]], None]:
        """Batches of the session's messages until ``close_stream``; heartbeats when idle.

        Yields ``[SESSION_NOT_FOUND]`` once for a session that does not exist.
        """
        # One round trip for a stream with events on their way (the usual case).
        if await self.sessions.pending(session_hash) == 0:
            if not await self.sessions.exists(session_hash):
                yield [messages.SESSION_NOT_FOUND]
                return
            if not await self.messages.has_messages(session_hash):
                yield [messages.CLOSE_STREAM]
                await self._forget_if_empty(session_hash)
                return
        closed: list[bool] = []
        async for batch in self._read(session_hash, closed):
            yield batch
        if closed:
            await self._forget_if_empty(session_hash, known_done=True)

    async def _forget_if_empty(self, session_hash: str, known_done: bool = False) -> None:
        # The stream ended with close_stream: a session without State values holds nothing
        # a later join needs (it would be created afresh), so free it now, not at expiry.
        if not (known_done or await self._is_done(session_hash)):
            return
        if not await self._holds_state(session_hash):
            await self.sessions.discard(session_hash)

    async def _holds_state(self, session_hash: str) -> bool:
        if not self._state_ids:
            return False
        return bool(await self.sessions.load_state(session_hash, self._state_ids))

    async def _is_done(self, session_hash: str) -> bool:
        return await self.sessions.pending(
            session_hash
        ) == 0 and not await self.messages.has_messages(session_hash)

    async def _read(
        self, session_hash: str, closed: list[bool]
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """The stream's batches; ``closed`` gets True once it ends with close_stream."""
        # Like Gradio, decide "no more events" when reading, not when an event ends: an
        # event joined while the previous one finished still belongs to this stream.
        touched = time.monotonic()  # the join has just refreshed the session
        # Closed here, not left to the garbage collector: asyncio would spawn a task to
        # close each abandoned generator (two tasks per event, measured).
        async with aclosing(self.messages.read(session_hash)) as batches:
            async for batch in batches:
                now = time.monotonic()
                if now - touched > _TOUCH_INTERVAL_S:
                    touched = now
                    await self.sessions.touch(session_hash)
                if not batch:
                    if await self._is_done(session_hash):
                        closed.append(True)
                        yield [messages.HEARTBEAT, messages.CLOSE_STREAM]
                        return
                    yield [messages.HEARTBEAT]
                    continue
                # The result goes out first; whether the stream is done costs a round
                # trip on a shared backend, and the client should not wait for it.
                yield batch
                if _ends_an_event(batch) and await self._is_done(session_hash):
                    closed.append(True)
                    yield [messages.CLOSE_STREAM]
                    return

    async def has_session(self, session_hash: str) -> bool:
        """Whether the session exists (it has joined and not yet expired)."""
        return await self.sessions.exists(session_hash)

    async def waiting_count(self) -> int:
        """Events admitted but not yet started."""
        return await self.queue.waiting_count()

    def nudge(self, session_hash: str) -> None:
        """Wake the session's stream now (it sends a heartbeat, or notices a hang-up)."""
        self.messages.nudge(session_hash)

    async def touch_session(self, session_hash: str) -> None:
        """Keep a session alive (heartbeat)."""
        if await self.sessions.exists(session_hash):
            await self.sessions.touch(session_hash)

    async def discard_session(self, session_hash: str) -> None:
        """Forget a one-off session (a REST call whose result was read)."""
        if await self.sessions.pending(session_hash) == 0:
            await self.sessions.discard(session_hash)

    async def _tick_heartbeats(self) -> None:
        while True:
            await anyio.sleep(self.heartbeat_interval_s)
            self.messages.nudge_all()

    async def _expire_sessions(self) -> None:
        shortest_ttl_s = min(self.sessions.ttl_s, self.limits.unstreamed_ttl_s)
        interval = max(0.05, min(30.0, shortest_ttl_s / 2))
        while True:
            await anyio.sleep(interval)
            try:
                await self.sessions.expire()
            except BackendUnavailableError:
                continue  # the backend logs its outage; expiry resumes with it

    async def stats(self) -> dict[str, int]:
        """Counts for monitoring and tests."""
        running = getattr(self.queue, "running_count", None)
        return {
            "sessions": await self.sessions.count(),
            "events": running() if running is not None else 0,
            "waiting": await self.queue.waiting_count(),
        }


def _ends_an_event(batch: list[dict[str, Any]]) -> bool:
    # unexpected_error: the stream overflowed and its unread results were dropped.
    return any(m["msg"] in ("process_completed", "unexpected_error") for m in batch)
