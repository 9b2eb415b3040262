"""The Redis session store against a real redis-server: limits, TTLs, State values."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from gradiate.engine.interfaces import SessionLimitError, StateStorageError

pytestmark = pytest.mark.anyio


async def test_open_creates_then_refreshes_and_counts(redis_backends) -> None:
    backend = await redis_backends()
    assert await backend.sessions.open("a") is True
    assert await backend.sessions.open("a") is False
    assert await backend.sessions.exists("a")
    assert not await backend.sessions.exists("b")
    assert await backend.sessions.count() == 1


async def test_the_session_limit_holds_across_processes_and_never_evicts(redis_backends) -> None:
    first = await redis_backends(max_sessions=2)
    second = await redis_backends(max_sessions=2)
    assert await first.sessions.open("a")
    assert await second.sessions.open("b")
    with pytest.raises(SessionLimitError):
        await second.sessions.open("c")
    with pytest.raises(SessionLimitError):
        await first.sessions.open("c")
    assert await first.sessions.open("a") is False  # a known session is refreshed
    assert await first.sessions.exists("a")
    assert await first.sessions.exists("b")
    await first.sessions.discard("a")
    assert await second.sessions.open("c") is True
    assert await second.sessions.count() == 2


async def test_an_unstreamed_session_expires_early_and_a_streamed_one_lives_ttl(
    redis_backends,
) -> None:
    backend = await redis_backends(ttl_s=1.5, unstreamed_ttl_s=0.3)
    await backend.sessions.open("quiet")
    await backend.sessions.open("read")
    reader = backend.messages.read("read")
    backend.messages.put("read", {"msg": "hello"})
    assert await anext(reader) == [{"msg": "hello"}]
    await reader.aclose()
    await asyncio.sleep(0.6)
    assert not await backend.sessions.exists("quiet")
    assert await backend.sessions.exists("read")
    assert await backend.sessions.count() == 1
    assert await backend.sessions.expire() == 0  # count() already pruned it
    await backend.sessions.touch("read")
    await asyncio.sleep(1.0)
    assert await backend.sessions.exists("read")  # touched: a new ttl_s from then
    await asyncio.sleep(0.8)
    assert not await backend.sessions.exists("read")
    assert await backend.sessions.expire() == 1
    assert await backend.sessions.count() == 0


async def test_pending_counts_are_shared(redis_backends) -> None:
    front = await redis_backends()
    worker = await redis_backends()
    await front.sessions.open("s")
    assert await front.sessions.add_pending("s", 1) == 1
    assert await worker.sessions.add_pending("s", 2) == 3
    assert await worker.sessions.add_pending("s", -1) == 2
    assert await front.sessions.pending("s") == 2
    assert await front.sessions.add_pending("gone", 1) == 0  # no session, no stray key
    assert await front.sessions.pending("gone") == 0


async def test_state_values_round_trip_between_processes(redis_backends) -> None:
    front = await redis_backends()
    worker = await redis_backends()
    await front.sessions.open("s")
    await worker.sessions.save_state("s", {1: [1, 2, {"x": b"bytes"}], 2: {3, 4}, 7: None})
    loaded = await front.sessions.load_state("s", [1, 2, 7, 9])
    assert loaded == {1: [1, 2, {"x": b"bytes"}], 2: {3, 4}, 7: None}
    loaded[1].append(3)  # a plain dict of copies: nothing is stored without save_state
    assert (await front.sessions.load_state("s", [1]))[1] == [1, 2, {"x": b"bytes"}]
    await front.sessions.save_state("s", {1: "new"})
    assert await worker.sessions.load_state("s", [1, 2]) == {1: "new", 2: {3, 4}}
    await front.sessions.discard("s")
    assert await worker.sessions.load_state("s", [1, 2]) == {}


async def test_an_unpicklable_state_value_is_refused_with_its_type(redis_backends) -> None:
    backend = await redis_backends()
    await backend.sessions.open("s")
    with pytest.raises(StateStorageError) as caught:
        await backend.sessions.save_state("s", {1: "fine", 2: (n for n in range(3))})
    message = str(caught.value)
    assert message.startswith("gr.State value of type 'generator' cannot be stored in Redis: ")
    assert message.endswith("; keep State values picklable, or run on the in-memory backend")
    assert await backend.sessions.load_state("s", [1]) == {}  # nothing half-written


async def test_discard_drops_state_and_unread_messages(redis_backends) -> None:
    backend = await redis_backends()
    await backend.sessions.open("s")
    backend.messages.put("s", {"msg": "unread"})
    await backend.messages.flush()
    assert await backend.messages.has_messages("s")
    await backend.sessions.discard("s")
    assert not await backend.sessions.exists("s")
    assert not await backend.messages.has_messages("s")
    assert await backend.sessions.count() == 0


def test_importing_the_engine_does_not_import_redis() -> None:
    code = (
        "import sys, gradiate.engine.messages, gradiate.engine.interfaces;"
        "print('redis' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_backend_url_never_shows_the_password() -> None:
    from gradiate.engine.redis_backend import RedisBackend

    groups: dict[str, int | None] = {"default": 1}
    with_user = RedisBackend("redis://app:s3cret@127.0.0.1:6390/2", namespace="n", groups=groups)
    assert with_user.url == "redis://app@127.0.0.1:6390/2"
    bare = RedisBackend("redis://:s3cret@127.0.0.1:6390", namespace="n", groups=groups)
    assert bare.url == "redis://127.0.0.1:6390"
    assert RedisBackend("redis://127.0.0.1", namespace="n", groups=groups).url == (
        "redis://127.0.0.1"
    )
