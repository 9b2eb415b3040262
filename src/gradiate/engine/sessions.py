"""In-memory sessions: per-session state values and message channel."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any


class InMemoryChannel:
    """A session's message buffer; messages wait here until a stream reads them."""

    __slots__ = ("_is_waiting", "_messages", "_wakeup", "readers")

    def __init__(self) -> None:
        # A list, not a deque: the reader always takes the whole batch, and an empty deque
        # costs ~600 bytes per session against 56.
        self._messages: list[dict[str, Any]] = []
        self._wakeup: asyncio.Event | None = None
        self._is_waiting = False
        self.readers = 0

    def put(self, message: dict[str, Any]) -> None:
        """Append ``message`` and wake the reader (call on the event loop)."""
        self._messages.append(message)
        if self._is_waiting and self._wakeup is not None:
            self._wakeup.set()

    def has_messages(self) -> bool:
        """Whether messages wait to be read."""
        return bool(self._messages)

    def nudge(self) -> None:
        """Wake the reader even without messages (it then yields ``[]``: a heartbeat)."""
        if self._is_waiting and self._wakeup is not None:
            self._wakeup.set()

    async def read(self) -> AsyncIterator[list[dict[str, Any]]]:
        """Yield the buffered messages in batches; ``[]`` when nudged with none."""
        # No timeout here: a per-wait deadline cost as much as the rest of an event, so
        # the engine's heartbeat ticker nudges idle readers instead.
        self.readers += 1
        try:
            while True:
                if self._messages:
                    batch, self._messages = self._messages, []
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

    def __init__(self, session_hash: str) -> None:
        self.session_hash = session_hash
        self.state: dict[int, Any] = {}
        self.pending = 0
        self.channel = InMemoryChannel()
        self.last_seen = time.monotonic()

    def touch(self) -> None:
        """Mark the session as used now."""
        self.last_seen = time.monotonic()

    def is_idle(self) -> bool:
        """No event is pending and no stream is reading."""
        return self.pending == 0 and self.channel.readers == 0


class InMemorySessionStore:
    """Sessions of one process, dropped after ``ttl_s`` of idleness."""

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._sessions: dict[str, Session] = {}

    def get(self, session_hash: str) -> Session | None:
        """The session, or None."""
        return self._sessions.get(session_hash)

    def get_or_create(self, session_hash: str) -> Session:
        """The session, created on first use."""
        session = self._sessions.get(session_hash)
        if session is None:
            session = self._sessions[session_hash] = Session(session_hash)
        else:
            session.touch()
        return session

    def expire(self) -> int:
        """Drop idle sessions unused for ``ttl_s``; return how many."""
        deadline = time.monotonic() - self.ttl_s
        stale = [
            key
            for key, session in self._sessions.items()
            if session.is_idle() and session.last_seen < deadline
        ]
        for key in stale:
            del self._sessions[key]
        return len(stale)

    def nudge_readers(self) -> None:
        """Wake every session's reader (the heartbeat tick)."""
        for session in self._sessions.values():
            if session.channel.readers:
                session.channel.nudge()

    def discard(self, session_hash: str) -> None:
        """Drop a session now (a one-off REST call's session once read)."""
        self._sessions.pop(session_hash, None)

    def __len__(self) -> int:
        return len(self._sessions)
