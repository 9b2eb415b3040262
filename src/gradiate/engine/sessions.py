"""In-memory sessions: per-session state values and message channel."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import AsyncIterator
from typing import Any

import anyio


class InMemoryChannel:
    """A session's message buffer; messages wait here until a stream reads them."""

    __slots__ = ("_messages", "_wakeup", "readers")

    def __init__(self) -> None:
        self._messages: deque[dict[str, Any]] = deque()
        self._wakeup: anyio.Event | None = None
        self.readers = 0

    def put(self, message: dict[str, Any]) -> None:
        """Append ``message`` and wake the reader (call on the event loop)."""
        self._messages.append(message)
        if self._wakeup is not None:
            self._wakeup.set()

    def has_messages(self) -> bool:
        """Whether messages wait to be read."""
        return bool(self._messages)

    async def read(self, idle_timeout_s: float) -> AsyncIterator[list[dict[str, Any]]]:
        """Yield the buffered messages in batches; ``[]`` after each quiet interval."""
        self.readers += 1
        try:
            while True:
                if self._messages:
                    batch = list(self._messages)
                    self._messages.clear()
                    yield batch
                    continue
                self._wakeup = anyio.Event()
                with anyio.move_on_after(idle_timeout_s):
                    await self._wakeup.wait()
                self._wakeup = None
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

    def discard(self, session_hash: str) -> None:
        """Drop a session now (a one-off REST call's session once read)."""
        self._sessions.pop(session_hash, None)

    def __len__(self) -> int:
        return len(self._sessions)
