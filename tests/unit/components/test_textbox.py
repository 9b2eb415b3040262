import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError


def test_textbox_passes_text_through_both_ways():
    box = gr.Textbox()
    assert box.preprocess("hi") == "hi"
    assert box.postprocess(42) == "42"
    assert box.postprocess(None) is None


def test_textbox_rejects_non_text_payload():
    with pytest.raises(TypeError, match="expected text"):
        gr.Textbox().preprocess(["a"])


def test_textbox_with_zero_lines_fails_at_construction_with_the_fix():
    with pytest.raises(ConfigError, match="lines=1"):
        gr.Textbox(lines=0)


def test_textbox_config_has_value_only_when_set():
    assert "value" not in gr.Textbox().get_props()
    props = gr.Textbox("x", label="Name", lines=3, placeholder="p").get_props()
    assert props["value"] == "x"
    assert props["label"] == "Name"
    assert props["lines"] == 3
    assert props["placeholder"] == "p"
    assert props["name"] == "textbox"


def test_textbox_api_info_is_a_string_schema():
    box = gr.Textbox()
    assert box.api_info() == {"type": "string"}
    assert box.cleared_value() == ""
