"""Converting an event's wire data to function arguments, and results back to payloads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from gradiate.components.base import Block, Component
from gradiate.exceptions import Error, PayloadError
from gradiate.fn_params import PLAIN, Slot, build_arguments
from gradiate.updates import is_update

if TYPE_CHECKING:
    from gradiate.events import BlockFunction
    from gradiate.request import RequestInfo


def is_state(component: Block) -> bool:
    """Whether ``component`` is a ``gr.State`` (its value lives in the session)."""
    return component.get_block_name() == "state"


def prepare_inputs(block_fn: BlockFunction, data: list[Any], state: dict[int, Any]) -> list[Any]:
    """The input values: state from the session, other inputs preprocessed.

    Inputs given as a set become one ``{component: value}`` dict, as Gradio passes them.

    Raises:
        PayloadError: wrong number of values, or a value a component cannot take.
    """
    inputs = block_fn.inputs
    if len(data) != len(inputs):
        data = _fill_state_slots(block_fn, data)
    args: list[Any] = []
    for component, payload in zip(inputs, data, strict=True):
        if is_state(component):
            if component.id not in state:
                state[component.id] = component.initial_payload()
            args.append(state[component.id])
        elif block_fn.preprocess:
            try:
                args.append(component.preprocess(payload))
            except Error:
                raise
            except (TypeError, ValueError, KeyError) as exc:
                name = component.label or type(component).__name__
                raise PayloadError(f"Invalid value for '{name}': {exc}") from exc
        else:
            args.append(payload)
    if block_fn.inputs_as_dict:
        return [dict(zip(inputs, args, strict=True))]
    return args


def _fill_state_slots(block_fn: BlockFunction, data: list[Any]) -> list[Any]:
    """Accept data that leaves out State inputs (as the REST API allows)."""
    visible = [component for component in block_fn.inputs if not is_state(component)]
    if len(data) != len(visible):
        names = ", ".join(repr(c.label or type(c).__name__) for c in visible)
        raise PayloadError(
            f"Expected {len(visible)} input value(s) ({names}) for "
            f"'/{block_fn.api_name}', got {len(data)}."
        )
    values = iter(data)
    return [None if is_state(component) else next(values) for component in block_fn.inputs]


def split_result(block_fn: BlockFunction, result: Any) -> list[Any]:
    """One value per output from what the function returned.

    Raises:
        PayloadError: the function returned the wrong number of values.
    """
    outputs = block_fn.outputs
    if isinstance(result, Mapping) and result and all(isinstance(k, Block) for k in result):
        return [result.get(component, {"__type__": "update"}) for component in outputs]
    if len(outputs) == 0:
        return []
    if len(outputs) == 1:
        return [result]
    if not isinstance(result, (tuple, list)) or len(result) != len(outputs):
        got = len(result) if isinstance(result, (tuple, list)) else 1
        raise PayloadError(
            f"{_fn_name(block_fn)} returned {got} value(s) but the event has "
            f"{len(outputs)} outputs; return a tuple with one value per output."
        )
    return list(result)


def postprocess_outputs(
    block_fn: BlockFunction, values: list[Any], state: dict[int, Any]
) -> tuple[list[Any], list[int]]:
    """Payloads for the outputs, and the ids of State outputs whose value changed."""
    payloads: list[Any] = []
    changed: list[int] = []
    for component, value in zip(block_fn.outputs, values, strict=True):
        if is_state(component):
            if not is_update(value):
                if state.get(component.id, _MISSING) is not value:
                    changed.append(component.id)
                state[component.id] = value
            payloads.append(None)
        elif isinstance(value, Block):  # `return gr.Textbox(visible=False)` is an update
            payloads.append(_postprocessed_update(component, value.constructor_update()))
        elif is_update(value):
            payloads.append(_postprocessed_update(component, value))
        elif not isinstance(component, Component):
            raise PayloadError(
                f"{_fn_name(block_fn)} returned {value!r} for {type(component).__name__} "
                f"(id={component.id}), a layout; return gr.update(visible=…) for a layout."
            )
        elif block_fn.postprocess:
            payloads.append(component.postprocess(value))
        else:
            payloads.append(value)
    return payloads, changed


_MISSING = object()


def _fn_name(block_fn: BlockFunction) -> str:
    return f"{getattr(block_fn.fn, '__name__', 'fn')}()"


def _postprocessed_update(component: Block, update: dict[str, Any]) -> dict[str, Any]:
    props = {key: value for key, value in update.items() if key != "__type__"}
    if "value" in props and isinstance(component, Component):
        props["value"] = component.postprocess(props["value"])
    return {**props, "__type__": "update"}


def call_arguments(
    block_fn: BlockFunction,
    values: list[Any],
    event_data: Any,
    target: Block | None,
    request: RequestInfo | None,
    session_hash: str,
) -> tuple[list[Any], dict[str, Any]]:
    """The function's positional and keyword arguments: inputs plus what gradiate injects."""
    plan = block_fn.plan or PLAIN
    if plan.is_plain:
        return values, {}

    def make(slot: Slot) -> Any:
        if slot.kind == "progress":
            from gradiate.progress import Progress

            return Progress()
        if slot.kind == "request":
            from gradiate.request import Request

            return Request(request, session_hash=session_hash)
        event_class = slot.event_data_class
        if event_class is None:
            return None
        return event_class(target, event_data)

    return build_arguments(plan, values, make)
