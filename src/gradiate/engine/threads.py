"""Worker threads for sync user code, and streaming a sync generator from one thread.

``WorkerPool`` bounds sync functions to ``max_threads`` like anyio's CapacityLimiter, but
dispatches through a ``ThreadPoolExecutor``: measured here, ``anyio.to_thread.run_sync``
costs ~360 us a call under concurrency against ~120 us for the executor, and that
difference is most of an event's cost at 100 concurrent sessions.

Stepping a generator with one thread round trip per item costs ~0.1-0.2 ms a yield,
which caps token streaming near 5,000 items/s. Instead the whole generator runs in a
single worker thread that queues each item and nudges the loop without waiting for it.
"""

from __future__ import annotations

import asyncio
import contextvars
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import anyio

T = TypeVar("T")

_ITEM, _ERROR, _END = range(3)


class WorkerPool:
    """At most ``max_threads`` threads running sync user code, with the caller's context."""

    def __init__(self, max_threads: int) -> None:
        self.max_threads = max_threads
        self._executor: ThreadPoolExecutor | None = None

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn`` in a worker thread; on cancellation the caller stops waiting at once."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.max_threads, thread_name_prefix="gradiate")
        context = contextvars.copy_context()
        future = self._executor.submit(context.run, fn, *args, **kwargs)
        return await asyncio.wrap_future(future)

    def shutdown(self) -> None:
        """Stop taking work; running calls finish in the background."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


async def consume_in_thread(
    gen: Iterator[Any],
    on_items: Callable[[list[Any]], None],
    pool: WorkerPool,
) -> None:
    """Iterate ``gen`` in a worker thread; call ``on_items`` on the loop with new items.

    Re-raises the generator's exception. On cancellation the thread stops after the item
    it is computing and closes the generator.
    """
    # anyio has no non-blocking thread-to-loop signal; asyncio's call_soon_threadsafe is one.
    loop = asyncio.get_running_loop()
    inbox: queue.SimpleQueue[tuple[int, Any]] = queue.SimpleQueue()
    stop = threading.Event()
    wakeup = anyio.Event()

    def nudge() -> None:
        wakeup.set()

    def produce() -> None:
        try:
            for item in gen:
                inbox.put((_ITEM, item))
                loop.call_soon_threadsafe(nudge)
                if stop.is_set():
                    break
        except BaseException as exc:  # handed to the loop, which re-raises it
            inbox.put((_ERROR, exc))
        finally:
            close = getattr(gen, "close", None)
            if close is not None:
                close()
            inbox.put((_END, None))
            if not loop.is_closed():
                loop.call_soon_threadsafe(nudge)

    try:
        async with anyio.create_task_group() as task_group:
            task_group.start_soon(pool.run, produce)
            while True:
                await wakeup.wait()
                wakeup = anyio.Event()
                if _drain(inbox, on_items):
                    break
    finally:
        stop.set()


def _drain(
    inbox: queue.SimpleQueue[tuple[int, Any]], on_items: Callable[[list[Any]], None]
) -> bool:
    """Hand queued items over; True once the generator has ended."""
    items: list[Any] = []
    ended = False
    error: BaseException | None = None
    while True:
        try:
            kind, value = inbox.get_nowait()
        except queue.Empty:
            break
        if kind == _ITEM:
            items.append(value)
        elif kind == _ERROR:
            error = value
        else:
            ended = True
    if items:
        on_items(items)
    if error is not None:
        raise error
    return ended
