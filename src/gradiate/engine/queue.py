"""In-memory event queue: concurrency groups with limits, FIFO order, queue positions."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from gradiate.engine import messages
from gradiate.engine.runner import Event
from gradiate.engine.tasks import TaskSet

ESTIMATION_INTERVAL_S = 1.0
"""How often waiting events hear their new place in the queue, at most."""


class QueueFullError(Exception):
    """The queue already holds ``max_size`` waiting events."""


@dataclass(eq=False, slots=True)
class ConcurrencyGroup:
    """Events sharing one ``concurrency_id``: at most ``limit`` run at once."""

    limit: int | None
    running: int = 0
    waiting: deque[Event] = field(default_factory=deque)
    last_broadcast: float = 0.0

    def has_room(self) -> bool:
        """Whether one more event may start now."""
        return self.limit is None or self.running < self.limit


class InMemoryQueue:
    """Starts events in their group's order, as soon as the group has room."""

    def __init__(
        self,
        run: Callable[[Event], Awaitable[None]],
        eta: Callable[[Event], float | None],
        max_size: int | None,
    ) -> None:
        self._run = run
        self._eta = eta
        self.max_size = max_size
        self._groups: dict[str, ConcurrencyGroup] = {}
        self._tasks: TaskSet | None = None

    def attach(self, tasks: TaskSet | None) -> None:
        """Run events as tasks of ``tasks`` (the engine's lifespan owns it)."""
        self._tasks = tasks

    def waiting_count(self) -> int:
        """Events admitted but not yet started, across all groups."""
        return sum(len(group.waiting) for group in self._groups.values())

    def _group_for(self, concurrency_id: str, limit: int | None) -> ConcurrencyGroup:
        """The group of ``concurrency_id``, created with ``limit`` on first use."""
        group = self._groups.get(concurrency_id)
        if group is None:
            group = self._groups[concurrency_id] = ConcurrencyGroup(limit)
        return group

    def submit(self, event: Event, concurrency_id: str, limit: int | None) -> None:
        """Start ``event`` now or queue it; its session hears its place either way.

        Raises:
            QueueFullError: ``max_size`` events are already waiting.
        """
        group = self._group_for(concurrency_id, limit)
        if group.has_room():
            event.emit(messages.estimation(event.event_id, 0, 1, None))
            self._start(event, group)
            return
        if self.max_size is not None and self.waiting_count() >= self.max_size:
            raise QueueFullError
        group.waiting.append(event)
        rank = len(group.waiting) - 1
        event.emit(
            messages.estimation(
                event.event_id, rank, len(group.waiting), self._rank_eta(event, rank, group)
            )
        )

    def cancel_waiting(self, event: Event, concurrency_id: str) -> bool:
        """Remove ``event`` from its group's queue; False if it was not waiting."""
        group = self._groups.get(concurrency_id)
        if group is None:
            return False
        try:
            group.waiting.remove(event)
        except ValueError:
            return False
        return True

    def _start(self, event: Event, group: ConcurrencyGroup) -> None:
        if self._tasks is None:
            raise RuntimeError("the engine is not running; start the server first")
        group.running += 1
        event.task = self._tasks.spawn(self._run_then_next(event, group))

    async def _run_then_next(self, event: Event, group: ConcurrencyGroup) -> None:
        try:
            await self._run(event)
        finally:
            group.running -= 1
            while group.waiting and group.has_room():
                self._start(group.waiting.popleft(), group)
            self._broadcast_positions(group)

    def _broadcast_positions(self, group: ConcurrencyGroup) -> None:
        now = time.monotonic()
        if not group.waiting or now - group.last_broadcast < ESTIMATION_INTERVAL_S:
            return
        group.last_broadcast = now
        size = len(group.waiting)
        for rank, event in enumerate(group.waiting):
            event.emit(
                messages.estimation(event.event_id, rank, size, self._rank_eta(event, rank, group))
            )

    def _rank_eta(self, event: Event, rank: int, group: ConcurrencyGroup) -> float | None:
        average = self._eta(event)
        if average is None:
            return None
        parallel = group.limit or 1
        return average * (rank // parallel + 1)
