"""The connection pool, the key layout, and how an outage is reported and retried."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis.asyncio as aioredis
from redis.asyncio.connection import AbstractConnection
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from gradiate.engine.interfaces import BackendUnavailableError

logger = logging.getLogger("gradiate.engine.redis")

OUTAGE_ERRORS: tuple[type[BaseException], ...] = (RedisConnectionError, RedisTimeoutError, OSError)
"""What a lost or unreachable Redis raises."""

BLOCK_SLICE_MS = 1000
"""The longest a blocking read waits before it looks at local flags (nudges, closing)."""

_FIRST_DELAY_S = 0.1
_MAX_DELAY_S = 5.0


def redact(url: str) -> str:
    """``url`` without its password (the username, if any, is kept)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username}@{host}" if parts.username else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


MAX_CONNECTIONS = 4096
"""Redis connections one process may hold: about that many streams open at once per front."""


def connect(url: str) -> aioredis.Redis:
    """One client over one pool for the whole backend (blocking reads take their own slot).

    Commands are retried once at once (a pooled connection may predate a restart), then
    fail: a front call while Redis is down should answer 503 quickly, not after backoff.
    """
    pool = aioredis.ConnectionPool.from_url(
        url,
        socket_timeout=BLOCK_SLICE_MS / 1000 + 9,
        socket_connect_timeout=2.0,
        retry=Retry(NoBackoff(), 1),
        health_check_interval=0,
        # Each open stream reader and each puller holds a connection while it blocks
        # (redis-py's default of 100 refused joins at 100 sessions through one front).
        max_connections=MAX_CONNECTIONS,
        protocol=2,  # the raw replies read by `Lane` users are RESP2
    )
    return aioredis.Redis(connection_pool=pool)


@dataclass(frozen=True, slots=True)
class Keys:
    """Every key of one app; all start with ``namespace + ":"``.

    The Lua scripts build the per-session and per-job keys from ``prefix`` the same way.
    """

    namespace: str

    @property
    def prefix(self) -> str:
        return self.namespace + ":"

    @property
    def sessions(self) -> str:
        """Sorted set: session hash → the time (ms) it expires."""
        return f"{self.namespace}:sessions"

    def session(self, session_hash: str) -> str:
        """Hash: ``pending`` events and ``streamed`` (a stream has read it)."""
        return f"{self.namespace}:s:{session_hash}"

    def state(self, session_hash: str) -> str:
        """Hash: component id → pickled State value."""
        return f"{self.namespace}:st:{session_hash}"

    def stream(self, session_hash: str) -> str:
        """Stream: the session's messages, field ``d`` = JSON."""
        return f"{self.namespace}:m:{session_hash}"

    def cursor(self, session_hash: str) -> str:
        """String: the id of the last message handed on by a reader of the session."""
        return f"{self.namespace}:c:{session_hash}"

    def jobs(self, group: str) -> str:
        """Stream: jobs of a concurrency group, field ``j``; consumer group ``workers``."""
        return f"{self.namespace}:q:{group}"

    def waiting(self, group: str) -> str:
        """Sorted set: event ids waiting in the group, scored by their order."""
        return f"{self.namespace}:w:{group}"

    def leases(self, group: str) -> str:
        """Sorted set: lease token → the time (ms) it expires."""
        return f"{self.namespace}:l:{group}"

    def job(self, event_id: str) -> str:
        """Hash: ``sh``, ``cid``, ``fn``, ``state`` (waiting/running), ``worker``."""
        return f"{self.namespace}:j:{event_id}"

    def alive(self, worker_id: str) -> str:
        """String with a short TTL while the worker lives."""
        return f"{self.namespace}:alive:{worker_id}"

    @property
    def eta(self) -> str:
        """Hash: fn_index → average run time in seconds."""
        return f"{self.namespace}:eta"

    @property
    def seq(self) -> str:
        """Counter ordering waiting jobs."""
        return f"{self.namespace}:seq"

    @property
    def cancel_channel(self) -> str:
        """Pub/sub: event ids whose running job must stop."""
        return f"{self.namespace}:cancel"

    @property
    def freed_channel(self) -> str:
        """Pub/sub: a concurrency group whose lease was released."""
        return f"{self.namespace}:freed"


class Outage:
    """Reports an outage once and its end once, for every background loop of a backend."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_down = False

    def ok(self) -> None:
        """A call went through."""
        if self.is_down:
            self.is_down = False
            logger.info("reconnected to Redis at %s", self.url)

    def lost(self, error: BaseException, delay_s: float) -> None:
        """A call failed for lack of Redis; the caller retries after ``delay_s``."""
        if not self.is_down:
            self.is_down = True
            logger.warning("lost Redis at %s: %s; retrying in %s s", self.url, error, delay_s)


class Backoff:
    """One loop's retry delay: 0.1 s, doubling to 5 s, reset on success."""

    def __init__(self, outage: Outage) -> None:
        self._outage = outage
        self._delay_s = _FIRST_DELAY_S

    def ok(self) -> None:
        self._delay_s = _FIRST_DELAY_S
        self._outage.ok()

    async def wait(self, error: BaseException) -> None:
        """Report ``error`` (once per outage) and sleep before the next try."""
        delay = self._delay_s
        self._outage.lost(error, delay)
        self._delay_s = min(delay * 2, _MAX_DELAY_S)
        await asyncio.sleep(delay)


@contextlib.contextmanager
def front_call(url: str) -> Iterator[None]:
    """Turn a lost Redis into ``BackendUnavailableError`` (the server answers 503)."""
    try:
        yield
    except OUTAGE_ERRORS as exc:
        raise BackendUnavailableError(
            f"Redis at {url} cannot be reached ({exc}); try again shortly"
        ) from exc


class Lane:
    """One pooled connection kept by one loop; commands go out as one packed write.

    Cheaper than a pipeline object for the hot paths (the flusher, stream readers).
    Error replies come back as ``ResponseError`` values in place; a lost connection
    raises, and the next call takes a fresh connection.
    """

    def __init__(self, client: aioredis.Redis) -> None:
        self._pool = client.connection_pool
        self._connection: AbstractConnection | None = None

    async def call(self, commands: list[tuple[Any, ...]]) -> list[Any]:
        connection = self._connection
        if connection is None:
            connection = self._connection = await self._pool.get_connection()
        try:
            await connection.send_packed_command(
                connection.pack_commands(commands), check_health=False
            )
            results: list[Any] = []
            timeout: float | None = None  # the socket timeout, while Redis works
            for _ in commands:
                try:
                    results.append(await connection.read_response(timeout=timeout))
                except ResponseError as exc:
                    results.append(exc)
                # The replies after the first follow at once: no timeout context for each.
                timeout = math.inf
        except BaseException:
            # Replies may still be on their way: this connection cannot be reused.
            self._connection = None
            await connection.disconnect(nowait=True)
            await self._pool.release(connection)
            raise
        return results

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await self._pool.release(connection)


async def cancel_and_wait(tasks: list[asyncio.Task[Any]]) -> None:
    """Cancel ``tasks`` until they end.

    redis-py can lose a cancellation: one that lands as its read times out becomes a
    ``TimeoutError``, which its retry swallows, and the command runs again (seen on a
    worker's blocking read). So ask again until every task is done.
    """
    pending = {task for task in tasks if not task.done()}
    while pending:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=0.2)
