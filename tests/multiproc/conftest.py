"""Fixtures of the scale-out tests: Redis, a cluster of real processes behind nginx, Chromium.

These tests run as their own pytest session (``make test-python``'s last run): the
Chromium test uses Playwright's sync API, whose event loop anyio-based tests cannot share.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from playwright.sync_api import Browser, Page
from tests.multiproc.procs import Cluster, RedisProcess, cluster, kill_leftovers
from tests.multiproc.scale import SCALE_APP

try:  # the Redis backend's session-wide server, once tests/redis_server.py is merged
    from tests.redis_server import redis_url  # type: ignore[import-not-found]  # noqa: F401
except ImportError:

    @pytest.fixture(scope="session", name="redis_url")
    def standin_redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
        """Stand-in for ``tests/redis_server.py``'s fixture: one redis-server per session."""
        server = RedisProcess(tmp_path_factory.mktemp("redis")).start()
        try:
            yield server.url
        finally:
            server.stop()


@pytest.fixture(scope="session", autouse=True)
def no_leftover_processes() -> Iterator[None]:
    """Whatever a failing test left running dies with the session."""
    yield
    kill_leftovers()


_DATABASES = itertools.cycle(range(1, 16))


def on_database(url: str, number: int) -> str:
    """``url`` with its database number replaced by ``number``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))


@pytest.fixture
def fresh_redis_url(redis_url: str) -> str:
    """The session's Redis on a database of this test's own (1-15, emptied first).

    Database 0 is the module-wide cluster's, which may be running meanwhile.
    """
    url = on_database(redis_url, next(_DATABASES))
    flush(url)
    return url


def flush(url: str) -> None:
    """Empty the database at ``url``, so each cluster starts from nothing."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


@pytest.fixture
def record_dir(tmp_path: Path) -> Path:
    """Where the app's slow functions record their runs (see ``apps/scale_app.py``)."""
    folder = tmp_path / "records"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def module_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The module-wide cluster's record folder."""
    return tmp_path_factory.mktemp("records")


@pytest.fixture(scope="module")
def scale_cluster(
    redis_url: str, module_records: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cluster]:
    """2 fronts and 3 workers of ``apps/scale_app.py`` behind nginx, on real Redis."""
    url = on_database(redis_url, 0)
    flush(url)
    env = {"MULTIPROC_RECORD_DIR": str(module_records), "MULTIPROC_SLOW_S": "3"}
    with cluster(SCALE_APP, url, tmp_path_factory.mktemp("cluster"), env=env) as group:
        yield group


@pytest.fixture
def fresh_cluster(
    fresh_redis_url: str, record_dir: Path, tmp_path: Path
) -> Callable[..., AbstractContextManager[Cluster]]:
    """``with fresh_cluster(fronts=2, workers=3) as group:`` a cluster of the test's own."""

    def start(
        *, fronts: int = 2, workers: int = 3, slow_s: float = 3.0, backend: str = ""
    ) -> AbstractContextManager[Cluster]:
        env = {"MULTIPROC_RECORD_DIR": str(record_dir), "MULTIPROC_SLOW_S": str(slow_s)}
        return cluster(
            SCALE_APP, backend or fresh_redis_url, tmp_path / "cluster", fronts=fronts,
            workers=workers, env=env,
        )  # fmt: skip

    return start


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh context; uncaught page errors fail the test."""
    context = browser.new_context()
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors
