"""The swappable parts of the engine, as Protocols.

The in-memory implementations (``sessions.InMemorySessionStore``, ``queue.InMemoryQueue``)
serve one process. A multi-process backend (Redis) implements the same Protocols; no
module outside the engine touches their internals.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from gradiate.engine.runner import Event
    from gradiate.engine.tasks import TaskSet


class MessageChannel(Protocol):
    """The ordered messages of one session, read by at most one stream at a time."""

    def put(self, message: dict[str, Any]) -> None:
        """Append ``message`` and wake the reader."""
        ...

    def has_messages(self) -> bool:
        """Whether messages wait to be read."""
        ...

    def nudge(self) -> None:
        """Wake the reader without a message (it yields an empty batch)."""
        ...

    def read(self) -> AsyncIterator[list[dict[str, Any]]]:
        """Yield batches of messages; an empty batch when nudged with none."""
        ...


class SessionRecord(Protocol):
    """What the engine keeps for one session."""

    session_hash: str
    state: dict[int, Any]
    pending: int

    @property
    def channel(self) -> MessageChannel:
        """Where the session's messages wait for its stream."""
        ...

    def touch(self) -> None:
        """Mark the session as used now (it expires after a quiet time-to-live)."""
        ...


class SessionStore(Protocol):
    """Looks up, creates and expires sessions."""

    ttl_s: float
    """Seconds an idle session is kept."""

    def get(self, session_hash: str) -> SessionRecord | None:
        """The session, or None if it never existed or has expired."""
        ...

    def get_or_create(self, session_hash: str) -> SessionRecord:
        """The session, created empty on first use.

        Raises:
            SessionLimitError: it is new and the store holds its maximum of sessions.
        """
        ...

    def nudge_readers(self) -> None:
        """Wake every open reader (the heartbeat tick)."""
        ...

    def expire(self) -> int:
        """Drop idle sessions past their time-to-live; return how many were dropped."""
        ...

    def discard(self, session_hash: str) -> None:
        """Drop a session now."""
        ...

    def __len__(self) -> int: ...


class EventQueue(Protocol):
    """Admits events and starts each when its concurrency group has room."""

    def attach(self, tasks: TaskSet | None) -> None:
        """Run started events as tasks of ``tasks``; ``None`` when the engine stops."""
        ...

    def submit(self, event: Event, concurrency_id: str, limit: int | None) -> None:
        """Start ``event`` now or queue it behind its group's running events.

        Raises:
            QueueFullError: the queue already holds its maximum of waiting events.
        """
        ...

    def cancel_waiting(self, event: Event, concurrency_id: str) -> bool:
        """Remove a waiting ``event``; False if it is not waiting (running or done)."""
        ...

    def waiting_count(self) -> int:
        """Events admitted but not yet started, across all groups."""
        ...
