"""Components returned from a function, and ``gr.update()``, as Gradio's update dicts."""

from __future__ import annotations

import gradiate as gr
from gradiate.updates import skip


def test_a_component_carries_only_the_props_its_caller_passed() -> None:
    assert gr.Textbox(visible=False).constructor_update() == {
        "visible": False,
        "__type__": "update",
    }


def test_positional_arguments_are_named() -> None:
    assert gr.Slider(1, 30, value=5).constructor_update() == {
        "minimum": 1,
        "maximum": 30,
        "value": 5,
        "__type__": "update",
    }


def test_options_passed_through_kwargs_are_kept() -> None:
    update = gr.Number(value=3.14159, label="L", precision=2).constructor_update()
    assert update == {"value": 3.14159, "label": "L", "precision": 2, "__type__": "update"}


def test_render_and_key_are_not_props_and_a_load_function_is_not_a_value() -> None:
    update = gr.Textbox(lambda: "x", render=False, key="k").constructor_update()
    assert update == {"__type__": "update"}


def test_update_puts_the_marker_last_as_gradio() -> None:
    assert list(gr.update(value=1, visible=True)) == ["value", "visible", "__type__"]
    assert skip() == {"__type__": "update"}  # gr.skip: an update that changes nothing
