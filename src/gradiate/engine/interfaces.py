"""The swappable parts of the engine, as Protocols.

The in-memory implementations (``sessions.InMemorySessionStore``, ``queue.InMemoryQueue``)
serve one process. A multi-process backend (Redis) implements the same Protocols; no
module outside the engine touches their internals.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol


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
    channel: MessageChannel

    def touch(self) -> None:
        """Mark the session as used now (it expires after a quiet time-to-live)."""
        ...


class SessionStore(Protocol):
    """Looks up, creates and expires sessions."""

    def get(self, session_hash: str) -> SessionRecord | None:
        """The session, or None if it never existed or has expired."""
        ...

    def get_or_create(self, session_hash: str) -> SessionRecord:
        """The session, created empty on first use."""
        ...

    def nudge_readers(self) -> None:
        """Wake every open reader (the heartbeat tick)."""
        ...

    def expire(self) -> int:
        """Drop idle sessions past their time-to-live; return how many were dropped."""
        ...

    def __len__(self) -> int: ...


class EventQueue(Protocol):
    """Admits events and starts them when their concurrency group has room."""

    def waiting_count(self) -> int:
        """Events admitted but not yet started, across all groups."""
        ...
