"""What functions receive and what clients get back, as in Gradio 6.31.

Every expected value here was measured by running the same app under Gradio 6.31.0 and
recording what the function received and what came back over ``queue/join`` +
``queue/data`` and through ``gradio_client``.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

import gradiate as gr

pytestmark = pytest.mark.anyio

received: dict[str, str] = {}
"""``repr`` of what each endpoint's function last received."""


def recorder(name: str) -> Any:
    def record(value: Any) -> Any:
        received[name] = repr(value)
        return value

    record.__name__ = name
    return record


def sync_error(text: str) -> str:
    raise gr.Error("sync boom")


async def async_error(text: str) -> str:
    raise gr.Error("async boom")


def sync_generator_error(text: str) -> Iterator[str]:
    yield "first"
    raise gr.Error("generator boom")


async def async_generator_error(text: str) -> AsyncIterator[str]:
    yield "first"
    raise gr.Error("async generator boom")


async def task_group_error(text: str) -> str:
    async def fail() -> None:
        raise gr.Error("task group boom")

    async with anyio.create_task_group() as task_group:
        task_group.start_soon(fail)
    return text


NUMBERS = {
    "number_plain": lambda: gr.Number(value=8),
    "number_precision_0": lambda: gr.Number(value=8, precision=0),
    "number_precision_2": lambda: gr.Number(value=8.456, precision=2),
    "slider_int_step": lambda: gr.Slider(1, 30, value=12, step=1),
    "slider_float_step": lambda: gr.Slider(0, 1, value=0.5, step=0.1),
    "slider_step_zero": lambda: gr.Slider(0, 10, value=3, step=0),
    "slider_step_negative": lambda: gr.Slider(0, 10, value=4, step=-1),
}


def build_demo() -> gr.Blocks:
    with gr.Blocks() as demo:
        out = gr.JSON()
        for name, make in NUMBERS.items():
            gr.Button(name).click(recorder(name), make(), out, api_name=name)
        text = gr.Textbox("hi")
        shown = gr.Textbox()
        errors = (
            sync_error, async_error, sync_generator_error, async_generator_error,
            task_group_error,
        )  # fmt: skip
        for fn in errors:
            gr.Button(fn.__name__).click(fn, text, shown, api_name=fn.__name__)
    return demo


@pytest.fixture(scope="module")
def base_url(launch: Any) -> Iterator[str]:
    with launch(build_demo()) as url:
        yield url


@pytest.fixture(scope="module")
def python_client(base_url: str) -> Iterator[Client]:
    client = Client(base_url, verbose=False)
    with contextlib.closing(client):
        yield client


async def config_value(client: httpx.AsyncClient, wire: Any, api_name: str) -> Any:
    config = await wire.config(client)
    dependency = config["dependencies"][wire.fn_index(config, api_name)]
    (input_id,) = dependency["inputs"]
    (component,) = [c for c in config["components"] if c["id"] == input_id]
    return component["props"]["value"]


@pytest.mark.parametrize(
    ("api_name", "expected"),
    [
        ("number_plain", "8"),
        ("number_precision_0", "8"),
        ("number_precision_2", "8.46"),
        ("slider_int_step", "12"),
        ("slider_float_step", "0.5"),
        ("slider_step_zero", "3"),
        ("slider_step_negative", "4"),
    ],
)
async def test_untouched_number_reaches_the_function_with_gradios_type(
    client: httpx.AsyncClient, wire: Any, api_name: str, expected: str
) -> None:
    """The page sends the config's value; Gradio gives ``range(n)``-able ints for ints."""
    value = await config_value(client, wire, api_name)
    data = await wire.predict(client, api_name, [value])
    assert received[api_name] == expected
    assert repr(data[0]) == expected


@pytest.mark.parametrize(
    ("api_name", "step"), [("slider_step_zero", 0), ("slider_step_negative", -1)]
)
async def test_sliders_take_steps_gradio_takes(
    client: httpx.AsyncClient, wire: Any, api_name: str, step: int
) -> None:
    """Gradio 6.31 builds these sliders and sends their step unchanged."""
    config = await wire.config(client)
    (input_id,) = config["dependencies"][wire.fn_index(config, api_name)]["inputs"]
    (component,) = [c for c in config["components"] if c["id"] == input_id]
    assert component["props"]["step"] == step


@pytest.mark.parametrize(
    ("api_name", "payload", "expected"),
    [
        ("number_plain", 2.5, "2.5"),
        ("number_plain", 7.0, "7.0"),
        ("number_precision_0", 2.5, "2"),
        ("number_precision_0", 7.0, "7"),
        ("number_precision_2", 3, "3"),
        ("number_precision_2", 7.0, "7.0"),
        ("slider_int_step", 3, "3"),
        ("slider_int_step", 2.5, "2.5"),
        ("slider_float_step", 0, "0"),
    ],
)
async def test_browser_numbers_reach_the_function_as_gradio(
    client: httpx.AsyncClient, wire: Any, api_name: str, payload: float, expected: str
) -> None:
    await wire.predict(client, api_name, [payload])
    assert received[api_name] == expected


@pytest.mark.parametrize(
    ("api_name", "payload", "expected"),
    [
        ("number_plain", 0, "0"),
        ("number_plain", 2.5, "2.5"),
        ("number_precision_0", 2.5, "2"),
        ("slider_int_step", 12, "12"),
        ("slider_float_step", 0, "0"),
    ],
)
def test_gradio_client_numbers_reach_the_function_as_gradio(
    python_client: Client, api_name: str, payload: float, expected: str
) -> None:
    result = python_client.predict(payload, api_name=f"/{api_name}")
    assert received[api_name] == expected
    assert repr(result) == expected


@pytest.mark.parametrize(
    ("api_name", "payload", "message"),
    [
        ("slider_int_step", 0, "Value 0 is less than minimum value 1."),
        ("slider_int_step", 50, "Value 50 is greater than maximum value 30."),
        ("slider_float_step", 2.5, "Value 2.5 is greater than maximum value 1."),
    ],
)
async def test_out_of_range_slider_value_is_gradios_user_error(
    client: httpx.AsyncClient, wire: Any, api_name: str, payload: float, message: str
) -> None:
    messages = await wire.run(client, api_name, [payload])
    assert messages[-2]["output"] == {
        "error": message,
        "duration": 10,
        "visible": True,
        "title": "Error",
    }


ERRORS = [
    ("sync_error", "sync boom", False),
    ("async_error", "async boom", False),
    ("sync_generator_error", "generator boom", True),
    ("async_generator_error", "async generator boom", True),
    ("task_group_error", "task group boom", False),
]


@pytest.mark.parametrize(("api_name", "message", "is_generator"), ERRORS)
async def test_gr_error_message_reaches_the_queue_client(
    client: httpx.AsyncClient, wire: Any, api_name: str, message: str, is_generator: bool
) -> None:
    messages = await wire.run(client, api_name, ["x"])
    outputs = [
        m["output"] for m in messages if m["msg"] in ("process_generating", "process_completed")
    ]
    failed = {"error": message, "duration": 10, "visible": True, "title": "Error"}
    if is_generator:
        assert outputs[-2]["data"] == ["first"]
    assert outputs[-1] == failed


@pytest.mark.parametrize(("api_name", "message", "is_generator"), ERRORS)
def test_gr_error_message_reaches_gradio_client(
    python_client: Client, api_name: str, message: str, is_generator: bool
) -> None:
    with pytest.raises(AppError) as caught:
        python_client.predict("x", api_name=f"/{api_name}")
    assert str(caught.value) == message
