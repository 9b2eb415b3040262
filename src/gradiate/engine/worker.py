"""``Worker``: pulls jobs from the backend's queue and runs them (the worker role)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import anyio

from gradiate.engine import messages
from gradiate.engine.interfaces import Backend, Job, StateStorageError
from gradiate.engine.payloads import is_state
from gradiate.engine.runner import Event, Runner
from gradiate.engine.tasks import TaskSet
from gradiate.request import request_from_wire

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.events import BlockFunction

logger = logging.getLogger("gradiate.engine")


def state_ids(block_fn: BlockFunction) -> tuple[int, ...]:
    """The ids of the State components an event reads or writes."""
    ids = dict.fromkeys(c.id for c in (*block_fn.inputs, *block_fn.outputs) if is_state(c))
    return tuple(ids)


class Worker:
    """Runs the jobs of one app that its backend hands this process."""

    def __init__(self, blocks: Blocks, backend: Backend, runner: Runner) -> None:
        self.blocks = blocks
        self.backend = backend
        self.runner = runner
        self._running: dict[str, asyncio.Task[Any]] = {}
        self._tasks = TaskSet()
        self._state_ids = {fn.id: state_ids(fn) for fn in blocks.fns.values() if fn.fn is not None}
        self._pulling = anyio.CancelScope()
        backend.queue.on_cancel(self._cancel)

    async def run(self) -> None:
        """Pull and run jobs until cancelled; then stop the jobs still running."""
        tasks = self._tasks = TaskSet()
        try:
            with self._pulling:
                if self.backend.queue.push_to(self._start):
                    await anyio.sleep_forever()
                async for job in self.backend.queue.jobs():
                    self._start(job)
            await anyio.sleep_forever()  # stopped pulling: the running jobs go on
        finally:
            await tasks.aclose()

    def stop_pulling(self) -> None:
        """Pull no more jobs (a stopping ``gradiate worker``); the running ones go on.

        For a shared queue, which workers pull; the in-process queue pushes its jobs.
        """
        self._pulling.cancel()

    def _start(self, job: Job) -> None:
        self._running[job.event_id] = self._tasks.spawn(self._run(job))

    def _cancel(self, event_id: str) -> None:
        task = self._running.get(event_id)
        if task is not None:
            task.cancel()

    def running_count(self) -> int:
        """Jobs this process is running now."""
        return len(self._running)

    async def _run(self, job: Job) -> None:
        final: dict[str, Any] = messages.process_cancelled(job.event_id)
        duration: float | None = None
        try:
            final, duration = await self._execute(job)
        except asyncio.CancelledError:
            pass  # cancelled by the user (or the engine stopping): `final` says so
        finally:
            self._running.pop(job.event_id, None)
            try:
                await self.backend.queue.finish(job, final, duration)
            except Exception:  # the backend lost it (Redis gone): its own recovery re-runs it
                logger.exception("could not finish event %s", job.event_id)

    async def _execute(self, job: Job) -> tuple[dict[str, Any], float | None]:
        block_fn = self.blocks.fns.get(job.fn_index)
        if block_fn is None or block_fn.fn is None:
            message = f"This worker's app has no event fn_index={job.fn_index}; is every "
            message += "process running the same version of the app?"
            return messages.process_failed(job.event_id, message, "Worker error"), None
        ids = self._state_ids.get(block_fn.id, ())
        sessions = self.backend.sessions
        state = await sessions.load_state(job.state_session_hash, ids) if ids else {}
        event = self._event(job, block_fn, state)
        final, duration = await self.runner.run(event)
        if ids and final.get("success"):
            try:
                await sessions.save_state(job.state_session_hash, state)
            except StateStorageError as exc:
                return messages.process_failed(job.event_id, str(exc), "State not saved"), None
        return final, duration

    def _event(self, job: Job, block_fn: BlockFunction, state: dict[int, Any]) -> Event:
        put = self.backend.messages.put
        session_hash = job.session_hash

        def emit(message: dict[str, Any]) -> None:
            put(session_hash, message)

        event = Event(
            job.event_id, block_fn, job.data, session_hash, state, emit,
            concurrency_id=job.concurrency_id, limit=job.limit, sends_diffs=job.sends_diffs,
            replaces_first=job.attempt > 0,
        )  # fmt: skip
        if job.request is not None:
            event.request = request_from_wire(job.request)
        plan = block_fn.plan
        if plan is not None and not plan.is_plain:
            event.event_data = job.event_data
            if job.trigger_id is not None:
                event.target = self.blocks.blocks.get(job.trigger_id)
        return event
