"""Bad requests get a clear JSON error (never a traceback or a server path) and the server
keeps serving: after each bad request a good predict still works."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

import gradiate as gr

pytestmark = pytest.mark.anyio

TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/', '.py", line ')


def greet(name: str, intensity: int) -> str:
    return "Hello, " + name + "!" * int(intensity)


def crash(text: str) -> str:
    raise ZeroDivisionError("secret internal detail 7c1f")


def slow_gen(text: str) -> Iterator[str]:
    for step in range(40):
        time.sleep(0.05)
        yield f"{text}{step}"


def build_demo() -> Any:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        intensity = gr.Slider(1, 10, step=1, label="Intensity")
        out = gr.Textbox(label="Greeting")
        go = gr.Button("Go")
        go.click(greet, [name, intensity], out, api_name="greet")
        crash_button = gr.Button("Crash")
        crash_button.click(crash, name, out, api_name="crash")
        slow_button = gr.Button("Slow")
        slow_button.click(slow_gen, name, out, api_name="slow_gen")
    return demo


@pytest.fixture(scope="module")
def base_url(launch: Any) -> Iterator[str]:
    with launch(build_demo()) as url:
        yield url


async def assert_still_serves(client: httpx.AsyncClient, wire: Any) -> None:
    assert await wire.predict(client, "greet", ["Ok", 1]) == ["Hello, Ok!"]


def assert_clean_json_error(response: httpx.Response, statuses: set[int]) -> dict[str, Any]:
    assert response.status_code in statuses, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert isinstance(body, dict), body
    assert isinstance(body.get("error"), str), body
    assert body["error"], body
    assert isinstance(body.get("detail"), str), body
    assert body["detail"], body
    for marker in TRACEBACK_MARKERS:
        assert marker not in response.text
    return body


# ------------------------------------------------------------------ malformed requests


@pytest.mark.parametrize(
    "path", ["gradio_api/queue/join", "gradio_api/call/greet", "gradio_api/cancel"]
)
@pytest.mark.parametrize("payload", [b"{not json", b"", b"\xff\xfe", b'{"data": [1,'])
async def test_malformed_json_body_is_rejected_with_json_error(
    client: httpx.AsyncClient, wire: Any, path: str, payload: bytes
) -> None:
    response = await client.post(
        path, content=payload, headers={"content-type": "application/json"}
    )
    body = assert_clean_json_error(response, {400, 422})
    assert "json" in body["detail"].lower() or "body" in body["detail"].lower(), body
    await assert_still_serves(client, wire)


@pytest.mark.parametrize(
    "payload",
    [
        {"data": ["a", 1], "fn_index": 0},
        {"data": ["a", 1], "fn_index": 0, "session_hash": None},
        {"data": ["a", 1], "fn_index": 0, "session_hash": ""},
    ],
    ids=["missing", "null", "empty"],
)
async def test_join_without_session_hash_is_400(
    client: httpx.AsyncClient, wire: Any, payload: dict[str, Any]
) -> None:
    response = await client.post("gradio_api/queue/join", json=payload)
    body = assert_clean_json_error(response, {400})
    assert "session hash" in body["detail"].lower()
    await assert_still_serves(client, wire)


@pytest.mark.parametrize("fn_index", [999, -1, "greet", None])
async def test_join_with_unknown_fn_index_is_a_4xx_json_error(
    client: httpx.AsyncClient, wire: Any, fn_index: Any
) -> None:
    response = await client.post(
        "gradio_api/queue/join",
        json={"data": ["a", 1], "fn_index": fn_index, "session_hash": wire.new_session()},
    )
    body = assert_clean_json_error(response, {400, 404, 422})
    assert "fn_index" in body["detail"], body
    await assert_still_serves(client, wire)


@pytest.mark.parametrize("data", ["a", {"name": "a"}, 3, None])
async def test_join_with_data_that_is_not_a_list_is_422(
    client: httpx.AsyncClient, wire: Any, data: Any
) -> None:
    config = await wire.config(client)
    response = await client.post(
        "gradio_api/queue/join",
        json={"data": data, "fn_index": wire.fn_index(config, "greet"), "session_hash": "s1"},
    )
    body = assert_clean_json_error(response, {422})
    assert "data" in body["detail"]
    await assert_still_serves(client, wire)


# ------------------------------------------------------------------ bad values inside an event


def failed_completion(messages: list[dict[str, Any]]) -> dict[str, Any]:
    completed = [m for m in messages if m["msg"] == "process_completed"]
    assert len(completed) == 1, messages
    assert completed[0]["success"] is False, completed[0]
    assert messages[-1]["msg"] == "close_stream"
    return completed[0]


@pytest.mark.parametrize("data", [["only one"], []])
async def test_wrong_number_of_inputs_fails_the_event_naming_the_expected_count(
    client: httpx.AsyncClient, wire: Any, data: list[Any]
) -> None:
    completed = failed_completion(await wire.run(client, "greet", data))
    error = completed["output"]["error"]
    assert isinstance(error, str), completed
    assert "2" in error, error  # the expected count
    for marker in TRACEBACK_MARKERS:
        assert marker not in error
    await assert_still_serves(client, wire)


@pytest.mark.parametrize("value", ["many", [3], {"n": 3}])
async def test_wrong_type_for_slider_fails_the_event_with_clear_message(
    client: httpx.AsyncClient, wire: Any, value: Any
) -> None:
    completed = failed_completion(await wire.run(client, "greet", ["Ada", value]))
    error = completed["output"]["error"]
    assert isinstance(error, str), completed
    assert "slider" in error.lower() or "intensity" in error.lower(), error
    assert "number" in error.lower() or "float" in error.lower(), error
    for marker in TRACEBACK_MARKERS:
        assert marker not in error
    await assert_still_serves(client, wire)


async def test_user_function_exception_is_logged_but_not_sent(
    client: httpx.AsyncClient, wire: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    messages = await wire.run(client, "crash", ["x"])
    completed = failed_completion(messages)
    # show_error defaults to False: the browser/client only learns that it failed.
    assert completed["output"]["error"] is None
    raw = json.dumps(messages)
    assert "7c1f" not in raw
    assert "ZeroDivisionError" not in raw
    assert "Traceback" not in raw
    logged = [
        r.exc_info[1]
        for r in caplog.records
        if r.name.startswith("gradiate") and r.exc_info is not None
    ]
    assert logged, [(r.name, r.getMessage()) for r in caplog.records]
    assert any(isinstance(exc, ZeroDivisionError) for exc in logged)
    await assert_still_serves(client, wire)


async def test_data_stream_for_unknown_session_reports_session_not_found(
    client: httpx.AsyncClient, wire: Any
) -> None:
    frames = await wire.session_frames(client, "never-joined-" + wire.new_session())
    assert len(frames) == 1, frames
    assert frames[0].startswith("data:")
    message = json.loads(frames[0][len("data:") :])
    assert message["msg"] == "unexpected_error"
    assert message["session_not_found"] is True
    assert message["success"] is False
    assert message["event_id"] is None
    await assert_still_serves(client, wire)


async def test_client_disconnecting_mid_event_does_not_break_the_server(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    session_hash = wire.new_session()
    await wire.join(client, wire.fn_index(config, "slow_gen"), ["x"], session_hash)
    with anyio.fail_after(10):
        async with client.stream(
            "GET", "gradio_api/queue/data", params={"session_hash": session_hash}
        ) as response:
            async for chunk in response.aiter_text():
                if "process_generating" in chunk:
                    break  # hang up while the generator is still running
    # Other users are served meanwhile, and afterwards.
    await assert_still_serves(client, wire)
    await anyio.sleep(0.3)
    await assert_still_serves(client, wire)


# ------------------------------------------------------------------ queue full


RELEASE = threading.Event()


def blocked(text: str) -> str:
    RELEASE.wait(timeout=10)
    return text


@pytest.fixture(scope="module")
def tiny_queue_url(launch: Any) -> Iterator[str]:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(blocked, box, box, api_name="blocked")
    demo.queue(max_size=1)
    with launch(demo) as url:
        yield url
    RELEASE.set()


async def test_join_when_queue_is_full_is_503(tiny_queue_url: str, wire: Any) -> None:
    RELEASE.clear()
    async with httpx.AsyncClient(base_url=tiny_queue_url, timeout=10) as http:
        fn_index = wire.fn_index(await wire.config(http), "blocked")
        statuses = []
        bodies = []
        session_hash = wire.new_session()
        for text in ("one", "two", "three"):
            response = await http.post(
                "gradio_api/queue/join",
                json={"data": [text], "fn_index": fn_index, "session_hash": session_hash},
            )
            statuses.append(response.status_code)
            bodies.append(response)
            await anyio.sleep(0.2)  # let the worker pick up the first event
        assert statuses[0] == 200
        assert statuses[-1] == 503
        body = assert_clean_json_error(bodies[-1], {503})
        assert "queue" in body["detail"].lower()
        assert "full" in body["detail"].lower()
        RELEASE.set()
        messages = await wire.session_messages(http, session_hash)
        results = [m["output"]["data"] for m in messages if m["msg"] == "process_completed"]
        assert ["one"] in results
        # Once drained, the queue accepts work again.
        assert await wire.predict(http, "blocked", ["again"]) == ["again"]
