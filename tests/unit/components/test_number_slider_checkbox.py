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


def test_number_enforces_its_range():
    with pytest.raises(ValueError, match="minimum"):
        gr.Number(minimum=0).preprocess(-1)


def test_slider_defaults_to_minimum_and_checks_range():
    slider = gr.Slider(1, 10, step=1, label="n")
    assert slider.value == 1
    assert slider.preprocess(3) == 3
    with pytest.raises(ValueError, match="outside the range 1 to 10"):
        slider.preprocess(11)


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
