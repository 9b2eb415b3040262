"""The Gradio 6 HTTP/SSE protocol, spoken with plain httpx to a live server (PROTOCOL.md)."""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import httpx
import pytest

import gradiate as gr

pytestmark = pytest.mark.anyio


def greet(name: str, intensity: int) -> str:
    return "Hello, " + name + "!" * int(intensity)


def spell(word: str) -> Iterator[str]:
    for end in range(1, len(word) + 1):
        time.sleep(0.02)
        yield word[:end]


def boom(text: str) -> str:
    raise gr.Error("bad input")


def boom_titled(text: str) -> str:
    raise gr.Error("bad input", title="Oops", duration=3)


def add_and_count(text: str, count: int) -> tuple[str, int]:
    return f"{text} #{count + 1}", count + 1


def ticker(text: str) -> Iterator[str]:
    for step in range(100):
        yield f"{text}{step}"
        time.sleep(0.05)


def build_demo() -> Any:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        intensity = gr.Slider(1, 10, step=1, label="Intensity")
        out = gr.Textbox(label="Greeting")
        go = gr.Button("Go")
        go.click(greet, [name, intensity], out, api_name="greet")
        word = gr.Textbox(label="Word")
        spelled = gr.Textbox(label="Spelled")
        word.submit(spell, word, spelled, api_name="gen")
        bad = gr.Button("Boom")
        bad.click(boom, word, spelled, api_name="boom")
        gr.Button("Oops").click(boom_titled, word, spelled, api_name="boom_titled")
        counter = gr.State(0)
        gr.Button("Count").click(
            add_and_count, [word, counter], [spelled, counter], api_name="count"
        )
        gr.Button("Tick").click(ticker, word, spelled, api_name="ticker")
    return demo


@pytest.fixture(scope="module")
def base_url(launch: Any) -> Iterator[str]:
    with launch(build_demo()) as url:
        yield url


# ------------------------------------------------------------------ config and page


async def test_config_advertises_sse_v3_under_gradio_api_prefix(client: httpx.AsyncClient) -> None:
    response = await client.get("config")
    assert response.status_code == 200
    config = response.json()
    assert config["protocol"] == "sse_v3"
    assert config["api_prefix"] == "/gradio_api"
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?([.-]?\w+)*", config["version"]), config["version"]
    assert int(config["version"].split(".")[0]) >= 5


async def test_config_every_dependency_input_and_output_is_a_component(
    client: httpx.AsyncClient,
) -> None:
    config = (await client.get("config")).json()
    component_ids = {component["id"] for component in config["components"]}
    assert config["dependencies"], "the demo has three listeners"
    for dep in config["dependencies"]:
        for component_id in [*dep["inputs"], *dep["outputs"]]:
            assert component_id in component_ids, (dep.get("api_name"), component_id)
    api_names = {dep["api_name"] for dep in config["dependencies"]}
    assert {"greet", "gen", "boom", "count"} <= api_names
    by_name = {dep["api_name"]: dep for dep in config["dependencies"]}
    assert by_name["gen"]["types"]["generator"] is True
    assert by_name["greet"]["types"]["generator"] is False
    state = [c for c in config["components"] if c["type"] == "state"]
    assert state
    assert all(c["skip_api"] is True for c in state)


@pytest.mark.parametrize("path", ["config/", "gradio_api/info", "gradio_api/info/"])
async def test_trailing_slash_and_query_free_variants_are_served(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    body = response.json()
    assert "named_endpoints" in body or body["protocol"] == "sse_v3"


def embedded_config(html: str) -> dict[str, Any]:
    marker = "window.gradio_config = "
    assert marker in html, "the page must embed the config"
    start = html.index(marker) + len(marker)
    config, _ = json.JSONDecoder().raw_decode(html[start:])
    return config


async def test_index_page_embeds_the_same_config_as_config_route(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    embedded = embedded_config(page.text)
    config = (await client.get("config")).json()
    for key in ("version", "protocol", "api_prefix", "components", "dependencies", "layout"):
        assert embedded[key] == config[key], key


async def test_info_lists_named_endpoint_with_parameter_names(client: httpx.AsyncClient) -> None:
    response = await client.get("gradio_api/info", params={"serialize": "False"})
    assert response.status_code == 200
    info = response.json()
    greet_info = info["named_endpoints"]["/greet"]
    assert [p["parameter_name"] for p in greet_info["parameters"]] == ["name", "intensity"]
    assert [p["component"] for p in greet_info["parameters"]] == ["Textbox", "Slider"]
    assert [r["component"] for r in greet_info["returns"]] == ["Textbox"]
    assert "/gen" in info["named_endpoints"]
    # State inputs are not API parameters.
    assert [p["parameter_name"] for p in info["named_endpoints"]["/count"]["parameters"]] == [
        "text"
    ]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("GET", "config", None), ("POST", "gradio_api/reset", {"event_id": "x"})],
)
def test_small_requests_answer_without_a_delayed_ack_stall(
    base_url: str, method: str, path: str, body: Any
) -> None:
    # gradio_client uses a blocking httpx client. A listening socket made without
    # IPPROTO_TCP leaves Nagle on for every accepted connection, and each small response
    # then waits ~40 ms for the client's delayed ACK.
    timings = []
    with httpx.Client(base_url=base_url, timeout=10) as http:
        http.request(method, path, json=body)  # the first request on a connection is spared
        for _ in range(11):
            start = time.perf_counter()
            response = http.request(method, path, json=body)
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200
    assert sorted(timings)[5] < 0.03, [round(t * 1000, 1) for t in timings]


# ------------------------------------------------------------------ queue: join + data


async def test_simple_event_messages_arrive_in_protocol_order(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    session_hash = wire.new_session()
    event_id = await wire.join(client, wire.fn_index(config, "greet"), ["Ann", 2], session_hash)
    # The stream is opened only after join returned: the server must have buffered.
    frames = await wire.session_frames(client, session_hash)
    assert all(frame.startswith("data:") for frame in frames), frames
    messages = [json.loads(f[len("data:") :]) for f in frames]
    kinds = [m["msg"] for m in messages if m["msg"] != "heartbeat"]
    assert kinds == ["estimation", "process_starts", "process_completed", "close_stream"]
    completed = messages[[m["msg"] for m in messages].index("process_completed")]
    assert completed["event_id"] == event_id
    assert completed["success"] is True
    assert completed["output"]["data"] == ["Hello, Ann!!"]
    assert messages[-1] == {"msg": "close_stream", "event_id": None}


async def test_two_events_of_one_session_share_one_stream(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    session_hash = wire.new_session()
    fn_index = wire.fn_index(config, "greet")
    first = await wire.join(client, fn_index, ["A", 1], session_hash)
    second = await wire.join(client, fn_index, ["B", 3], session_hash)
    messages = await wire.session_messages(client, session_hash)
    results = {
        m["event_id"]: m["output"]["data"] for m in messages if m["msg"] == "process_completed"
    }
    assert results == {first: ["Hello, A!"], second: ["Hello, B!!!"]}
    assert messages[-1]["msg"] == "close_stream"


def apply_edits(value: Any, edits: list[list[Any]]) -> Any:
    """Apply Gradio's diff edits for a top-level string value."""
    for action, path, new in edits:
        assert path == [], edits
        if action == "replace":
            value = new
        elif action == "append":
            value += new
        else:
            raise AssertionError(f"unexpected edit {action!r} for a string output")
    return value


async def test_generator_streams_diffs_then_full_value_on_completion(
    client: httpx.AsyncClient, wire: Any
) -> None:
    messages = await wire.run(client, "gen", ["hey"])
    generating = [m for m in messages if m["msg"] == "process_generating"]
    assert len(generating) == 3
    assert all(m["output"]["is_generating"] is True for m in generating)
    assert generating[0]["output"]["data"] == ["h"]
    value = "h"
    seen = [value]
    for message in generating[1:]:
        (edits,) = message["output"]["data"]
        assert isinstance(edits, list)
        assert all(edit[0] in ("append", "replace") for edit in edits), edits
        value = apply_edits(value, edits)
        seen.append(value)
    assert seen == ["h", "he", "hey"]
    completed = [m for m in messages if m["msg"] == "process_completed"]
    assert completed[0]["output"]["data"] == ["hey"]
    assert completed[0]["success"] is True


async def test_gr_error_ends_event_with_its_message(client: httpx.AsyncClient, wire: Any) -> None:
    messages = await wire.run(client, "boom", ["x"])
    completed = [m for m in messages if m["msg"] == "process_completed"]
    assert completed[0]["success"] is False
    assert completed[0]["output"]["error"] == "bad input"


async def test_failed_output_carries_only_keys_the_client_accepts(
    client: httpx.AsyncClient, wire: Any
) -> None:
    # gradio_client builds AppError(**output): any other key is a TypeError on its side.
    messages = await wire.run(client, "boom_titled", ["x"])
    (completed,) = [m for m in messages if m["msg"] == "process_completed"]
    output = completed["output"]
    assert set(output) <= {"error", "title", "duration", "visible", "print_exception"}, output
    assert output["error"] == "bad input"
    assert output["title"] == "Oops"
    assert output["duration"] == 3
    assert completed["title"] == "Oops"


async def test_state_is_kept_per_session_and_sent_as_null(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    fn_index = wire.fn_index(config, "count")
    session_hash = wire.new_session()
    results = []
    for text in ("a", "b"):
        await wire.join(client, fn_index, [text, None], session_hash)
        messages = await wire.session_messages(client, session_hash)
        results += [m["output"]["data"] for m in messages if m["msg"] == "process_completed"]
    assert results == [["a #1", None], ["b #2", None]]
    # Another session starts from the initial value.
    assert await wire.predict(client, "count", ["c", None]) == ["c #1", None]


async def test_cancel_of_a_running_generator_ends_its_event(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    fn_index = wire.fn_index(config, "ticker")
    session_hash = wire.new_session()
    event_id = await wire.join(client, fn_index, ["t"], session_hash)
    seen: list[dict[str, Any]] = []
    with anyio.fail_after(10):
        async with client.stream(
            "GET", "gradio_api/queue/data", params={"session_hash": session_hash}
        ) as response:
            async for frame in iter_data_frames(response):
                seen.append(frame)
                if [m["msg"] for m in seen].count("process_generating") == 2:
                    cancel = await client.post(
                        "gradio_api/cancel",
                        json={
                            "event_id": event_id,
                            "session_hash": session_hash,
                            "fn_index": fn_index,
                        },
                    )
                    assert cancel.json() == {"success": True}
    kinds = [m["msg"] for m in seen if m["msg"] != "heartbeat"]
    assert kinds[-1] == "close_stream"
    assert kinds[-2] == "process_completed"
    generated = kinds.count("process_generating")
    assert 2 <= generated < 20, kinds  # 100 yields 50 ms apart would take 5 s


async def iter_data_frames(response: httpx.Response) -> AsyncIterator[dict[str, Any]]:
    buffer = ""
    async for chunk in response.aiter_text():
        buffer += chunk
        while "\n\n" in buffer:
            frame, buffer = buffer.split("\n\n", 1)
            assert frame.startswith("data:"), frame
            yield json.loads(frame[len("data:") :])


# ------------------------------------------------------------------ REST /call


async def test_call_api_returns_event_id_then_complete_stream(
    client: httpx.AsyncClient, wire: Any
) -> None:
    response = await client.post("gradio_api/call/greet", json={"data": ["Zed", 2]})
    assert response.status_code == 200
    event_id = response.json()["event_id"]
    events = await wire.call_events(client, f"gradio_api/call/greet/{event_id}")
    assert [e.event for e in events] == ["complete"]
    assert events[0].json() == ["Hello, Zed!!"]
    assert events[0].raw == 'event: complete\ndata: ["Hello, Zed!!"]'


async def test_call_api_generator_sends_full_values_then_complete(
    client: httpx.AsyncClient, wire: Any
) -> None:
    event_id = (await client.post("gradio_api/call/gen", json={"data": ["hey"]})).json()["event_id"]
    events = await wire.call_events(client, f"gradio_api/call/gen/{event_id}")
    assert [e.event for e in events] == ["generating"] * 3 + ["complete"]
    assert [e.json() for e in events] == [["h"], ["he"], ["hey"], ["hey"]]


async def test_call_api_gr_error_sends_error_event(client: httpx.AsyncClient, wire: Any) -> None:
    event_id = (await client.post("gradio_api/call/boom", json={"data": ["x"]})).json()["event_id"]
    events = await wire.call_events(client, f"gradio_api/call/boom/{event_id}")
    assert [e.event for e in events] == ["error"]
    assert events[0].json()["error"] == "bad input"


async def test_call_api_fills_omitted_state_input(client: httpx.AsyncClient, wire: Any) -> None:
    event_id = (await client.post("gradio_api/call/count", json={"data": ["s"]})).json()["event_id"]
    events = await wire.call_events(client, f"gradio_api/call/count/{event_id}")
    assert [(e.event, e.json()) for e in events] == [("complete", ["s #1", None])]


async def test_call_v2_takes_named_arguments(client: httpx.AsyncClient, wire: Any) -> None:
    response = await client.post("gradio_api/call/v2/greet", json={"name": "V2", "intensity": 1})
    assert response.status_code == 200
    event_id = response.json()["event_id"]
    events = await wire.call_events(client, f"gradio_api/call/v2/greet/{event_id}")
    assert [(e.event, e.json()) for e in events] == [("complete", ["Hello, V2!"])]


async def test_call_stream_for_unknown_event_id_reports_not_found(
    client: httpx.AsyncClient, wire: Any
) -> None:
    events = await wire.call_events(client, "gradio_api/call/greet/" + "0" * 32)
    assert [e.event for e in events] == ["error"]
    assert "404" in events[0].data
    assert "not found" in events[0].data.lower()


async def test_call_unknown_api_name_is_404_json(client: httpx.AsyncClient) -> None:
    response = await client.post("gradio_api/call/no_such_api", json={"data": []})
    assert response.status_code == 404
    body = response.json()
    assert set(body) >= {"error", "detail"}
    assert "no_such_api" in body["detail"]


# ------------------------------------------------------------------ cancel, reset, heartbeat


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("gradio_api/cancel", {"event_id": "f" * 32, "session_hash": "nobody", "fn_index": 0}),
        ("gradio_api/reset", {"event_id": "f" * 32}),
    ],
)
async def test_cancel_and_reset_answer_success_even_for_unknown_ids(
    client: httpx.AsyncClient, path: str, body: dict[str, Any]
) -> None:
    response = await client.post(path, json=body)
    assert response.status_code == 200
    assert response.json() == {"success": True}


async def test_heartbeat_stream_starts_with_alive(client: httpx.AsyncClient) -> None:
    async with client.stream("GET", "gradio_api/heartbeat/some-session") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        first = b""
        async for chunk in response.aiter_bytes():
            first += chunk
            if b"\n\n" in first:
                break
    assert first.startswith(b"data: ALIVE")


# ------------------------------------------------------------------ static assets


async def asset_paths(client: httpx.AsyncClient) -> list[str]:
    html = (await client.get("")).text
    paths = re.findall(r"""["'](\./assets/[^"'?#]+)""", html)
    assert paths, "the page must reference its ./assets/ files"
    return paths


async def test_page_assets_are_served_with_brotli_and_gzip(client: httpx.AsyncClient) -> None:
    import brotli  # the test extra needs it; httpx only decodes br when it is installed

    path = (await asset_paths(client))[0]
    plain = await client.get(path, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200
    assert "content-encoding" not in plain.headers
    assert plain.content

    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        async with client.stream("GET", path, headers={"Accept-Encoding": encoding}) as response:
            assert response.status_code == 200
            assert response.headers.get("content-encoding") == encoding
            assert "accept-encoding" in response.headers.get("vary", "").lower()
            raw = b"".join([chunk async for chunk in response.aiter_raw()])
        assert decompress(raw) == plain.content, encoding


async def test_hashed_assets_are_cached_immutably(client: httpx.AsyncClient) -> None:
    hashed = [p for p in await asset_paths(client) if re.search(r"[-.][A-Za-z0-9_]{8,}\.", p)]
    assert hashed, "built assets carry a content hash in their names"
    response = await client.get(hashed[0])
    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]
