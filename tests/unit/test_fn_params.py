"""Which parameters take inputs and which gradiate injects (``gradiate.fn_params``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError
from gradiate.fn_params import build_arguments, call_plan, fit_to_inputs

if TYPE_CHECKING:
    from gradiate.events import SelectData


def event_first(request: gr.Request, text: str, evt: gr.EventData) -> str:
    return text


def unresolvable(text: str, evt: SelectData, request: gr.Request) -> str:
    return text


def with_progress(text: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008  # Gradio's idiom
    return text


def test_string_annotations_are_resolved_and_do_not_count_as_inputs() -> None:
    plan = call_plan(event_first)
    assert [slot.kind for slot in plan.slots] == ["request", "input", "event_data"]
    assert plan.collects_event_data
    assert plan.needs_request


def test_annotation_that_cannot_be_resolved_falls_back_to_its_name() -> None:
    plan = fit_to_inputs(call_plan(unresolvable), unresolvable, 1)
    assert [(slot.kind, slot.event_data_class) for slot in plan.slots] == [
        ("input", None),
        ("event_data", gr.SelectData),
        ("request", None),
    ]


def test_injected_values_take_their_parameter_positions() -> None:
    plan = call_plan(event_first)
    args, kwargs = build_arguments(plan, ["x"], lambda slot: slot.kind)
    assert (args, kwargs) == (["request", "x", "event_data"], {})


def test_progress_default_is_injected_not_an_input() -> None:
    plan = fit_to_inputs(call_plan(with_progress), with_progress, 1)
    args, _ = build_arguments(plan, ["x"], lambda slot: slot.kind)
    assert args == ["x", "progress"]


@pytest.mark.parametrize("input_count", [2, 3])
def test_more_inputs_than_parameters_is_a_config_error(input_count: int) -> None:
    with pytest.raises(ConfigError, match=rf"event_first\(\) takes 1 input .* has {input_count}"):
        fit_to_inputs(call_plan(event_first), event_first, input_count)


@pytest.mark.parametrize(
    ("event_class", "data", "expected"),
    [
        (gr.SelectData, {"index": 1, "value": "b"}, {"index": 1, "value": "b", "selected": True}),
        (
            gr.KeyUpData,
            {"key": "Enter", "input_value": "ab"},
            {"key": "Enter", "input_value": "ab"},
        ),
        (gr.CopyData, {"value": "copied"}, {"value": "copied"}),
    ],
)
def test_event_data_subclasses_read_gradios_fields(
    event_class: type[gr.EventData], data: dict[str, object], expected: dict[str, object]
) -> None:
    """Field names as in Gradio 6.31's SelectData, KeyUpData and CopyData."""
    event = event_class(None, data)
    assert {name: getattr(event, name) for name in expected} == expected
    assert event._data == data
