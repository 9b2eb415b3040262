"""Bounded memory and admission on a live server, and error answers that leak nothing.

SECURITY.md T51, T52b, R02, R07: bodies are capped while they stream (413, connection
closed, nothing buffered past the cap), sessions and per-session events are capped with
503 + Retry-After, ``queue(max_size=...)`` holds on every entry point, and errors name a bad
value's type and length instead of echoing it.
"""

from __future__ import annotations

import asyncio
import threading
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpx
import pytest

import gradiate as gr

pytestmark = pytest.mark.anyio

MB = 1024 * 1024
CAP_BYTES = 16 * MB


def echo(text: str) -> str:
    return text


@pytest.fixture(scope="module")
def served(launch: Any) -> Iterator[tuple[str, Any]]:
    with gr.Blocks() as demo:
        box = gr.Textbox(label="text")
        gr.Button("Echo").click(echo, box, box, api_name="echo")
        hidden = gr.Button("Hidden")
        hidden.click(echo, box, box, api_name="secret_hidden", api_visibility="private")
        gr.Button("Quiet").click(
            echo, box, box, api_name="quiet_undocumented", api_visibility="undocumented"
        )
    with launch(demo) as url:
        yield url, demo.app.app.engine


@pytest.fixture(scope="module")
def base_url(served: tuple[str, Any]) -> str:
    return served[0]


@pytest.fixture(scope="module")
def demo_engine(served: tuple[str, Any]) -> Any:
    return served[1]


async def post_chunked(base_url: str, path: str, total_bytes: int) -> tuple[int, int]:
    """POST ``total_bytes`` of chunked JSON-ish body; return (status, bytes sent before it)."""
    parts = urlsplit(base_url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(
        f"POST /{path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n".encode()
    )
    chunk = b"1" * MB
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    response = asyncio.ensure_future(reader.readuntil(b"\r\n\r\n"))
    sent = 0
    try:
        with anyio.fail_after(30):
            while sent < total_bytes and not response.done():
                writer.write(frame)
                await writer.drain()
                sent += len(chunk)
                # drain() returns without yielding while the socket takes data: yield, so
                # the reader sees the 413 before the server gives up and resets the link.
                await asyncio.sleep(0)
            head = await response
    except (ConnectionError, asyncio.IncompleteReadError):
        head = await response
    finally:
        writer.close()
    return int(head.split(b" ", 2)[1]), sent


@pytest.mark.parametrize("path", ["gradio_api/cancel", "gradio_api/queue/join",
                                  "gradio_api/call/echo", "gradio_api/run/echo"])  # fmt: skip
async def test_300_mb_chunked_body_is_refused_with_413_before_it_is_read(
    base_url: str, path: str
) -> None:
    tracemalloc.start()
    try:
        status, sent = await post_chunked(base_url, path, 300 * MB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 413
    assert sent < 64 * MB, f"the server read {sent // MB} MB before refusing"
    assert peak < 48 * MB, f"peak traced memory {peak // MB} MB: the body was buffered"


async def test_httpx_streaming_body_stops_early(base_url: str) -> None:
    produced = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal produced
        while produced < 300 * MB:
            produced += MB
            yield b"2" * MB

    status = None
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        try:
            response = await http.post("gradio_api/cancel", content=body())
            status = response.status_code
        except (httpx.WriteError, httpx.ReadError, httpx.RemoteProtocolError):
            status = None  # the server closed the connection after its 413
    assert status in (413, None)
    assert produced < 100 * MB, f"the client got to send {produced // MB} MB"


async def test_declared_length_over_the_cap_is_413_without_sending_a_byte(base_url: str) -> None:
    parts = urlsplit(base_url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(
        f"POST /gradio_api/cancel HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        "Content-Length: 300000000\r\n\r\n".encode()
    )
    with anyio.fail_after(5):
        head = await reader.readuntil(b"\r\n\r\n")
    writer.close()
    assert head.startswith(b"HTTP/1.1 413")
    assert b"connection: close" in head.lower()


@pytest.mark.parametrize("path", ["gradio_api/queue/join", "gradio_api/call/echo",
                                  "gradio_api/run/echo", "gradio_api/cancel"])  # fmt: skip
async def test_json_nested_100000_deep_is_400_not_500(
    client: httpx.AsyncClient, wire: Any, path: str
) -> None:
    deep = b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = await client.post(path, content=deep)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "invalid_json"
    assert "depth" in response.json()["detail"]
    assert await wire.predict(client, "echo", ["still up"]) == ["still up"]


# ------------------------------------------------------------------ no leaks in answers


@pytest.mark.parametrize("path", ["gradio_api/queue/join", "gradio_api/call/echo",
                                  "gradio_api/run/echo"])  # fmt: skip
async def test_422_names_the_type_and_length_instead_of_echoing_the_payload(
    client: httpx.AsyncClient, path: str
) -> None:
    payload = "x" * (5 * MB)
    response = await client.post(
        path, json={"data": payload, "fn_index": 0, "session_hash": "s-echo"}
    )
    assert response.status_code == 422
    assert len(response.content) < 1024
    assert "xxxxxxxx" not in response.text
    assert "str of length 5242880" in response.json()["detail"]


async def test_unknown_api_name_lists_only_public_endpoints(client: httpx.AsyncClient) -> None:
    response = await client.post("gradio_api/call/nope", json={"data": ["a"]})
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "/echo" in detail
    assert "secret_hidden" not in detail
    assert "quiet_undocumented" not in detail


async def test_unknown_api_name_is_not_echoed_at_length(client: httpx.AsyncClient) -> None:
    response = await client.post("gradio_api/run/" + "n" * 5000, json={"data": ["a"]})
    assert response.status_code == 404
    assert len(response.content) < 1024


async def test_unknown_fn_index_does_not_list_the_app_events(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "gradio_api/queue/join", json={"data": ["a"], "fn_index": 999, "session_hash": "s"}
    )
    assert response.status_code == 404
    assert "fn_index=999" in response.json()["detail"]
    assert "[0, 1, 2]" not in response.json()["detail"]


async def test_many_unknown_named_arguments_are_not_all_echoed(client: httpx.AsyncClient) -> None:
    body = {f"param_{index}_{'z' * 100}": 1 for index in range(2000)}
    response = await client.post("gradio_api/call/v2/echo", json=body)
    assert response.status_code == 422
    assert len(response.content) < 2048
    assert "1995 more" in response.json()["detail"]


# ------------------------------------------------------------------ admission


RELEASE = threading.Event()


def blocked(text: str) -> str:
    RELEASE.wait(timeout=10)
    return text


def blocking_demo() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(blocked, box, box, api_name="blocked", concurrency_limit=1)
        gr.Button().click(echo, box, box, api_name="echo")
    return demo


async def join(http: httpx.AsyncClient, fn_index: int, session_hash: str) -> httpx.Response:
    return await http.post(
        "gradio_api/queue/join",
        json={"data": ["x"], "fn_index": fn_index, "session_hash": session_hash},
    )


async def test_events_per_session_are_capped_with_503_and_retry_after(
    launch: Any, wire: Any
) -> None:
    RELEASE.clear()
    with launch(blocking_demo(), max_events_per_session=3) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            statuses = [(await join(http, 0, "greedy")).status_code for _ in range(3)]
            refused = await join(http, 0, "greedy")
            other = await join(http, 1, "someone-else")
            RELEASE.set()
            assert statuses == [200, 200, 200]
            assert refused.status_code == 503
            assert refused.json()["error"] == "session_busy"
            assert "max_events_per_session" in refused.json()["detail"]
            assert int(refused.headers["retry-after"]) > 0
            assert other.status_code == 200  # another session is still served
            messages = await wire.session_messages(http, "greedy")
            assert len([m for m in messages if m["msg"] == "process_completed"]) == 3


async def test_new_sessions_past_max_sessions_get_503_and_old_ones_keep_working(
    launch: Any, wire: Any
) -> None:
    with launch(blocking_demo(), max_sessions=2) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            RELEASE.clear()
            assert (await join(http, 0, "first")).status_code == 200
            assert (await join(http, 0, "second")).status_code == 200
            refused = await join(http, 1, "third")
            call = await http.post("gradio_api/call/echo", json={"data": ["x"]})
            RELEASE.set()
            assert refused.status_code == 503
            assert refused.json()["error"] == "too_many_sessions"
            assert "max_sessions" in refused.json()["detail"]
            assert int(refused.headers["retry-after"]) > 0
            assert call.status_code == 503  # REST calls are sessions too
            await wire.session_messages(http, "first")
            assert (await join(http, 1, "first")).status_code == 200  # existing: served


@pytest.mark.parametrize("entry", ["join", "call", "run"])
async def test_queue_max_size_holds_on_every_entry_point(launch: Any, entry: str) -> None:
    demo = blocking_demo()
    demo.queue(max_size=1)
    RELEASE.clear()
    with launch(demo) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            assert (await join(http, 0, "a")).status_code == 200  # running
            await anyio.sleep(0.2)
            assert (await join(http, 0, "b")).status_code == 200  # waiting: the queue is full
            if entry == "join":
                response = await join(http, 0, "c")
            elif entry == "call":
                response = await http.post("gradio_api/call/blocked", json={"data": ["c"]})
            else:
                response = await http.post("gradio_api/run/blocked", json={"data": ["c"]})
            RELEASE.set()
            assert response.status_code == 503, response.text
            assert response.json()["error"] == "queue_full"
            assert int(response.headers["retry-after"]) > 0


async def test_results_nobody_reads_are_bounded_per_stream(
    client: httpx.AsyncClient, demo_engine: Any, wire: Any
) -> None:
    payload = "y" * (4 * MB)
    for _ in range(30):  # 120 MB of results, never read while they pile up
        response = await client.post(
            "gradio_api/queue/join",
            json={"data": [payload], "fn_index": 0, "session_hash": "hoarder"},
        )
        assert response.status_code == 200
    for _ in range(200):
        if not (await demo_engine.stats())["events"]:
            break
        await anyio.sleep(0.05)
    buffered = demo_engine.backend.store.get("hoarder").channel.buffered_bytes()
    assert buffered <= demo_engine.limits.max_stream_buffer_bytes
    messages = await wire.session_messages(client, "hoarder")
    assert messages[0]["msg"] == "unexpected_error"
    assert "unread" in messages[0]["message"]
    assert demo_engine.backend.store.budget.used_bytes == 0
