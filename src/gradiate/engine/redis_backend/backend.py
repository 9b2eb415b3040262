"""``RedisBackend``: the session store, message stream and job queue over one Redis."""

from __future__ import annotations

import os
import socket
import uuid

from gradiate.engine.redis_backend.connection import Keys, Outage, connect, front_call, redact
from gradiate.engine.redis_backend.messages import RedisMessageStream
from gradiate.engine.redis_backend.queue import RedisJobQueue
from gradiate.engine.redis_backend.scripts import Scripts
from gradiate.engine.redis_backend.sessions import RedisSessionStore
from gradiate.engine.redis_backend.worker import Worker

UNLIMITED_LOCAL_CAPACITY = 40
"""Jobs of a group without a limit that one process runs at once, unless told."""

_MIN_JOB_TTL_S = 24 * 3600.0
"""A job's record outlives a long wait in the queue (``finish`` deletes it)."""


class RedisBackend:
    """Every process of the app (fronts and workers) builds one with the same arguments.

    Args:
        url: ``redis://[user:password@]host:port/db`` (or ``rediss://``).
        namespace: the prefix of every key (``namespace + ":"``); one per app.
        groups: each concurrency id of the app and its limit (None: no limit).
        ttl_s: how long an idle session is kept once a stream has read it.
        unstreamed_ttl_s: how long a session no stream has read yet is kept.
        max_sessions: sessions kept at once across the cluster; more are refused.
        max_size: events that may wait across the cluster (None: no bound).
        heartbeat_interval_s: a reader with no messages yields ``[]`` this often.
        worker_id: this process' name among workers (default: host, pid and a random part).
        lease_ttl_s: how soon a dead worker's leases and liveness expire.
        max_stream_messages: about how many messages a session's stream keeps.
        local_capacity: most jobs of a group this process runs at once (default: the
            group's limit, or 40 without one).
    """

    def __init__(
        self,
        url: str,
        *,
        namespace: str,
        groups: dict[str, int | None],
        ttl_s: float = 3600,
        unstreamed_ttl_s: float = 60,
        max_sessions: int = 100_000,
        max_size: int | None = None,
        heartbeat_interval_s: float = 15.0,
        worker_id: str | None = None,
        lease_ttl_s: float = 5.0,
        max_stream_messages: int = 10_000,
        local_capacity: dict[str, int] | None = None,
    ) -> None:
        if not namespace:
            raise ValueError("namespace must not be empty")
        for group, limit in groups.items():
            if limit is not None and limit < 1:
                raise ValueError(f"the limit of group {group!r} must be None or at least 1")
        self.url = redact(url)
        self.namespace = namespace
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        capacity = {
            group: (local_capacity or {}).get(
                group, limit if limit is not None else UNLIMITED_LOCAL_CAPACITY
            )
            for group, limit in groups.items()
        }
        self._client = connect(url)
        self._closed = False
        outage = Outage(self.url)
        keys = Keys(namespace)
        scripts = self._scripts = Scripts(self._client)
        job_ttl_ms = round(max(ttl_s, _MIN_JOB_TTL_S) * 1000)
        self.sessions = RedisSessionStore(
            self._client,
            scripts,
            keys,
            self.url,
            ttl_s=ttl_s,
            unstreamed_ttl_s=unstreamed_ttl_s,
            max_sessions=max_sessions,
        )
        self.messages = RedisMessageStream(
            self._client,
            keys,
            outage,
            self.sessions,
            ttl_s=ttl_s,
            heartbeat_interval_s=heartbeat_interval_s,
            max_stream_messages=max_stream_messages,
        )
        worker = Worker(
            self._client,
            scripts,
            keys,
            outage,
            self.messages,
            groups=dict(groups),
            local_capacity=capacity,
            worker_id=self.worker_id,
            lease_ttl_s=lease_ttl_s,
            job_ttl_ms=job_ttl_ms,
            stream_ttl_ms=self.messages.ttl_ms,
            max_stream_messages=max_stream_messages,
        )
        self.queue = RedisJobQueue(
            self._client,
            scripts,
            keys,
            outage,
            self.messages,
            worker,
            groups=dict(groups),
            max_size=max_size,
            job_ttl_ms=job_ttl_ms,
        )

    async def start(self) -> None:
        """Check Redis answers, then start the flusher and the pub/sub follower.

        Raises:
            BackendUnavailableError: Redis cannot be reached.
        """
        with front_call(self.url):
            await self._client.ping()
        await self.queue.start()
        self.messages.start()

    async def close(self) -> None:
        """Stop pulling, write what is buffered, disconnect (once)."""
        if self._closed:
            return
        self._closed = True
        await self.queue.close()
        await self.messages.close()
        await self._scripts.close()
        await self._client.aclose()
        await self._client.connection_pool.disconnect()
