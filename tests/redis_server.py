"""A real ``redis-server`` for the Redis backend's tests, on a free loopback port.

``redis_url`` (session-scoped) is shared by all tests; each test picks its own key
namespace (``redis_namespace``). A test that stops Redis starts its own with
``RedisServer`` and ``restart()`` brings it back on the same port.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

REDIS_SERVER = "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """One ``redis-server`` process without persistence; ``stop``/``start`` keep the port."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        executable = shutil.which(REDIS_SERVER)
        if executable is None:
            raise RuntimeError(f"{REDIS_SERVER} is needed for the Redis backend's tests")
        self._process = subprocess.Popen(
            [
                executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not _answers(self.port):
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(5)
            self._process = None

    def restart(self, down_s: float = 0.0) -> None:
        """Kill the server, wait ``down_s``, start it again on the same port (empty)."""
        self.stop()
        time.sleep(down_s)
        self.start()

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The URL of a redis-server shared by the whole test session."""
    with RedisServer() as server:
        yield server.url


@pytest.fixture
def redis_namespace() -> str:
    """A key namespace of this test only."""
    return f"t{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def redis_backends(redis_url: str, redis_namespace: str) -> AsyncIterator[Any]:
    """``await make(**kwargs)``: a started ``RedisBackend`` on this test's namespace.

    ``groups`` defaults to ``{"default": 1}``; every backend made is closed at the end.
    """
    from gradiate.engine.redis_backend import RedisBackend

    made: list[RedisBackend] = []

    async def make(**kwargs: Any) -> RedisBackend:
        kwargs.setdefault("groups", {"default": 1})
        kwargs.setdefault("url", redis_url)
        backend = RedisBackend(namespace=redis_namespace, **kwargs)
        await backend.start()
        made.append(backend)
        return backend

    yield make
    for backend in reversed(made):
        await backend.close()
