"""``Interface(stop_btn=…)``: a Stop button for generator functions, wired as Gradio wires it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError


def stream(text: str) -> Iterator[str]:
    yield text


async def astream(text: str) -> AsyncIterator[str]:
    yield text


def _buttons(demo: gr.Interface) -> dict[str, dict[str, Any]]:
    config = demo.get_config()
    return {
        c["props"]["value"]: {"id": c["id"], **c["props"]}
        for c in config["components"]
        if c["type"] == "button"
    }


@pytest.mark.parametrize("fn", [stream, astream])
def test_a_generator_gets_a_hidden_stop_button_that_cancels_its_run(fn: Any) -> None:
    demo = gr.Interface(fn, "text", "text")
    buttons = _buttons(demo)
    assert buttons["Stop"]["variant"] == "stop"
    assert buttons["Stop"]["visible"] is False
    deps = demo.get_config()["dependencies"]
    run = next(dep for dep in deps if dep["api_name"] == fn.__name__)
    stop_click = next(dep for dep in deps if dep["targets"] == [[buttons["Stop"]["id"], "click"]])
    assert stop_click["cancels"] == [run["id"]]
    swaps = [
        dep for dep in deps if dep["outputs"] == [buttons["Submit"]["id"], buttons["Stop"]["id"]]
    ]
    assert len(swaps) == 3  # Submit → Stop before the run; back after it, and on Stop
    assert all(dep["js"] and not dep["backend_fn"] for dep in swaps)


def test_the_stop_button_takes_its_text_and_false_leaves_it_out() -> None:
    assert "Halt" in _buttons(gr.Interface(stream, "text", "text", stop_btn="Halt"))
    assert "Stop" not in _buttons(gr.Interface(stream, "text", "text", stop_btn=False))


def test_a_plain_function_gets_no_stop_button() -> None:
    assert "Stop" not in _buttons(gr.Interface(lambda text: text, "text", "text"))


@pytest.mark.parametrize("fn", [stream, str.upper])
def test_a_stop_btn_that_is_not_text_is_refused(fn: Any) -> None:
    with pytest.raises(ConfigError, match=r"stop_btn=3\): use the button's text or False"):
        gr.Interface(fn, "text", "text", stop_btn=3)  # type: ignore[arg-type]  # the bad input under test
