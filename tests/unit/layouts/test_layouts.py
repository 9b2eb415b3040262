"""Row, Column and Form: their props in the config, as Gradio 6.31 sends them."""

from __future__ import annotations

from typing import Any

import pytest

import gradiate as gr
from gradiate.engine.payloads import postprocess_outputs
from gradiate.exceptions import ConfigError, PayloadError
from gradiate.server.first_paint import render_first_paint


def _props(demo: gr.Blocks, block_type: str) -> list[dict[str, Any]]:
    return [c["props"] for c in demo.get_config()["components"] if c["type"] == block_type]


def test_a_form_in_a_row_sums_its_inputs_scale_and_min_width_as_gradio_does():
    with gr.Blocks() as demo:
        with gr.Row():
            gr.Textbox(scale=2)
            gr.Number()
            gr.Button()
        with gr.Column():
            gr.Textbox()
    forms = _props(demo, "form")
    assert [(form["scale"], form["min_width"]) for form in forms] == [(3, 320), (0, 0)]


@pytest.mark.parametrize("layout", [gr.Row, gr.Column])
def test_an_unknown_variant_is_refused_with_the_choices(layout: Any):
    with pytest.raises(ConfigError, match=r"variant='boxed'\): use 'default', 'panel' or"):
        layout(variant="boxed")


def test_row_heights_and_hidden_layouts_reach_the_first_paint():
    with gr.Blocks() as demo:
        with gr.Row(height=200, max_height="50vh"):
            gr.Button("Shown")
        with gr.Column(visible="hidden"):  # Gradio also takes "hidden"
            gr.Button("Kept out")
    html = render_first_paint(demo.get_config())
    assert 'class="fp-row" style="height:200px;max-height:50vh;overflow-y:auto"' in html
    assert "Shown" in html
    assert "Kept out" not in html


def test_a_layout_output_takes_updates_and_refuses_plain_values():
    with gr.Blocks() as demo:
        with gr.Column() as column:
            gr.Markdown("inside")
        button = gr.Button()
        event = button.click(lambda: gr.update(visible=False), None, column)
    block_fn = event.block_fn
    session: dict[int, object] = {}
    payloads, _ = postprocess_outputs(block_fn, [gr.update(visible=False)], session)
    assert payloads == [{"__type__": "update", "visible": False}]
    with pytest.raises(PayloadError, match=r"Column \(id=1\), a layout; return gr.update"):
        postprocess_outputs(block_fn, ["text"], session)
    assert demo.get_config()["dependencies"][0]["outputs"] == [column.id]
