"""The engine's swappable backends, as async Protocols, and the ``Job`` they carry.

A backend has three parts. The *session store* keeps sessions, their pending-event counts
and their ``gr.State`` values. The *job queue* admits events (``submit``, on a front) and
hands them to workers that pull them (``jobs``, on a worker) when their concurrency group
has room. The *message stream* carries each session's messages from whichever worker runs
an event to whichever front holds the session's SSE connection.

``memory.InMemoryBackend`` serves one process and keeps State values as live objects
(pinned to the process: nothing is copied). ``redis_backend.RedisBackend`` runs one app on
many processes and machines; it serialises State values at its boundary.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable, Collection
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

import orjson

CancelOutcome = Literal["waiting", "running", "unknown"]
"""What ``JobQueue.cancel`` found: removed while waiting, told its worker to stop, or none."""


class QueueFullError(Exception):
    """The queue already holds ``max_size`` waiting events."""


class SessionBusyError(Exception):
    """The session already has its maximum of events waiting or running."""


class SessionLimitError(Exception):
    """The store already holds its maximum number of sessions; a new one is refused."""


class StateStorageError(Exception):
    """A ``gr.State`` value cannot be stored by the backend (it cannot be serialised)."""


@dataclass(slots=True)
class Job:
    """One admitted event as it travels from a front to a worker; plain JSON values only."""

    event_id: str
    fn_index: int
    data: list[Any]
    session_hash: str
    """Where the event's messages go."""
    state_session_hash: str
    """Whose State values the event reads and writes."""
    concurrency_id: str
    limit: int | None
    """Events of ``concurrency_id`` that may run at once, across all workers; None: no limit."""
    sends_diffs: bool = True
    """Generator updates as edit lists (queue stream) or full values (REST /call)."""
    event_data: Any = None
    trigger_id: int | None = None
    request: dict[str, Any] | None = None
    """The HTTP request that joined the event (``RequestInfo`` fields), if the function asks."""
    attempt: int = 0
    """0 on the first run; 1 when re-run after its worker died."""
    idempotent: bool = True
    """Whether a worker that died mid-run may have the job run again."""
    extra: dict[str, Any] = field(default_factory=dict[str, Any])

    def to_bytes(self) -> bytes:
        """The job as JSON."""
        return orjson.dumps(asdict(self), option=orjson.OPT_SERIALIZE_NUMPY)

    @classmethod
    def from_bytes(cls, raw: bytes | str) -> Job:
        """A job from ``to_bytes``."""
        return cls(**orjson.loads(raw))


class SessionStore(Protocol):
    """Sessions: existence and expiry, pending-event counts, State values."""

    @property
    def ttl_s(self) -> float:
        """Seconds an idle session is kept."""
        ...

    async def open(self, session_hash: str) -> bool:
        """Create the session if new (True) or refresh it (False).

        Raises:
            SessionLimitError: it is new and the store holds its maximum of sessions.
        """
        ...

    async def exists(self, session_hash: str) -> bool:
        """Whether the session exists (joined and not expired)."""
        ...

    async def touch(self, session_hash: str) -> None:
        """Mark the session as used now (it expires after a quiet time-to-live)."""
        ...

    async def discard(self, session_hash: str) -> None:
        """Forget the session now, with its State values and unread messages."""
        ...

    async def add_pending(self, session_hash: str, delta: int) -> int:
        """Change the count of the session's waiting or running events; the new count."""
        ...

    async def pending(self, session_hash: str) -> int:
        """The session's waiting or running events."""
        ...

    async def load_state(self, session_hash: str, ids: Collection[int]) -> dict[int, Any]:
        """The State values of components ``ids`` that the session holds (a mutable dict).

        In-memory, this is the session's own dict; writes to it are kept without
        ``save_state``.
        """
        ...

    async def save_state(self, session_hash: str, values: dict[int, Any]) -> None:
        """Store State values after an event.

        Raises:
            StateStorageError: a value cannot be stored; the message names its type.
        """
        ...

    async def expire(self) -> int:
        """Drop sessions idle past their time-to-live; how many were dropped."""
        ...

    async def count(self) -> int:
        """Sessions held now."""
        ...


class MessageStream(Protocol):
    """Each session's messages, in order, from workers to the front reading them."""

    def put(self, session_hash: str, message: dict[str, Any]) -> None:
        """Send ``message`` to the session's stream without waiting (order is kept)."""
        ...

    async def flush(self) -> None:
        """Wait until every message ``put`` so far is stored."""
        ...

    def read(self, session_hash: str) -> AsyncGenerator[list[dict[str, Any]], None]:
        """Yield batches of the session's messages; an empty batch when nudged with none."""
        ...

    async def has_messages(self, session_hash: str) -> bool:
        """Whether messages wait unread."""
        ...

    def nudge(self, session_hash: str) -> None:
        """Wake this process's reader of the session (it yields an empty batch)."""
        ...

    def nudge_all(self) -> None:
        """Wake every reader of this process (the heartbeat tick)."""
        ...


class JobQueue(Protocol):
    """Admission on fronts, pulling on workers, concurrency limits, positions, ETAs."""

    async def submit(self, job: Job, max_pending: int) -> None:
        """Admit ``job``: open its session, count the job as pending there, queue it.

        The session hears the job's place. A refused job leaves nothing behind (a session
        it created is gone again). One step, so a shared backend needs one round trip.

        Raises:
            SessionLimitError: the session is new and the store holds its maximum.
            SessionBusyError: the session already has ``max_pending`` events pending.
            QueueFullError: ``max_size`` events already wait.
        """
        ...

    def jobs(self) -> AsyncIterator[Job]:
        """Jobs for this worker, each once its group has room; ``finish`` each one."""
        ...

    def push_to(self, start: Callable[[Job], None]) -> bool:
        """Hand each job to ``start`` the moment it may run, instead of ``jobs()``.

        An in-process queue does this (a wake-up per pulled job cost a third of an echo
        event); a shared one returns False and its workers pull.
        """
        ...

    async def finish(self, job: Job, final: dict[str, Any], duration_s: float | None) -> None:
        """The job ended with message ``final`` (completed, failed or cancelled).

        In this order: lower the session's pending count, put ``final`` on its stream
        (after every message the job put before), free the job's concurrency slot and
        forget the job. ``duration_s`` (None when it failed or stopped) feeds the ETA.
        """
        ...

    async def cancel(self, event_id: str) -> CancelOutcome:
        """Stop a job.

        ``"waiting"``: it was removed from the queue, its session got
        ``process_cancelled`` and its pending count was lowered. ``"running"``: the worker
        running it was told (``on_cancel``) and will ``finish`` it. ``"unknown"``: no such
        job is waiting or running.
        """
        ...

    def on_cancel(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(event_id)`` when a job running in this process must stop."""
        ...

    def eta(self, fn_index: int) -> float | None:
        """The average run time of the dependency, as last known here, or None."""
        ...

    async def waiting_count(self) -> int:
        """Jobs admitted but not yet started, across all groups."""
        ...


class Backend(Protocol):
    """The three parts, started and stopped together with the engine."""

    @property
    def sessions(self) -> SessionStore: ...

    @property
    def queue(self) -> JobQueue: ...

    @property
    def messages(self) -> MessageStream: ...

    @property
    def url(self) -> str:
        """Where it lives: ``memory://`` or the Redis URL without its password."""
        ...

    async def start(self) -> None:
        """Connect (and start background work); called when the engine starts."""
        ...

    async def close(self) -> None:
        """Disconnect; called when the engine stops."""
        ...


class BackendUnavailableError(Exception):
    """The backend cannot be reached now (Redis down); the request may be retried."""
