"""The conformance suite runs every engine behaviour on every backend.

``make_engine(demo, ...)`` builds an ``Engine`` on the backend of the test's parameter:
the in-memory one, or the Redis one on a real ``redis-server`` (``redis_url``), with a
namespace of its own per test so tests never see each other's jobs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from gradiate.engine.engine import Engine, open_backend
from gradiate.engine.sessions import SessionLimits

BACKENDS = ["memory", "redis"]


@pytest.fixture(params=BACKENDS)
def backend_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_engine(
    backend_name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Engine]:
    url = None
    if backend_name == "redis":
        url = request.getfixturevalue("redis_url")
        monkeypatch.setenv("GRADIATE_APP_NAME", f"conformance-{uuid.uuid4().hex[:12]}")

    def make(demo: Any, *, session_ttl_s: float = 3600.0, limits: SessionLimits | None = None,
             **kwargs: Any) -> Engine:  # fmt: skip
        backend = open_backend(url, demo, ttl_s=session_ttl_s, limits=limits)
        return Engine(demo, backend=backend, session_ttl_s=session_ttl_s, limits=limits, **kwargs)

    return make
