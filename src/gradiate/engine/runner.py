"""Running one event: inputs in, the user's function, outputs (or errors) out as messages."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import anyio

from gradiate import feedback
from gradiate.engine import messages
from gradiate.engine.diff import diff
from gradiate.engine.payloads import (
    call_arguments,
    postprocess_outputs,
    prepare_inputs,
    split_result,
)
from gradiate.engine.threads import WorkerPool, consume_in_thread
from gradiate.exceptions import Error, PayloadError

if TYPE_CHECKING:
    from gradiate.components.base import Block
    from gradiate.engine.interfaces import SessionRecord
    from gradiate.events import BlockFunction
    from gradiate.request import RequestInfo

logger = logging.getLogger("gradiate.engine")


@dataclass(eq=False, slots=True)
class Event:
    """One run of a dependency, from join to completion."""

    event_id: str
    block_fn: BlockFunction
    data: list[Any]
    session: SessionRecord
    """Where the event's messages go."""
    state_session: SessionRecord
    """Whose State values the event reads and writes."""
    sends_diffs: bool = True
    """Generator updates as edit lists (queue stream) or full values (REST /call)."""
    status: Literal["waiting", "running", "done"] = "waiting"
    task: asyncio.Task[Any] | None = None
    """The task running the event, once it has started (cancel it to stop the event)."""
    event_data: Any = None
    """What the browser said about the event (the join body's ``event_data``)."""
    target: Block | None = None
    """The block whose event this is (the join body's ``trigger_id``), if known."""
    request: RequestInfo | None = None
    """The HTTP request that joined the event, as the server read it."""

    def emit(self, message: dict[str, Any]) -> None:
        """Send ``message`` to the event's session stream."""
        self.session.channel.put(message)


class Runner:
    """Runs events: sync functions in worker threads, async ones on the loop."""

    def __init__(self, max_threads: int, show_error: bool) -> None:
        self.pool = WorkerPool(max_threads)
        self.show_error = show_error
        self.average_s: dict[int, float] = {}
        self._loop_thread = threading.get_ident()

    def eta(self, block_fn: BlockFunction) -> float | None:
        """Average run time of this dependency so far, or None."""
        return self.average_s.get(block_fn.id)

    async def run(self, event: Event) -> None:
        """Run ``event`` to the end and emit its messages; never raises (but cancels)."""
        self._loop_thread = threading.get_ident()
        event.status = "running"
        block_fn = event.block_fn
        event.emit(messages.process_starts(event.event_id, self.eta(block_fn)))
        started = time.monotonic()
        reporter_token = feedback.current_reporter.set(self._reporter(event))
        try:
            values = prepare_inputs(block_fn, event.data, event.state_session)
            args, kwargs = call_arguments(
                block_fn, values, event.event_data, event.target, event.request,
                event.session.session_hash,
            )  # fmt: skip
            if block_fn.is_generator:
                await self._run_generator(event, args, kwargs, started)
            else:
                result = await self._call(block_fn.fn, args, kwargs, block_fn.is_async)
                self._complete(event, result, started)
        except Exception as exc:  # a boundary: any failure of user code ends this event only
            event.emit(self._failure(event, single_exception(exc)))
        except anyio.get_cancelled_exc_class():
            event.emit(messages.process_cancelled(event.event_id))
            raise
        finally:
            feedback.current_reporter.reset(reporter_token)
            event.status = "done"

    async def _call(self, fn: Any, args: list[Any], kwargs: dict[str, Any], is_async: bool) -> Any:
        if is_async:
            return await fn(*args, **kwargs)
        return await self.pool.run(fn, *args, **kwargs)

    async def _run_generator(
        self, event: Event, args: list[Any], kwargs: dict[str, Any], started: float
    ) -> None:
        block_fn = event.block_fn
        stream = _GeneratedOutputs(event, started, self.eta(block_fn))
        gen = block_fn.fn(*args, **kwargs)  # type: ignore[misc]  # a generator function only builds it
        if block_fn.is_async:
            try:
                async for item in gen:
                    stream.send([item])
            finally:
                await gen.aclose()
        else:
            await consume_in_thread(gen, stream.send, self.pool)
        self._record(block_fn, started)
        event.emit(
            messages.process_completed(
                event.event_id, stream.final(), time.monotonic() - started, self.eta(block_fn), []
            )
        )

    def _complete(self, event: Event, result: Any, started: float) -> None:
        block_fn = event.block_fn
        values = split_result(block_fn, result)
        payloads, changed = postprocess_outputs(block_fn, values, event.state_session)
        self._record(block_fn, started)
        event.emit(
            messages.process_completed(
                event.event_id,
                payloads,
                time.monotonic() - started,
                self.eta(block_fn),
                changed,
            )
        )

    def _record(self, block_fn: BlockFunction, started: float) -> None:
        elapsed = time.monotonic() - started
        average = self.average_s.get(block_fn.id)
        self.average_s[block_fn.id] = elapsed if average is None else 0.8 * average + 0.2 * elapsed

    def _failure(self, event: Event, exc: Exception) -> dict[str, Any]:
        name = event.block_fn.api_name
        if isinstance(exc, Error):
            if exc.print_exception:
                logger.warning("event /%s raised gr.Error: %s", name, exc.message)
            return messages.process_failed(
                event.event_id, exc.message, exc.title, exc.duration, exc.visible
            )
        if isinstance(exc, PayloadError):
            logger.info("event /%s rejected its input: %s", name, exc)
            return messages.process_failed(event.event_id, str(exc), "Invalid input")
        logger.error("event /%s failed", name, exc_info=exc)
        return messages.process_failed(event.event_id, str(exc) if self.show_error else None)

    def _reporter(self, event: Event) -> Callable[[dict[str, Any]], None]:
        loop_thread = self._loop_thread
        loop = asyncio.get_running_loop()

        def report(message: dict[str, Any]) -> None:
            message = {**message, "event_id": event.event_id}
            if threading.get_ident() == loop_thread:
                event.emit(message)
            else:  # from a worker thread: queue it on the loop, in order, without waiting
                loop.call_soon_threadsafe(event.emit, message)

        return report


def single_exception(exc: Exception) -> Exception:
    """The one exception inside (nested) one-member exception groups, else ``exc``.

    A task group re-raises a child's error wrapped in an ``ExceptionGroup``; unwrapped,
    a ``gr.Error`` keeps its message for the user.
    """
    while _is_exception_group(exc):
        members: tuple[object, ...] = getattr(exc, "exceptions", ())
        if len(members) != 1 or not isinstance(members[0], Exception):
            break
        exc = members[0]
    return exc


def _is_exception_group(exc: BaseException) -> bool:
    # By name: the built-in on Python 3.11+, the `exceptiongroup` backport before.
    return any(klass.__name__ == "BaseExceptionGroup" for klass in type(exc).__mro__)


class _GeneratedOutputs:
    """Turns each yielded value into a ``process_generating`` message (diffs after the first)."""

    def __init__(self, event: Event, started: float, eta: float | None) -> None:
        self.event = event
        self.started = started
        self.eta = eta
        self.previous: list[Any] | None = None

    def send(self, results: list[Any]) -> None:
        event = self.event
        block_fn = event.block_fn
        for result in results:
            values = split_result(block_fn, result)
            payloads, changed = postprocess_outputs(block_fn, values, event.state_session)
            data = payloads
            if event.sends_diffs and self.previous is not None:
                data = [diff(old, new) for old, new in zip(self.previous, payloads, strict=True)]
            self.previous = payloads
            elapsed = time.monotonic() - self.started
            event.emit(
                messages.process_generating(event.event_id, data, elapsed, self.eta, changed)
            )

    def final(self) -> list[Any]:
        """The last full outputs (``None`` each when nothing was yielded)."""
        if self.previous is None:
            return [None] * len(self.event.block_fn.outputs)
        return self.previous
