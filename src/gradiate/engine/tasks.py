"""``TaskSet``: the engine's running events as plain asyncio tasks.

An anyio task group spawn plus a cancel scope per event cost ~40 us, a sixth of an
event's whole budget at 2,000 events/s. A TaskSet keeps a strong reference to each task,
logs any exception a task ends with (so none is lost), and cancels what is left when the
engine stops; cancelling one event is cancelling its task.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

logger = logging.getLogger("gradiate.engine")


class TaskSet:
    """Tasks started on the running loop, each logged if it fails, all cancelled at close."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run ``coroutine`` as a task of this set; return the task (to cancel it)."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("engine task failed", exc_info=task.exception())

    async def aclose(self) -> None:
        """Cancel every task still running and wait for them to end."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def __len__(self) -> int:
        return len(self._tasks)
