"""In-memory sessions: per-session state values and message channel, with their bounds.

Every container here is bounded (SECURITY.md R02, R03): the number of sessions, the bytes
of messages a stream has not read (per stream and across all of them), and how long a
session that never opened a stream is kept.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

import orjson

from gradiate.engine.interfaces import SessionLimitError as SessionLimitError

_SMALL_MESSAGE_BYTES = 64
"""What a message without outputs counts for (it is a handful of short fields)."""


@dataclass(frozen=True, slots=True)
class SessionLimits:
    """The bounds of the session store."""

    max_sessions: int = 100_000
    """Sessions kept at once; a new session past this is refused (an old one is never evicted)."""
    max_stream_buffer_bytes: int = 64 * 1024 * 1024
    """Unread message bytes one stream may hold; one message is always let into an empty one."""
    max_total_buffer_bytes: int = 1024 * 1024 * 1024
    """Unread message bytes all streams together may hold."""
    unstreamed_ttl_s: float = 60.0
    """Idle seconds a session that never opened a stream is kept (the full TTL once it has)."""


STREAM_OVERFLOW: dict[str, Any] = {
    "msg": "unexpected_error",
    "event_id": None,
    "message": "Too many results were waiting unread on this session's stream, so they "
    "were dropped; read queue/data while events run.",
    "success": False,
}
"""Sent in place of the messages a stream dropped once its unread buffer was full."""


class BufferBudget:
    """Unread message bytes across every channel of a store."""

    __slots__ = ("limit_bytes", "used_bytes")

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        self.used_bytes = 0


def message_size(message: dict[str, Any]) -> int:
    """Roughly how many bytes ``message`` takes on the wire (outputs serialised)."""
    output = message.get("output")
    if not output:
        return _SMALL_MESSAGE_BYTES
    try:
        return _SMALL_MESSAGE_BYTES + len(orjson.dumps(output, option=orjson.OPT_SERIALIZE_NUMPY))
    except TypeError:  # not JSON: the stream will report it; count it as small here
        return _SMALL_MESSAGE_BYTES


class InMemoryChannel:
    """A session's message buffer; messages wait here until a stream reads them."""

    __slots__ = ("_budget", "_buffered_bytes", "_is_overflowed", "_is_waiting", "_limit_bytes",
                 "_messages", "_wakeup", "has_been_read", "readers")  # fmt: skip

    def __init__(self, budget: BufferBudget, limit_bytes: int) -> None:
        # A list, not a deque: the reader always takes the whole batch, and an empty deque
        # costs ~600 bytes per session against 56.
        self._messages: list[dict[str, Any]] = []
        self._wakeup: asyncio.Event | None = None
        self._is_waiting = False
        self._budget = budget
        self._limit_bytes = limit_bytes
        self._buffered_bytes = 0
        self._is_overflowed = False
        self.readers = 0
        self.has_been_read = False
        """Whether a stream has ever read this channel."""

    def put(self, message: dict[str, Any]) -> None:
        """Append ``message`` and wake the reader (call on the event loop).

        Past the buffer bounds the unread messages are dropped for one ``STREAM_OVERFLOW``
        notice, and later ones until a stream reads it.
        """
        if self._is_overflowed:
            return
        if not self._messages and self._is_waiting:
            size = _SMALL_MESSAGE_BYTES  # handed straight to a waiting reader
        else:
            size = message_size(message)
            budget = self._budget
            if budget.used_bytes + size > budget.limit_bytes or (
                self._messages and self._buffered_bytes + size > self._limit_bytes
            ):
                self._overflow()
                return
        self._messages.append(message)
        self._buffered_bytes += size
        self._budget.used_bytes += size
        if self._is_waiting and self._wakeup is not None:
            self._wakeup.set()

    def _overflow(self) -> None:
        self._release()
        self._messages = [STREAM_OVERFLOW]
        self._is_overflowed = True
        if self._is_waiting and self._wakeup is not None:
            self._wakeup.set()

    def _release(self) -> None:
        self._budget.used_bytes -= self._buffered_bytes
        self._buffered_bytes = 0

    def has_messages(self) -> bool:
        """Whether messages wait to be read."""
        return bool(self._messages)

    def buffered_bytes(self) -> int:
        """Roughly how many bytes of unread messages wait here."""
        return self._buffered_bytes

    def nudge(self) -> None:
        """Wake the reader even without messages (it then yields ``[]``: a heartbeat)."""
        if self._is_waiting and self._wakeup is not None:
            self._wakeup.set()

    def clear(self) -> None:
        """Drop unread messages (the session is being forgotten)."""
        self._release()
        self._messages = []

    async def read(self) -> AsyncGenerator[list[dict[str, Any]], None]:
        """Yield the buffered messages in batches; ``[]`` when nudged with none."""
        # No timeout here: a per-wait deadline cost as much as the rest of an event, so
        # the engine's heartbeat ticker nudges idle readers instead.
        self.readers += 1
        self.has_been_read = True
        try:
            while True:
                if self._messages:
                    batch, self._messages = self._messages, []
                    self._release()
                    self._is_overflowed = False
                    yield batch
                    continue
                # One reusable asyncio.Event per channel: an anyio.Event per wait cost
                # more than the rest of the read.
                if self._wakeup is None:
                    self._wakeup = asyncio.Event()
                self._wakeup.clear()
                self._is_waiting = True
                try:
                    await self._wakeup.wait()
                finally:
                    self._is_waiting = False
                if not self._messages:
                    yield []
        finally:
            self.readers -= 1


class Session:
    """One browser tab or API client: its State values and its messages."""

    __slots__ = ("channel", "last_seen", "pending", "session_hash", "state")

    def __init__(self, session_hash: str, channel: InMemoryChannel) -> None:
        self.session_hash = session_hash
        self.state: dict[int, Any] = {}
        self.pending = 0
        self.channel = channel
        self.last_seen = time.monotonic()

    def touch(self) -> None:
        """Mark the session as used now."""
        self.last_seen = time.monotonic()

    def is_idle(self) -> bool:
        """No event is pending and no stream is reading."""
        return self.pending == 0 and self.channel.readers == 0


class InMemorySessionStore:
    """Sessions of one process, dropped after ``ttl_s`` of idleness, at most ``max_sessions``."""

    def __init__(self, ttl_s: float, limits: SessionLimits | None = None) -> None:
        self.ttl_s = ttl_s
        self.limits = limits or SessionLimits()
        self.budget = BufferBudget(self.limits.max_total_buffer_bytes)
        self._sessions: dict[str, Session] = {}

    def get(self, session_hash: str) -> Session | None:
        """The session, or None."""
        return self._sessions.get(session_hash)

    def get_or_create(self, session_hash: str) -> Session:
        """The session, created on first use.

        Raises:
            SessionLimitError: it is new and the store is full.
        """
        session = self._sessions.get(session_hash)
        if session is None:
            if len(self._sessions) >= self.limits.max_sessions:
                raise SessionLimitError
            channel = InMemoryChannel(self.budget, self.limits.max_stream_buffer_bytes)
            session = self._sessions[session_hash] = Session(session_hash, channel)
        else:
            session.touch()
        return session

    def expire(self) -> int:
        """Drop idle sessions unused for their time-to-live; return how many."""
        now = time.monotonic()
        deadline = now - self.ttl_s
        unstreamed_deadline = now - min(self.ttl_s, self.limits.unstreamed_ttl_s)
        stale = [
            key
            for key, session in self._sessions.items()
            if session.is_idle()
            and session.last_seen
            < (deadline if session.channel.has_been_read else unstreamed_deadline)
        ]
        for key in stale:
            self.discard(key)
        return len(stale)

    def nudge_readers(self) -> None:
        """Wake every session's reader (the heartbeat tick)."""
        for session in self._sessions.values():
            if session.channel.readers:
                session.channel.nudge()

    def discard(self, session_hash: str) -> None:
        """Drop a session now (a one-off REST call's session once read)."""
        session = self._sessions.pop(session_hash, None)
        if session is not None:
            session.channel.clear()

    def __len__(self) -> int:
        return len(self._sessions)
