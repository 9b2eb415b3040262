"""Wiring that apps rely on, as in Gradio 6.31: updates, set inputs, injected parameters.

The expected wire shapes, values and warnings were measured by running the same apps
under Gradio 6.31.0.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError

pytestmark = pytest.mark.anyio

seen: dict[str, Any] = {}


def hide(text: str) -> Any:
    return gr.Textbox(visible=False)


def relabel_number(text: str) -> Any:
    return gr.Number(value=3.14159, label="L")


def update_number(text: str) -> Any:
    return gr.update(value=2.71828, visible=True)


def leave_alone(text: str) -> Any:
    return gr.update()


def takes_a_dict(values: dict[Any, Any]) -> dict[Any, str]:
    seen["set_inputs"] = sorted((type(k).__name__, repr(v)) for k, v in values.items())
    return {first: "A", second: "B"}


def returns_one_of_two(text: str) -> dict[Any, str]:
    return {second: "only B"}


def with_event_data(text: str, evt: gr.EventData) -> str:
    seen["event_data"] = (type(evt).__name__, evt.target, evt._data)
    return text


def with_select_data(evt: gr.SelectData) -> str:
    seen["select_data"] = (evt.index, evt.value, evt.selected, evt.row_value, evt.col_value)
    return "selected"


def with_request(request: gr.Request, text: str) -> str:
    client = request.client
    seen["request"] = {
        "x-test": request.headers["X-Test"],
        "client_host": client.host if client is not None else None,
        "query": dict(request.query_params),
        "session_hash": request.session_hash,
        "username": request.username,
        "path_params": request.path_params,
        "url": request.url,
    }
    return text


def three_params(a: str, b: str, c: str) -> str:
    seen["three_params"] = (a, b, c)
    return a


first: Any = None
second: Any = None


def build_demo() -> gr.Blocks:
    global first, second
    with gr.Blocks() as demo:
        text = gr.Textbox("hi")
        number = gr.Number(precision=2)
        first = gr.Textbox()
        second = gr.Textbox()
        radio = gr.Radio(["a", "b"])
        gr.Button("a").click(hide, text, first, api_name="hide")
        gr.Button("b").click(relabel_number, text, number, api_name="relabel_number")
        gr.Button("c").click(update_number, text, number, api_name="update_number")
        gr.Button("d").click(leave_alone, text, number, api_name="leave_alone")
        gr.Button("e").click(takes_a_dict, {text, number}, {first, second}, api_name="set_in")
        gr.Button("f").click(returns_one_of_two, {text}, {first, second}, api_name="one_of_two")
        gr.Button("g").click(with_event_data, text, first, api_name="event_data")
        radio.select(with_select_data, None, first, api_name="select")
        gr.Button("h").click(with_request, text, first, api_name="request")
        with pytest.warns(UserWarning, match=r"Expected 3 arguments for function three_params"):
            gr.Button("i").click(three_params, text, first, api_name="three_params")
    return demo


@pytest.fixture(scope="module")
def base_url(launch: Any) -> Iterator[str]:
    with launch(build_demo()) as url:
        yield url


@pytest.mark.parametrize(
    ("api_name", "expected"),
    [
        ("hide", {"visible": False, "__type__": "update"}),
        ("relabel_number", {"label": "L", "value": 3.14, "__type__": "update"}),
        ("update_number", {"value": 2.72, "visible": True, "__type__": "update"}),
        ("leave_alone", {"__type__": "update"}),
    ],
)
async def test_returned_components_and_updates_are_sent_as_updates(
    client: httpx.AsyncClient, wire: Any, api_name: str, expected: dict[str, Any]
) -> None:
    """Only the props passed are sent; ``value`` is postprocessed by the output (precision 2)."""
    assert await wire.predict(client, api_name, ["x"]) == [expected]


async def test_set_inputs_pass_one_dict_and_dict_results_fill_set_outputs(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    dependency = config["dependencies"][wire.fn_index(config, "set_in")]
    assert dependency["inputs"] == sorted(dependency["inputs"])
    assert await wire.predict(client, "set_in", ["x", 3]) == ["A", "B"]
    assert seen["set_inputs"] == [("Number", "3"), ("Textbox", "'x'")]


async def test_outputs_left_out_of_a_dict_result_are_left_alone(
    client: httpx.AsyncClient, wire: Any
) -> None:
    assert await wire.predict(client, "one_of_two", ["x"]) == [{"__type__": "update"}, "only B"]


async def test_event_data_is_injected_from_the_join_body(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    session = wire.new_session()
    response = await client.post(
        "gradio_api/queue/join",
        json={
            "data": ["x"],
            "fn_index": wire.fn_index(config, "event_data"),
            "session_hash": session,
            "event_data": {"foo": 1},
            "trigger_id": None,
        },
    )
    assert response.status_code == 200
    messages = await wire.session_messages(client, session)
    assert messages[-2]["output"]["data"] == ["x"]
    assert seen["event_data"] == ("EventData", None, {"foo": 1})
    dependency = config["dependencies"][wire.fn_index(config, "event_data")]
    assert dependency["collects_event_data"] is True
    assert dependency["inputs"] == [1]


async def test_select_data_exposes_index_value_and_selected(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    session = wire.new_session()
    radio_id = next(c["id"] for c in config["components"] if c["type"] == "radio")
    await client.post(
        "gradio_api/queue/join",
        json={
            "data": [],
            "fn_index": wire.fn_index(config, "select"),
            "session_hash": session,
            "event_data": {"index": 1, "value": "b", "selected": True},
            "trigger_id": radio_id,
        },
    )
    messages = await wire.session_messages(client, session)
    assert messages[-2]["output"]["data"] == ["selected"]
    assert seen["select_data"] == (1, "b", True, None, None)


async def test_request_is_injected_with_headers_client_and_query(
    client: httpx.AsyncClient, wire: Any, base_url: str
) -> None:
    config = await wire.config(client)
    session = wire.new_session()
    fn_index = wire.fn_index(config, "request")
    assert config["dependencies"][fn_index]["collects_event_data"] is False
    await client.post(
        "gradio_api/queue/join?x=1&y=2",
        json={"data": ["x"], "fn_index": fn_index, "session_hash": session},
        headers={"X-Test": "yes"},
    )
    messages = await wire.session_messages(client, session)
    assert messages[-2]["output"]["data"] == ["x"]
    assert seen["request"] == {
        "x-test": "yes",
        "client_host": "127.0.0.1",
        "query": {"x": "1", "y": "2"},
        "session_hash": session,
        "username": None,
        "path_params": {},
        "url": f"{base_url}gradio_api/queue/join?x=1&y=2",
    }


async def test_missing_parameters_get_none(client: httpx.AsyncClient, wire: Any) -> None:
    assert await wire.predict(client, "three_params", ["y"]) == ["y"]
    assert seen["three_params"] == ("y", None, None)


def test_more_parameters_than_inputs_warns_once_at_wiring() -> None:
    with gr.Blocks(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        box = gr.Textbox()
        gr.Button().click(three_params, box, box)
    assert [str(w.message) for w in caught] == [
        "Expected 3 arguments for function three_params(), received 1; b, c will be None. "
        "Add an input per parameter, or give b, c a default."
    ]
    assert caught[0].filename == __file__  # it points at the app's own `.click(...)` line


def test_fewer_parameters_than_inputs_fails_at_wiring() -> None:
    """Gradio only warns here and the event then fails; gradiate refuses when it is built."""
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Textbox()
        with pytest.raises(ConfigError, match=r"takes 0 input argument\(s\) but the event has 2"):
            gr.Button().click(lambda: 1, [a, b], a)
