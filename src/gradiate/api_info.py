"""The ``/gradio_api/info`` document: each public endpoint's parameters and returns.

It matches what Gradio 6.31 publishes for the same app, key for key, because
``gradio_client`` builds its ``predict`` signature and ``view_api()`` text from it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gradiate.components.base import Component
from gradiate.fn_params import PLAIN
from gradiate.python_types import schema_to_python_type

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.events import BlockFunction

_RESERVED_NAMES = frozenset({"api_name", "fn_index", "result_callbacks"})
"""Parameter names the clients use themselves; such a parameter is called ``param_<i>``."""

_SECTION_STARTS = ("Args:", "Parameters:", "Arguments:", "Returns:")


def get_api_info(blocks: Blocks, all_endpoints: bool = False) -> dict[str, Any]:
    """The API description ``gradio_client`` reads, keyed by ``/<api_name>``.

    Args:
        blocks: the app.
        all_endpoints: include ``api_visibility="undocumented"`` endpoints too.
    """
    named: dict[str, Any] = {}
    for block_fn in blocks.fns.values():
        if block_fn.fn is None or block_fn.api_visibility == "private":
            continue
        if block_fn.api_visibility != "public" and not all_endpoints:
            continue
        named["/" + block_fn.api_name] = endpoint_info(block_fn)
    return {"named_endpoints": named, "unnamed_endpoints": {}}


def endpoint_info(block_fn: BlockFunction) -> dict[str, Any]:
    """One endpoint's parameters (state inputs left out) and returns."""
    names = _input_parameter_names(block_fn)
    defaults_none = _parameters_defaulting_to_none(block_fn.fn)
    parameters = []
    for index, component in enumerate(block_fn.inputs):
        if component.skip_api:
            continue
        name = names[index] if index < len(names) else None
        if name is None or name in _RESERVED_NAMES:
            name = f"param_{index}"
        parameters.append(_parameter_info(component, name, name in defaults_none))
    returns = [
        _return_info(component)
        for component in block_fn.outputs
        if isinstance(component, Component) and not component.skip_api
    ]
    if block_fn.api_description is not None:
        description = block_fn.api_description
    else:
        description = function_description(block_fn.fn)
    return {
        "parameters": parameters,
        "returns": returns,
        "api_visibility": block_fn.api_visibility,
        "description": description,
    }


def function_description(fn: Callable[..., Any] | None) -> str:
    """The docstring's lines before its ``Args:``/``Returns:`` section, joined by spaces."""
    doc = inspect.getdoc(fn) if fn is not None else None
    lines: list[str] = []
    for line in (doc or "").strip().split("\n"):
        stripped = line.strip()
        if stripped.startswith(_SECTION_STARTS):
            break
        if stripped:
            lines.append(stripped)
    return " ".join(lines)


def _input_parameter_names(block_fn: BlockFunction) -> list[str | None]:
    plan = block_fn.plan or PLAIN
    names: list[str | None] = [
        slot.name
        for slot in plan.slots
        if slot.kind in ("input", "default", "missing") and not slot.is_keyword
    ]
    return names


def _parameters_defaulting_to_none(fn: Callable[..., Any] | None) -> set[str]:
    try:
        params = inspect.signature(fn).parameters.values()  # type: ignore[arg-type]  # None is caught below
    except (TypeError, ValueError):
        return set()
    return {param.name for param in params if param.default is None}


def _parameter_info(component: Component, name: str, defaults_to_none: bool) -> dict[str, Any]:
    schema = component.api_info_as_input()
    # As in Gradio: the component's initial value is the default; failing that, a
    # parameter declared `= None` makes the argument optional.
    if component.value is not None:
        has_default, default = True, component.value
    else:
        has_default, default = defaults_to_none, None
    return {
        "label": _label(component, "parameter"),
        "parameter_name": name,
        "parameter_has_default": has_default,
        "parameter_default": default,
        "type": schema,
        "python_type": {
            "type": schema_to_python_type(schema),
            "description": schema.get("additional_description", ""),
        },
        "component": _component_name(component),
        "example_input": component.example_payload(),
    }


def _return_info(component: Component) -> dict[str, Any]:
    schema = component.api_info_as_output()
    return {
        "label": _label(component, "value"),
        "type": schema,
        "python_type": {
            "type": schema_to_python_type(schema),
            "description": schema.get("description", ""),
        },
        "component": _component_name(component),
    }


def _label(component: Component, prefix: str) -> str:
    return component.label if component.label is not None else f"{prefix}_{component.id}"


def _component_name(component: Component) -> str:
    # Gradio capitalizes the config's lower-case type: "Checkboxgroup", "Json", "Html".
    return component.get_block_name().capitalize()
