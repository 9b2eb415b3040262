"""The Redis backend: one app served by many front and worker processes on many machines.

Needs the ``redis`` package (``pip install 'gradiate[redis]'``); importing
``gradiate.engine`` alone never imports it.
"""

from __future__ import annotations

try:
    import redis.asyncio  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(
        "the Redis backend needs the redis package: pip install 'gradiate[redis]'"
    ) from exc

from gradiate.engine.redis_backend.backend import RedisBackend

__all__ = ["RedisBackend"]
