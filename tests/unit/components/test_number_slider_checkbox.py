import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError


def test_number_rounds_to_precision_and_gives_int_for_zero():
    assert gr.Number(precision=0).preprocess(2.6) == 3
    assert isinstance(gr.Number(precision=0).preprocess(2.6), int)
    assert gr.Number(precision=2).postprocess(1.23456) == 1.23


@pytest.mark.parametrize("bad", ["abc", [1], {"a": 1}, True, "nan"])
def test_number_rejects_non_numbers(bad):
    with pytest.raises(TypeError, match="number"):
        gr.Number(label="Age").preprocess(bad)


def test_number_enforces_its_range_with_gradios_user_facing_error():
    """Message measured against Gradio 6.31 (a gr.Error the user sees)."""
    with pytest.raises(gr.Error, match=r"Value -1 is less than minimum value 0."):
        gr.Number(minimum=0).preprocess(-1)
    with pytest.raises(gr.Error, match=r"Value 11 is greater than maximum value 10."):
        gr.Number(maximum=10).preprocess(11)


@pytest.mark.parametrize(
    ("precision", "payload", "expected"),
    [
        (None, 8, 8),
        (None, 7.0, 7.0),
        (None, 2.5, 2.5),
        (0, 2.5, 2),
        (0, 7.0, 7),
        (2, 3, 3),
        (2, 8.456, 8.46),
        (2, 7.0, 7.0),
    ],
)
def test_number_keeps_int_and_float_as_gradio(precision, payload, expected):
    """What the function receives, measured against Gradio 6.31."""
    got = gr.Number(precision=precision).preprocess(payload)
    assert (got, type(got)) == (expected, type(expected))


def test_slider_defaults_to_minimum_and_checks_range():
    slider = gr.Slider(1, 10, step=1, label="n")
    assert slider.value == 1
    assert repr(slider.preprocess(3)) == "3"
    with pytest.raises(gr.Error, match=r"Value 11 is greater than maximum value 10."):
        slider.preprocess(11)


@pytest.mark.parametrize(
    ("kwargs", "step"),
    [
        ({"step": 0}, 0),
        ({"step": -1}, -1),
        ({"minimum": 0, "maximum": 1, "step": 2}, 2),
        ({"step": 0.25}, 0.25),
        ({"minimum": 0, "maximum": 50}, 0.1),
        ({"minimum": 0, "maximum": 1}, 0.01),
        ({"minimum": 0, "maximum": 1000}, 10),
        ({"minimum": 0, "maximum": 7}, 0.01),
        ({"minimum": 0, "maximum": 100}, 1),
    ],
)
def test_slider_accepts_every_step_gradio_accepts(kwargs, step):
    """Steps and default steps measured against Gradio 6.31."""
    assert gr.Slider(**kwargs).step == step


def test_slider_with_inverted_range_fails_at_construction():
    with pytest.raises(ConfigError, match="minimum must not exceed maximum"):
        gr.Slider(10, 1)


def test_slider_api_info_describes_range():
    assert gr.Slider(1, 10).api_info()["description"] == "numeric value between 1 and 10"


def test_checkbox_requires_a_boolean():
    box = gr.Checkbox()
    assert box.value is False
    assert box.preprocess(True) is True
    with pytest.raises(TypeError):
        box.preprocess("yes")
