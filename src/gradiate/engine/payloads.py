"""Converting an event's wire data to function arguments, and results back to payloads."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gradiate.components.base import Block, Component
from gradiate.exceptions import PayloadError
from gradiate.updates import is_update

if TYPE_CHECKING:
    from gradiate.engine.interfaces import SessionRecord
    from gradiate.events import BlockFunction


def is_state(component: Block) -> bool:
    """Whether ``component`` is a ``gr.State`` (its value lives in the session)."""
    return component.get_block_name() == "state"


def prepare_inputs(block_fn: BlockFunction, data: list[Any], session: SessionRecord) -> list[Any]:
    """The function's arguments: state from the session, other inputs preprocessed.

    Raises:
        PayloadError: wrong number of values, or a value a component cannot take.
    """
    inputs = block_fn.inputs
    if len(data) != len(inputs):
        data = _fill_state_slots(block_fn, data)
    args: list[Any] = []
    for component, payload in zip(inputs, data, strict=True):
        if is_state(component):
            if component.id not in session.state:
                session.state[component.id] = component.initial_payload()
            args.append(session.state[component.id])
        elif block_fn.preprocess:
            try:
                args.append(component.preprocess(payload))
            except (TypeError, ValueError, KeyError) as exc:
                name = component.label or type(component).__name__
                raise PayloadError(f"Invalid value for '{name}': {exc}") from exc
        else:
            args.append(payload)
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
    if isinstance(result, Mapping) and result and all(isinstance(k, Component) for k in result):
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
    block_fn: BlockFunction, values: list[Any], session: SessionRecord
) -> tuple[list[Any], list[int]]:
    """Payloads for the outputs, and the ids of State outputs whose value changed."""
    payloads: list[Any] = []
    changed: list[int] = []
    for component, value in zip(block_fn.outputs, values, strict=True):
        if is_state(component):
            if not is_update(value):
                if session.state.get(component.id, _MISSING) is not value:
                    changed.append(component.id)
                session.state[component.id] = value
            payloads.append(None)
        elif is_update(value):
            update = dict(value)
            if "value" in update and isinstance(component, Component):
                update["value"] = component.postprocess(update["value"])
            payloads.append(update)
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


@lru_cache(maxsize=4096)
def _progress_params(block_fn: BlockFunction) -> tuple[tuple[int, str], ...]:
    from gradiate.progress import Progress

    try:
        params = inspect.signature(block_fn.fn).parameters.values()  # type: ignore[arg-type]  # fn is set
    except (TypeError, ValueError):
        return ()
    return tuple(
        (index, param.name)
        for index, param in enumerate(params)
        if isinstance(param.default, Progress)
    )


def injected_kwargs(block_fn: BlockFunction, input_count: int) -> dict[str, Any]:
    """Keyword arguments gradiate fills in itself: ``gr.Progress`` trackers."""
    from gradiate.progress import Progress

    return {name: Progress() for index, name in _progress_params(block_fn) if index >= input_count}
