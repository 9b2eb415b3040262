"""Each session's messages as a Redis Stream, written in ordered batches, read with a cursor.

``put`` only appends to an in-process buffer; one flusher task writes the buffer with a
MULTI pipeline per round trip, in order. Steps that must come after a job's messages (its
final message, in ``finish``) join the same buffer as *calls*, so they cost no extra trip.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter, deque
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
import redis.asyncio as aioredis
from redis.exceptions import NoScriptError

from gradiate.engine.interfaces import BackendUnavailableError
from gradiate.engine.redis_backend.connection import (
    BLOCK_SLICE_MS,
    OUTAGE_ERRORS,
    Backoff,
    Keys,
    Lane,
    Outage,
    cancel_and_wait,
    front_call,
)
from gradiate.engine.redis_backend.sessions import RedisSessionStore

logger = logging.getLogger("gradiate.engine.redis")

MAX_BUFFERED_MESSAGES = 100_000
"""Messages held while Redis is away; later ones are dropped (with one warning)."""

COALESCE_S = 0.001
"""How long a message waits for more before it is written (a final message does not)."""

_BATCH_OPS = 2_000
_READ_COUNT = 1_000


def encode(message: dict[str, Any]) -> bytes:
    """A message as the JSON its stream entry holds."""
    return orjson.dumps(message, option=orjson.OPT_SERIALIZE_NUMPY)


@dataclass(eq=False, slots=True)
class Call:
    """A scripted step that must follow the messages put before it."""

    command: tuple[Any, ...]
    """One command (an EVALSHA)."""
    retry: Callable[[], Any]
    """Runs the step alone (after Redis lost its scripts); an awaitable of its result."""
    future: asyncio.Future[Any]
    session_hash: str = ""
    """The session it concerns (set when queued)."""


@dataclass(eq=False, slots=True)
class _Reader:
    nudged: bool = False
    cursor: bytes | None = None


@dataclass(eq=False, slots=True)
class _Put:
    session_hash: str
    data: bytes


_Op = _Put | Call


@dataclass(slots=True)
class _Flush:
    target: int
    future: asyncio.Future[None] = field(repr=False)


class RedisMessageStream:
    """``MessageStream`` over one Redis Stream per session."""

    def __init__(
        self,
        client: aioredis.Redis,
        keys: Keys,
        outage: Outage,
        sessions: RedisSessionStore,
        *,
        ttl_s: float,
        heartbeat_interval_s: float,
        max_stream_messages: int,
    ) -> None:
        self._client = client
        self._keys = keys
        self._outage = outage
        self._sessions = sessions
        self._scripts = sessions.scripts
        self.ttl_ms = max(1, round(ttl_s * 1000))
        self.heartbeat_interval_s = heartbeat_interval_s
        self.max_stream_messages = max_stream_messages
        self._buffer: deque[_Op] = deque()
        self._unflushed: Counter[str] = Counter()
        self._queued = 0
        self._written = 0
        self._flushes: list[_Flush] = []
        self._wake = asyncio.Event()
        self._timer: asyncio.TimerHandle | None = None
        self._dropping = False
        self._closing = False
        self._readers: dict[str, list[_Reader]] = {}
        self._task: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[Any]] = set()

    # ------------------------------------------------------------------ writing

    def start(self) -> None:
        """Start the flusher (on the running loop)."""
        if self._task is None:
            self._wake = asyncio.Event()
            self._task = asyncio.get_running_loop().create_task(self._flush_loop())
            if self._buffer:
                self._wake.set()

    async def close(self, timeout_s: float = 2.0) -> None:
        """Write what is buffered (for at most ``timeout_s``), then stop; readers end."""
        self._closing = True
        if self._task is None:
            return
        if self._buffer and not self._outage.is_down:
            try:
                await asyncio.wait_for(self.flush(), timeout_s)
            except asyncio.TimeoutError:
                logger.warning("%d messages were not written to Redis", len(self._buffer))
        await cancel_and_wait([self._task])
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        await asyncio.gather(*self._background, return_exceptions=True)
        self._task = None
        for flush in self._flushes:
            if not flush.future.done():
                flush.future.cancel()
        for op in self._buffer:
            if isinstance(op, Call) and not op.future.done():
                op.future.cancel()

    def put(self, session_hash: str, message: dict[str, Any]) -> None:
        if len(self._buffer) >= MAX_BUFFERED_MESSAGES:
            if not self._dropping:
                self._dropping = True
                logger.warning(
                    "Redis is away and %d messages wait to be written; dropping new ones",
                    MAX_BUFFERED_MESSAGES,
                )
            return
        self._enqueue(_Put(session_hash, encode(message)))

    def call(self, session_hash: str, call: Call, *, urgent: bool = True) -> None:
        """Queue ``call`` after every message put so far (it concerns ``session_hash``).

        ``urgent``: written at once; otherwise it may wait ``COALESCE_S`` for company.
        """
        self._enqueue(call, session_hash, urgent=urgent)

    def _enqueue(self, op: _Op, session_hash: str | None = None, *, urgent: bool = False) -> None:
        if isinstance(op, Call):
            op.session_hash = session_hash or ""
        self._buffer.append(op)
        self._unflushed[op.session_hash] += 1
        self._queued += 1
        if urgent:
            self._wake.set()
        elif self._timer is None and not self._wake.is_set() and self._task is not None:
            # A message rarely comes alone (a final message or the next one follow
            # within a moment): waiting a little writes them in one round trip.
            self._timer = asyncio.get_running_loop().call_later(COALESCE_S, self._wake.set)

    def has_unflushed(self, session_hash: str) -> bool:
        """Whether messages of the session wait in this process' buffer."""
        return self._unflushed[session_hash] > 0

    async def flush(self) -> None:
        if self._written >= self._queued:
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._flushes.append(_Flush(self._queued, future))
        self._wake.set()
        await future

    async def _flush_loop(self) -> None:
        backoff = Backoff(self._outage)
        lane = Lane(self._client)
        try:
            await self._flush_forever(lane, backoff)
        finally:
            await lane.close()

    async def _flush_forever(self, lane: Lane, backoff: Backoff) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if not self._buffer:
                continue
            batch = [self._buffer[i] for i in range(min(len(self._buffer), _BATCH_OPS))]
            try:
                results = await lane.call(self._commands(batch))
            except OUTAGE_ERRORS as exc:
                await backoff.wait(exc)
                self._wake.set()
                continue
            backoff.ok()
            self._dropping = False
            await self._settle(batch, results)
            if self._buffer:  # what came during the write has waited long enough
                self._wake.set()

    def _commands(self, batch: list[_Op]) -> list[tuple[Any, ...]]:
        keys = self._keys
        maxlen = self.max_stream_messages
        streams: dict[str, None] = {}
        commands: list[tuple[Any, ...]] = []
        for op in batch:
            if isinstance(op, _Put):
                stream = keys.stream(op.session_hash)
                streams[stream] = None
                commands.append(("XADD", stream, "MAXLEN", "~", maxlen, "*", "d", op.data))
            else:
                commands.append(op.command)
        commands += [("PEXPIRE", stream, self.ttl_ms) for stream in streams]
        return commands

    def _pop(self, count: int) -> None:
        for _ in range(count):
            key = self._buffer.popleft().session_hash
            self._unflushed[key] -= 1
            if self._unflushed[key] <= 0:
                del self._unflushed[key]

    async def _settle(self, batch: list[_Op], results: list[Any]) -> None:
        self._pop(len(batch))
        results = results[: len(batch)]  # the PEXPIREs follow
        for op, result in zip(batch, results, strict=True):
            if isinstance(op, _Put):
                if isinstance(result, Exception):
                    logger.error("a message could not be written to Redis: %s", result)
                continue
            if isinstance(result, NoScriptError):
                try:
                    result = await op.retry()
                except Exception as exc:
                    result = exc
            if op.future.done():
                continue
            if isinstance(result, Exception):
                op.future.set_exception(result)
            else:
                op.future.set_result(result)
        self._written += len(batch)
        still: list[_Flush] = []
        for flush in self._flushes:
            if flush.target <= self._written:
                if not flush.future.done():
                    flush.future.set_result(None)
            else:
                still.append(flush)
        self._flushes = still

    # ------------------------------------------------------------------ reading

    def read(self, session_hash: str) -> AsyncGenerator[list[dict[str, Any]], None]:
        return self._read(session_hash)

    async def _read(self, session_hash: str) -> AsyncGenerator[list[dict[str, Any]], None]:
        reader = _Reader()
        self._readers.setdefault(session_hash, []).append(reader)
        stream = self._keys.stream(session_hash)
        cursor_key = self._keys.cursor(session_hash)
        backoff = Backoff(self._outage)
        lane = Lane(self._client)
        unsaved: bytes | None = None
        try:
            cursor = await self._open_cursor(session_hash, backoff)
            if cursor is None:
                return
            reader.cursor = cursor
            quiet_since = time.monotonic()
            while not self._closing:
                if reader.nudged or time.monotonic() - quiet_since >= self.heartbeat_interval_s:
                    reader.nudged = False
                    quiet_since = time.monotonic()
                    yield []
                    continue
                left_ms = (self.heartbeat_interval_s - (time.monotonic() - quiet_since)) * 1000
                block_ms = max(1, min(BLOCK_SLICE_MS, int(left_ms)))
                # The cursor of the batch handed on last is saved with the next read.
                commands: list[tuple[Any, ...]] = [
                    ("SET", cursor_key, unsaved, "PX", self.ttl_ms)
                ] * (unsaved is not None)
                commands.append(
                    ("XREAD", "COUNT", _READ_COUNT, "BLOCK", block_ms, "STREAMS", stream, cursor)
                )
                try:
                    results = await lane.call(commands)
                except OUTAGE_ERRORS as exc:
                    if self._closing:
                        return
                    await backoff.wait(exc)
                    continue
                backoff.ok()
                unsaved = None
                entries = _entries(results[-1])
                if not entries:
                    continue
                cursor = entries[-1][0]
                reader.cursor = cursor
                unsaved = cursor
                quiet_since = time.monotonic()
                yield [_message(fields) for _, fields in entries]
        except GeneratorExit:
            if unsaved is not None and not self._closing:
                # The consumer took the last batch and stopped: the next reader starts after it.
                self._spawn(self._save_cursor(cursor_key, unsaved))
            raise
        finally:
            await lane.close()
            readers = self._readers.get(session_hash, [])
            if reader in readers:
                readers.remove(reader)
            if not readers:
                self._readers.pop(session_hash, None)

    async def _open_cursor(self, session_hash: str, backoff: Backoff) -> bytes | None:
        """Where the session's reading resumes (None: the backend is closing)."""
        while not self._closing:
            try:
                saved = await self._sessions.mark_streamed(
                    session_hash, self._keys.cursor(session_hash)
                )
            except OUTAGE_ERRORS as exc:
                await backoff.wait(exc)
                continue
            except BackendUnavailableError as exc:
                await backoff.wait(exc.__cause__ or exc)
                continue
            backoff.ok()
            return saved if saved is not None else b"0-0"
        return None

    async def _save_cursor(self, key: str, cursor: bytes) -> None:
        try:
            await self._client.set(key, cursor, px=self.ttl_ms)
        except OUTAGE_ERRORS as exc:
            logger.warning("could not save a stream cursor in Redis: %s", exc)

    def _spawn(self, coroutine: Any) -> None:
        try:
            task = asyncio.get_running_loop().create_task(coroutine)
        except RuntimeError:
            coroutine.close()
            return
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def session_limits(self) -> tuple[int, int, int]:
        """``max_sessions`` and the two session TTLs (ms), for scripts that open a session."""
        return self._sessions.limits_ms()

    async def has_messages(self, session_hash: str) -> bool:
        if self.has_unflushed(session_hash):
            return True
        local = [r.cursor for r in self._readers.get(session_hash, ()) if r.cursor is not None]
        last_entry = ("XREVRANGE", self._keys.stream(session_hash), "+", "-", "COUNT", 1)
        with front_call(self._outage.url):
            if local:  # this process reads the session: its cursor is the newest
                saved, (last,) = None, await self._scripts.call([last_entry])
            else:
                saved, last = await self._scripts.call(
                    [("GET", self._keys.cursor(session_hash)), last_entry]
                )
        if not last:
            return False
        cursors = [c for c in [saved, *local] if c is not None]
        newest = max(cursors, key=_stream_id, default=b"0-0")
        return _stream_id(last[0][0]) > _stream_id(newest)

    def nudge(self, session_hash: str) -> None:
        for reader in self._readers.get(session_hash, ()):
            reader.nudged = True

    def nudge_all(self) -> None:
        for readers in self._readers.values():
            for reader in readers:
                reader.nudged = True


def _stream_id(raw: bytes) -> tuple[int, int]:
    ms, _, seq = raw.partition(b"-")
    return int(ms), int(seq or 0)


def _message(fields: list[bytes]) -> dict[str, Any]:
    """The message of a raw stream entry (``[b"d", json]``)."""
    for index in range(0, len(fields) - 1, 2):
        if fields[index] == b"d":
            return orjson.loads(fields[index + 1])
    raise ValueError("a stream entry without its message")


def _entries(reply: Any) -> list[Any]:
    """The entries of a raw XREAD reply on one stream (none when it timed out)."""
    if isinstance(reply, Exception):
        raise reply
    return reply[0][1] if reply else []
