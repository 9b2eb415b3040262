"""Running one event: inputs in, the user's function, outputs (or errors) out as messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
    from gradiate.data.app_files import AppFiles
    from gradiate.events import BlockFunction
    from gradiate.request import RequestInfo

logger = logging.getLogger("gradiate.engine")


@dataclass(eq=False, slots=True)
class Event:
    """One run of a dependency on a worker, from its job."""

    event_id: str
    block_fn: BlockFunction
    data: list[Any]
    session_hash: str
    """Whose stream gets the event's messages (and whose ``gr.Request`` it is)."""
    state: dict[int, Any]
    """The State values the event reads and writes, by component id."""
    emit: Callable[[dict[str, Any]], None]
    """Sends a message to the session's stream."""
    concurrency_id: str = "__default__"
    limit: int | None = None
    sends_diffs: bool = True
    """Generator updates as edit lists (queue stream) or full values (REST /call)."""
    replaces_first: bool = False
    """A re-run after a worker died: its first update replaces what the client holds."""
    event_data: Any = None
    """What the browser said about the event (the join body's ``event_data``)."""
    target: Block | None = None
    """The block whose event this is (the join body's ``trigger_id``), if known."""
    request: RequestInfo | None = None
    """The HTTP request that joined the event, as the server read it."""


class Runner:
    """Runs events: sync functions in a bounded thread pool per concurrency group."""

    def __init__(self, max_threads: int, show_error: bool,
                 eta: Callable[[int], float | None] | None = None,
                 files: AppFiles | None = None) -> None:  # fmt: skip
        self.max_threads = max_threads
        self.files = files
        self.show_error = show_error
        self._eta = eta or (lambda fn_index: None)
        self._pools: dict[str, WorkerPool] = {}
        self._loop_thread = threading.get_ident()

    def pool_for(self, concurrency_id: str, limit: int | None) -> WorkerPool:
        """The threads of one concurrency group: a saturated group cannot starve another."""
        pool = self._pools.get(concurrency_id)
        if pool is None:
            size = self.max_threads if limit is None else max(1, min(limit, self.max_threads))
            pool = self._pools[concurrency_id] = WorkerPool(size)
        return pool

    def shutdown(self) -> None:
        """Let every pool's threads end once their current call returns."""
        for pool in self._pools.values():
            pool.shutdown()
        self._pools.clear()

    async def run(self, event: Event) -> tuple[dict[str, Any], float | None]:
        """Run ``event``; emit its progress and return its final message and run time.

        The run time is None when the event failed. Cancellation propagates.
        """
        self._loop_thread = threading.get_ident()
        block_fn = event.block_fn
        eta = self._eta(block_fn.id)
        event.emit(messages.process_starts(event.event_id, eta))
        started = time.monotonic()
        reporter_token = feedback.current_reporter.set(self._reporter(event))
        pool = self.pool_for(event.concurrency_id, event.limit)
        with_files = block_fn.processes_files
        try:
            with self._files_for(event, with_files):
                if with_files:  # decoding media is kept off the event loop
                    values = await pool.run(prepare_inputs, block_fn, event.data, event.state)
                else:
                    values = prepare_inputs(block_fn, event.data, event.state)
                args, kwargs = call_arguments(
                    block_fn, values, event.event_data, event.target, event.request,
                    event.session_hash,
                )  # fmt: skip
                if block_fn.is_generator:
                    payloads, changed = await self._run_generator(
                        event, args, kwargs, started, pool
                    )
                else:
                    result = await self._call(block_fn.fn, args, kwargs, block_fn.is_async, pool)
                    if with_files:
                        payloads, changed = await pool.run(
                            _outputs_of, block_fn, result, event.state
                        )
                    else:
                        payloads, changed = _outputs_of(block_fn, result, event.state)
        except Exception as exc:  # a boundary: any failure of user code ends this event only
            return self._failure(event, single_exception(exc)), None
        finally:
            feedback.current_reporter.reset(reporter_token)
        elapsed = time.monotonic() - started
        final = messages.process_completed(event.event_id, payloads, elapsed, eta, changed)
        return final, elapsed

    def _files_for(self, event: Event, with_files: bool) -> contextlib.AbstractContextManager[Any]:
        if self.files is None or not with_files:
            return contextlib.nullcontext()
        return self.files.using(_root_url(event.request))

    async def _call(self, fn: Any, args: list[Any], kwargs: dict[str, Any], is_async: bool,
                    pool: WorkerPool) -> Any:  # fmt: skip
        if is_async:
            return await fn(*args, **kwargs)
        return await pool.run(fn, *args, **kwargs)

    async def _run_generator(
        self, event: Event, args: list[Any], kwargs: dict[str, Any], started: float,
        pool: WorkerPool,
    ) -> tuple[list[Any], list[int]]:  # fmt: skip
        block_fn = event.block_fn
        stream = _GeneratedOutputs(event, started, self._eta(block_fn.id))
        gen = block_fn.fn(*args, **kwargs)  # type: ignore[misc]  # a generator function only builds it
        with_files = block_fn.processes_files
        if block_fn.is_async:
            try:
                async for item in gen:
                    if with_files:
                        stream.send([await pool.run(_Processed.of, block_fn, item, event.state)])
                    else:
                        stream.send([item])
            finally:
                await gen.aclose()
        else:
            if with_files:  # each item is postprocessed in the generator's thread
                gen = _Processed.each(gen, block_fn, event.state)
            await consume_in_thread(gen, stream.send, pool)
        return stream.final(), []  # a generator's State changes went with its updates

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
            if isinstance(result, _Processed):
                payloads, changed = result.payloads, result.changed
            else:
                payloads, changed = _outputs_of(block_fn, result, event.state)
            data = payloads
            if event.sends_diffs and self.previous is not None:
                data = [diff(old, new) for old, new in zip(self.previous, payloads, strict=True)]
            elif event.sends_diffs and event.replaces_first:
                data = [[["replace", [], new]] for new in payloads]
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


def _outputs_of(
    block_fn: BlockFunction, result: Any, state: dict[int, Any]
) -> tuple[list[Any], list[int]]:
    return postprocess_outputs(block_fn, split_result(block_fn, result), state)


@dataclass(slots=True)
class _Processed:
    """A generator's item already turned into payloads (in a worker thread)."""

    payloads: list[Any]
    changed: list[int]

    @classmethod
    def of(cls, block_fn: BlockFunction, item: Any, state: dict[int, Any]) -> _Processed:
        return cls(*_outputs_of(block_fn, item, state))

    @classmethod
    def each(
        cls, gen: Iterator[Any], block_fn: BlockFunction, state: dict[int, Any]
    ) -> Iterator[_Processed]:
        try:
            for item in gen:
                yield cls.of(block_fn, item, state)
        finally:
            close = getattr(gen, "close", None)
            if close is not None:
                close()


def _root_url(request: RequestInfo | None) -> str | None:
    """The app's public URL as the request that joined the event saw it."""
    if request is None:
        return None
    host = next((value for name, value in request.headers if name == b"host"), None)
    if host is None:
        return None
    return f"{request.scheme}://{host.decode('latin-1')}{request.root_path}".rstrip("/")
