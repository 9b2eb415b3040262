import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError


def test_choices_are_sent_as_display_value_pairs():
    radio = gr.Radio(["a", ("Bee", "b")])
    assert radio.get_props()["choices"] == [("a", "a"), ("Bee", "b")]


def test_radio_checks_membership_and_can_return_index():
    radio = gr.Radio(["a", "b"], type="index", label="pick")
    assert radio.preprocess("b") == 1
    with pytest.raises(ValueError, match="not one of the choices"):
        radio.preprocess("z")


def test_dropdown_defaults_to_first_choice_and_handles_multiselect():
    assert gr.Dropdown(["x", "y"]).value == "x"
    multi = gr.Dropdown(["x", "y"], multiselect=True, max_choices=1)
    assert multi.postprocess("x") == ["x"]
    with pytest.raises(ValueError, match="at most 1"):
        multi.preprocess(["x", "y"])
    assert multi.api_info() == {"type": "array", "items": {"type": "string", "enum": ["x", "y"]}}


def test_dropdown_custom_values_allowed_only_when_asked():
    assert gr.Dropdown(["x"], allow_custom_value=True).preprocess("other") == "other"
    with pytest.raises(ValueError, match="not one of the choices"):
        gr.Dropdown(["x"]).preprocess("other")


def test_checkbox_group_returns_ticked_values():
    group = gr.CheckboxGroup(["a", "b", "c"])
    assert group.preprocess(["a", "c"]) == ["a", "c"]
    assert group.postprocess("a") == ["a"]
    with pytest.raises(TypeError):
        group.preprocess("a")


def test_bad_choice_type_fails_at_construction():
    with pytest.raises(ConfigError, match="'value' or 'index'"):
        gr.Radio(["a"], type="label")  # type: ignore[arg-type]
