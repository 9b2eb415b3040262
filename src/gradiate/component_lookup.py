"""Turn Gradio's string shortcuts (``"text"``, ``"number"``…) into components."""

from __future__ import annotations

import importlib
from typing import Any

from gradiate.components.base import Component
from gradiate.exceptions import ConfigError

_SHORTCUTS: dict[str, tuple[str, str]] = {
    "text": ("gradiate.components.textbox", "Textbox"),
    "textbox": ("gradiate.components.textbox", "Textbox"),
    "textarea": ("gradiate.components.textbox", "Textbox"),
    "number": ("gradiate.components.number", "Number"),
    "slider": ("gradiate.components.slider", "Slider"),
    "checkbox": ("gradiate.components.checkbox", "Checkbox"),
    "checkboxgroup": ("gradiate.components.checkbox_group", "CheckboxGroup"),
    "radio": ("gradiate.components.radio", "Radio"),
    "dropdown": ("gradiate.components.dropdown", "Dropdown"),
    "markdown": ("gradiate.components.markdown", "Markdown"),
    "html": ("gradiate.components.html", "HTML"),
    "json": ("gradiate.components.json_component", "JSON"),
    "label": ("gradiate.components.label", "Label"),
    "state": ("gradiate.components.state", "State"),
}


def component_from(spec: Component | str, render: bool = False) -> Component:
    """Return ``spec`` itself, or a new component for a shortcut string such as ``"text"``."""
    if isinstance(spec, Component):
        return spec
    if isinstance(spec, str):
        key = spec.lower().replace("_", "")
        if key in _SHORTCUTS:
            module_name, class_name = _SHORTCUTS[key]
            cls = getattr(importlib.import_module(module_name), class_name)
            kwargs: dict[str, Any] = {"render": render}
            if key == "textarea":
                kwargs["lines"] = 7
            component: Component = cls(**kwargs)
            return component
    known = ", ".join(repr(name) for name in sorted(_SHORTCUTS))
    raise ConfigError(
        f"{spec!r} is not a component; pass a component such as gr.Textbox() or one of "
        f"the shortcuts {known}."
    )
