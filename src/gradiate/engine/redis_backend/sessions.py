"""Sessions in Redis: a hash per session, its State values, and a sorted set for the count."""

from __future__ import annotations

import pickle
from collections.abc import Collection
from typing import Any

import redis.asyncio as aioredis

from gradiate.engine.interfaces import SessionLimitError, StateStorageError
from gradiate.engine.redis_backend.connection import Keys, front_call
from gradiate.engine.redis_backend.scripts import Scripts

_PICKLE_PROTOCOL = 5


def dump_state(value: Any) -> bytes:
    """``value`` pickled.

    Raises:
        StateStorageError: it cannot be pickled; the message names its type.
    """
    try:
        return pickle.dumps(value, protocol=_PICKLE_PROTOCOL)
    except Exception as exc:
        raise StateStorageError(
            f"gr.State value of type {type(value).__name__!r} cannot be stored in Redis: "
            f"{exc}; keep State values picklable, or run on the in-memory backend"
        ) from exc


class RedisSessionStore:
    """``SessionStore`` over Redis; every process of the app sees the same sessions.

    A session lives ``unstreamed_ttl_s`` until a stream has read it, then ``ttl_s`` after
    its last use. Its hash, State values, messages and cursor share that time-to-live, and
    the ``sessions`` sorted set holds each session's deadline so ``count`` stays exact.
    """

    def __init__(
        self,
        client: aioredis.Redis,
        scripts: Scripts,
        keys: Keys,
        url: str,
        *,
        ttl_s: float,
        unstreamed_ttl_s: float,
        max_sessions: int,
    ) -> None:
        self._client = client
        self._scripts = scripts
        self.scripts = scripts
        """The backend's scripts and free connections (its message stream shares them)."""
        self._keys = keys
        self._url = url
        self.ttl_s = ttl_s
        self.unstreamed_ttl_s = unstreamed_ttl_s
        self.max_sessions = max_sessions

    def _touch_keys(self, session_hash: str) -> list[str]:
        keys = self._keys
        return [
            keys.sessions,
            keys.session(session_hash),
            keys.state(session_hash),
            keys.stream(session_hash),
            keys.cursor(session_hash),
        ]

    async def _touch(self, session_hash: str, mode: str) -> int:
        args = [
            session_hash,
            self.max_sessions,
            _ms(self.unstreamed_ttl_s),
            _ms(self.ttl_s),
            mode,
        ]
        with front_call(self._url):
            return int(
                await self._scripts.run(
                    self._scripts.session_touch, self._touch_keys(session_hash), args
                )
            )

    def limits_ms(self) -> tuple[int, int, int]:
        """``max_sessions``, ``unstreamed_ttl_s`` and ``ttl_s`` (in ms), as scripts take them."""
        return self.max_sessions, _ms(self.unstreamed_ttl_s), _ms(self.ttl_s)

    async def open(self, session_hash: str) -> bool:
        outcome = await self._touch(session_hash, "open")
        if outcome == -1:
            raise SessionLimitError(
                f"the app already holds its maximum of {self.max_sessions} sessions"
            )
        return outcome == 1

    async def mark_streamed(self, session_hash: str, cursor_key: str) -> bytes | None:
        """A stream reads the session: keep it the full ``ttl_s`` from now on.

        Returns the saved stream cursor at ``cursor_key`` (read in the same round trip).
        """
        args = [session_hash, self.max_sessions, _ms(self.unstreamed_ttl_s), _ms(self.ttl_s),
                "read"]  # fmt: skip
        scripts = self._scripts
        with front_call(self._url):
            _, saved = await scripts.run_with(
                scripts.session_touch, self._touch_keys(session_hash), args, ("GET", cursor_key)
            )
        return saved

    async def exists(self, session_hash: str) -> bool:
        with front_call(self._url):
            return bool(await self._client.exists(self._keys.session(session_hash)))

    async def touch(self, session_hash: str) -> None:
        await self._touch(session_hash, "touch")

    async def discard(self, session_hash: str) -> None:
        keys = self._keys
        with front_call(self._url):
            await self._scripts.call(
                [
                    ("DEL", *self._touch_keys(session_hash)[1:]),
                    ("ZREM", keys.sessions, session_hash),
                ]
            )

    async def add_pending(self, session_hash: str, delta: int) -> int:
        with front_call(self._url):
            keys = [self._keys.session(session_hash)]
            return int(await self._scripts.run(self._scripts.add_pending, keys, [delta]))

    async def pending(self, session_hash: str) -> int:
        with front_call(self._url):
            raw = await self._client.hget(self._keys.session(session_hash), "pending")
        return int(raw) if raw is not None else 0

    async def load_state(self, session_hash: str, ids: Collection[int]) -> dict[int, Any]:
        ordered = list(ids)
        if not ordered:
            return {}
        with front_call(self._url):
            raw: list[Any] = await self._client.hmget(self._keys.state(session_hash), ordered)
        return {
            component: pickle.loads(value)
            for component, value in zip(ordered, raw, strict=True)
            if value is not None
        }

    async def save_state(self, session_hash: str, values: dict[int, Any]) -> None:
        if not values:
            return
        args: list[Any] = [_ms(self.ttl_s)]
        for component, value in values.items():
            args += [component, dump_state(value)]
        keys = [self._keys.session(session_hash), self._keys.state(session_hash)]
        with front_call(self._url):
            await self._scripts.run(self._scripts.save_state, keys, args)

    async def _prune(self) -> tuple[int, int]:
        with front_call(self._url):
            dropped, held = await self._scripts.run(
                self._scripts.session_prune, [self._keys.sessions], []
            )
        return int(dropped), int(held)

    async def expire(self) -> int:
        # Redis drops the keys themselves by TTL; this keeps the count in step.
        return (await self._prune())[0]

    async def count(self) -> int:
        return (await self._prune())[1]


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))
