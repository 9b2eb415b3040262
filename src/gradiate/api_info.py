"""The ``/gradio_api/info`` document: each public endpoint's parameters and returns."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from gradiate.components.base import Component
from gradiate.python_types import schema_to_python_type

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.events import BlockFunction

_NO_DEFAULT = inspect.Parameter.empty


def get_api_info(blocks: Blocks) -> dict[str, Any]:
    """The API description ``gradio_client`` reads, keyed by ``/<api_name>``."""
    named: dict[str, Any] = {}
    for block_fn in blocks.fns.values():
        if block_fn.fn is None or block_fn.api_visibility == "private":
            continue
        named["/" + block_fn.api_name] = endpoint_info(block_fn)
    return {"named_endpoints": named, "unnamed_endpoints": {}}


def endpoint_info(block_fn: BlockFunction) -> dict[str, Any]:
    """One endpoint's parameters (state inputs left out) and returns."""
    signature_params = _signature_params(block_fn)
    parameters = []
    for index, component in enumerate(block_fn.inputs):
        if component.skip_api:
            continue
        param = signature_params[index] if index < len(signature_params) else None
        parameters.append(_parameter_info(component, param, index))
    returns = [
        {
            "label": _label(component, "value"),
            "type": component.api_info_as_output(),
            "python_type": _python_type(component.api_info_as_output()),
            "component": type(component).__name__,
        }
        for component in block_fn.outputs
        if isinstance(component, Component) and not component.skip_api
    ]
    return {
        "parameters": parameters,
        "returns": returns,
        "api_visibility": block_fn.api_visibility,
        "show_api": block_fn.api_visibility == "public",
        "description": block_fn.api_description or "",
    }


def _signature_params(block_fn: BlockFunction) -> list[inspect.Parameter]:
    try:
        params = inspect.signature(block_fn.fn).parameters.values()  # type: ignore[arg-type]  # fn checked by caller
    except (TypeError, ValueError):
        return []
    return [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _parameter_info(
    component: Component, param: inspect.Parameter | None, index: int
) -> dict[str, Any]:
    schema = component.api_info_as_input()
    if param is not None and param.default is not _NO_DEFAULT:
        has_default, default = True, param.default
    elif component.value is not None:
        has_default, default = True, component.value
    else:
        has_default, default = False, None
    return {
        "label": _label(component, "parameter"),
        "parameter_name": param.name if param is not None else f"param_{index}",
        "parameter_has_default": has_default,
        "parameter_default": default,
        "type": schema,
        "python_type": _python_type(schema),
        "component": type(component).__name__,
        "example_input": component.example_payload(),
    }


def _label(component: Component, prefix: str) -> str:
    return component.label or f"{prefix}_{component.id}"


def _python_type(schema: dict[str, Any]) -> dict[str, str]:
    return {
        "type": schema_to_python_type(schema),
        "description": str(schema.get("additional_description", "")),
    }
