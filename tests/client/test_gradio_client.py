"""The unmodified ``gradio_client`` 2.7 talks to a live gradiate server."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from gradio_client.utils import Status

import gradiate as gr

GENERIC_ERROR_START = "The upstream Gradio app has raised an exception"


@contextlib.contextmanager
def connect(url: str) -> Iterator[Client]:
    client = Client(url, verbose=False)
    try:
        yield client
    finally:
        client.close()


# ------------------------------------------------------------------ the Interface


def greet(name: str, intensity: int) -> str:
    return "Hello, " + name + "!" * int(intensity)


@pytest.fixture(scope="module")
def greet_client(launch: Any) -> Iterator[Client]:
    demo = gr.Interface(greet, ["text", gr.Slider(1, 10, step=1)], "text")
    with launch(demo) as url, connect(url) as client:
        yield client


def test_predict_positional_arguments(greet_client: Client) -> None:
    assert greet_client.predict("Ada", 3, api_name="/greet") == "Hello, Ada!!!"


def test_predict_keyword_arguments(greet_client: Client) -> None:
    assert greet_client.predict(name="Ada", intensity=2, api_name="/greet") == "Hello, Ada!!"


def test_predict_without_api_name_uses_the_only_endpoint(greet_client: Client) -> None:
    assert greet_client.predict("Bo", 1) == "Hello, Bo!"


def test_view_api_lists_greet_with_parameter_names_and_types(greet_client: Client) -> None:
    api = greet_client.view_api(print_info=False, return_format="dict")
    assert isinstance(api, dict)
    endpoint = api["named_endpoints"]["/greet"]
    parameters = endpoint["parameters"]
    assert [p["parameter_name"] for p in parameters] == ["name", "intensity"]
    assert parameters[0]["python_type"]["type"] == "str"
    assert parameters[1]["python_type"]["type"] in ("float", "int", "number")
    assert parameters[1]["component"] == "Slider"
    assert [r["python_type"]["type"] for r in endpoint["returns"]] == ["str"]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((), {"intensity": 2}), (("Ada",), {"nickname": "x"})],
    ids=["no-args", "missing-name", "unknown-keyword"],
)
def test_predict_with_bad_arguments_raises_before_sending(
    greet_client: Client, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    with pytest.raises((TypeError, ValueError)):
        greet_client.predict(*args, api_name="/greet", **kwargs)
    assert greet_client.predict("Ok", 1, api_name="/greet") == "Hello, Ok!"


# ------------------------------------------------------------ Blocks: State, generators, errors


def add_and_count(text: str, count: int | None) -> tuple[str, int]:
    count = (count or 0) + 1
    return f"{text} #{count}", count


def spell(word: str) -> Iterator[str]:
    for end in range(1, len(word) + 1):
        time.sleep(0.05)
        yield word[:end]


def bad_input(text: str) -> str:
    raise gr.Error("bad input")


def crash(text: str) -> str:
    raise ValueError("internal detail 93b2")


def split_words(text: str) -> tuple[str, str]:
    first, _, rest = text.partition(" ")
    return first, rest


async def shout(text: str) -> str:
    await asyncio.sleep(0.01)
    return text.upper()


def hidden_lower(text: str) -> str:
    return text.lower()


def build_blocks() -> Any:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        out = gr.Textbox(label="Out")
        out2 = gr.Textbox(label="Out 2")
        counter = gr.State(0)
        gr.Button("Count").click(add_and_count, [text, counter], [out, counter], api_name="count")
        gr.Button("Spell").click(spell, text, out, api_name="gen")
        gr.Button("Bad").click(bad_input, text, out, api_name="bad")
        gr.Button("Crash").click(crash, text, out, api_name="crash")
        gr.Button("Split").click(split_words, text, [out, out2], api_name="split")
        gr.Button("Shout").click(shout, text, out, api_name="shout")
        gr.Button("Hidden").click(hidden_lower, text, out, api_name=False)
    return demo


@pytest.fixture(scope="module")
def blocks_url(launch: Any) -> Iterator[str]:
    with launch(build_blocks()) as url:
        yield url


@pytest.fixture(scope="module")
def blocks_client(blocks_url: str) -> Iterator[Client]:
    with connect(blocks_url) as client:
        yield client


def test_state_counts_calls_within_one_client_session(blocks_url: str) -> None:
    with connect(blocks_url) as first, connect(blocks_url) as second:
        assert first.predict("a", api_name="/count") == "a #1"
        assert first.predict("b", api_name="/count") == "b #2"
        assert second.predict("c", api_name="/count") == "c #1"
        assert first.predict("d", api_name="/count") == "d #3"


def test_view_api_omits_state_input_and_hidden_endpoint(blocks_client: Client) -> None:
    api = blocks_client.view_api(print_info=False, return_format="dict")
    assert isinstance(api, dict)
    named = api["named_endpoints"]
    assert [p["parameter_name"] for p in named["/count"]["parameters"]] == ["text"]
    assert {"/count", "/gen", "/bad", "/crash", "/split", "/shout"} <= set(named)
    assert not any("hidden" in name or "false" in name for name in named)
    assert api["unnamed_endpoints"] == {}


def test_endpoint_with_api_name_false_cannot_be_called(blocks_client: Client) -> None:
    with pytest.raises(ValueError, match="Cannot find a function"):
        blocks_client.predict("X", api_name="/hidden_lower")


def test_generator_submit_streams_every_yield(blocks_client: Client) -> None:
    job = blocks_client.submit("hey", api_name="/gen")
    streamed = list(job)
    assert streamed == ["h", "he", "hey"]
    assert job.result(timeout=10) == "hey"
    assert job.status().code == Status.FINISHED
    assert job.outputs() == ["h", "he", "hey"]


def test_gr_error_reaches_client_as_app_error_with_its_message(blocks_client: Client) -> None:
    with pytest.raises(AppError) as caught:
        blocks_client.predict("x", api_name="/bad")
    assert caught.value.message == "bad input"
    assert str(caught.value) == "bad input"


def test_other_exception_is_hidden_without_show_error(blocks_client: Client) -> None:
    with pytest.raises(AppError) as caught:
        blocks_client.predict("x", api_name="/crash")
    assert caught.value.message.startswith(GENERIC_ERROR_START)
    assert "93b2" not in str(caught.value)


def test_multiple_outputs_come_back_as_a_tuple(blocks_client: Client) -> None:
    assert blocks_client.predict("hello big world", api_name="/split") == ("hello", "big world")


def test_async_user_function(blocks_client: Client) -> None:
    assert blocks_client.predict("quiet", api_name="/shout") == "QUIET"


@pytest.fixture(scope="module")
def show_error_client(launch: Any) -> Iterator[Client]:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        gr.Button().click(crash, text, text, api_name="crash")
    with launch(demo, show_error=True) as url, connect(url) as client:
        yield client


def test_other_exception_message_is_shown_with_show_error(show_error_client: Client) -> None:
    with pytest.raises(AppError) as caught:
        show_error_client.predict("x", api_name="/crash")
    assert "internal detail 93b2" in caught.value.message


# ------------------------------------------------------------------ concurrency and cancel


RUNS: list[tuple[str, float, float]] = []
"""(input, start, end) of each run of the slow functions, as the server saw them."""


def slow(text: str) -> str:
    start = time.perf_counter()
    time.sleep(0.3)
    RUNS.append((text, start, time.perf_counter()))
    return text


def slow_too(text: str) -> str:
    # A separate function: Gradio groups concurrency by function identity by default.
    return slow(text)


STEPS: list[int] = []
REACHED_END: list[bool] = []


def long_generator(text: str) -> Iterator[str]:
    for step in range(30):
        STEPS.append(step)
        yield f"{text} {step}"
        time.sleep(0.1)
    REACHED_END.append(True)


@pytest.fixture(scope="module")
def concurrency_url(launch: Any) -> Iterator[str]:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        gr.Button().click(slow, text, text, api_name="one_at_a_time")
        gr.Button().click(slow_too, text, text, api_name="two_at_a_time", concurrency_limit=2)
        gr.Button().click(long_generator, text, text, api_name="long")
    with launch(demo) as url:
        yield url


@pytest.mark.parametrize(
    ("api_name", "runs_in_parallel"), [("/one_at_a_time", False), ("/two_at_a_time", True)]
)
def test_concurrency_limit_bounds_simultaneous_runs(
    concurrency_url: str, api_name: str, runs_in_parallel: bool
) -> None:
    RUNS.clear()
    with connect(concurrency_url) as first, connect(concurrency_url) as second:
        start = time.perf_counter()
        jobs = [first.submit("a", api_name=api_name), second.submit("b", api_name=api_name)]
        assert [job.result(timeout=10) for job in jobs] == ["a", "b"]
        elapsed = time.perf_counter() - start
    (_, _, first_end), (_, second_start, _) = sorted(RUNS, key=lambda run: run[1])
    if runs_in_parallel:
        # Measured where the server ran them: wall time on a loaded CI box is too noisy.
        assert second_start < first_end, RUNS
    else:
        assert second_start >= first_end, RUNS
        assert elapsed >= 0.6, elapsed


def test_cancel_stops_a_running_generator(concurrency_url: str) -> None:
    STEPS.clear()
    REACHED_END.clear()
    with connect(concurrency_url) as client:
        job = client.submit("tick", api_name="/long")
        deadline = time.monotonic() + 10
        while not job.outputs() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert job.outputs(), "the generator should have yielded before we cancel"
        assert job.cancel() is True
        time.sleep(0.5)
        steps_after_cancel = len(STEPS)
        time.sleep(0.5)
    assert len(STEPS) == steps_after_cancel, "the server kept stepping the generator"
    assert steps_after_cancel < 30
    assert REACHED_END == []
    # The endpoint is free again for the next caller.
    STEPS.clear()
    with connect(concurrency_url) as client:
        job = client.submit("again", api_name="/long")
        deadline = time.monotonic() + 10
        while not job.outputs() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert job.outputs()[0] == "again 0"
        job.cancel()


def test_many_sequential_predicts_on_one_client_keep_working(blocks_client: Client) -> None:
    results = [blocks_client.predict(f"w{i}", api_name="/shout") for i in range(20)]
    assert results == [f"W{i}" for i in range(20)]


def test_clients_in_threads_get_their_own_results(blocks_url: str) -> None:
    results: dict[int, str] = {}

    def call(index: int) -> None:
        with connect(blocks_url) as client:
            results[index] = client.predict(f"t{index}", api_name="/shout")

    threads = [threading.Thread(target=call, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert results == {i: f"T{i}" for i in range(4)}
