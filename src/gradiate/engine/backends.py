"""Choosing a backend: ``queue(backend=...)``, ``GRADIATE_QUEUE_URL`` or in-memory."""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING

from gradiate.engine.interfaces import Backend
from gradiate.engine.memory import InMemoryBackend
from gradiate.engine.sessions import SessionLimits
from gradiate.exceptions import ConfigError

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.events import BlockFunction

QUEUE_URL_ENV = "GRADIATE_QUEUE_URL"
APP_NAME_ENV = "GRADIATE_APP_NAME"
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def backend_url(blocks: Blocks, url: str | None = None) -> str:
    """The backend to use: ``url``, else the app's ``queue(backend=...)``, else the env."""
    chosen = url or blocks.queue_backend or os.environ.get(QUEUE_URL_ENV) or "memory://"
    if chosen != "memory://" and not chosen.startswith(_REDIS_SCHEMES):
        raise ConfigError(
            f"Unknown queue backend {_without_password(chosen)!r}: use 'memory://' or a "
            "Redis URL such as 'redis://localhost:6379/0'."
        )
    return chosen


def concurrency(blocks: Blocks, block_fn: BlockFunction) -> tuple[str, int | None]:
    """The event's concurrency group and that group's limit (None: no limit)."""
    if not block_fn.queue:
        return "__unqueued__", None
    limit = block_fn.concurrency_limit
    resolved = blocks.default_concurrency_limit if limit == "default" else limit
    return block_fn.concurrency_id, resolved


def app_namespace(blocks: Blocks) -> str:
    """The Redis key prefix of this app: the same in every process running the same app.

    It is taken from the app's events (ids, names, inputs, outputs), so two different apps,
    or two versions of one, on the same Redis never take each other's jobs.
    """
    name = os.environ.get(APP_NAME_ENV)
    if name:
        return f"gradiate:{name}"
    shape = repr(sorted(
        (fn.id, fn.api_name, [c.id for c in fn.inputs], [c.id for c in fn.outputs])
        for fn in blocks.fns.values()
    ))  # fmt: skip
    return "gradiate:" + hashlib.sha256(shape.encode()).hexdigest()[:16]


def open_backend(url: str | None, blocks: Blocks, *, ttl_s: float,
                 limits: SessionLimits | None = None) -> Backend:  # fmt: skip
    """The backend for ``blocks`` at ``url`` (see ``backend_url``), not yet started."""
    chosen = backend_url(blocks, url)
    limits = limits or SessionLimits()
    if chosen == "memory://":
        return InMemoryBackend(ttl_s=ttl_s, limits=limits, max_size=blocks.max_size)
    try:
        from gradiate.engine.redis_backend import RedisBackend
    except ImportError as exc:
        raise ConfigError(
            f"The Redis backend needs the 'redis' package ({exc}): pip install 'gradiate[redis]'"
        ) from exc
    groups = dict(concurrency(blocks, fn) for fn in blocks.fns.values() if fn.fn is not None)
    return RedisBackend(
        chosen,
        namespace=app_namespace(blocks),
        groups=groups,
        ttl_s=ttl_s,
        unstreamed_ttl_s=limits.unstreamed_ttl_s,
        max_sessions=limits.max_sessions,
        max_size=blocks.max_size,
    )


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return scheme + sep + rest
