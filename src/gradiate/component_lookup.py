"""Turn Gradio's string shortcuts (``"text"``, ``"number"``…) into components."""

from __future__ import annotations

from typing import Any

from gradiate.component_registry import COMPONENTS
from gradiate.components.base import Component
from gradiate.exceptions import ConfigError

# Every registered component's type is a shortcut ("checkboxgroup"); these are Gradio's extra names.
_ALIASES: dict[str, tuple[str, dict[str, Any]]] = {
    "text": ("textbox", {}),
    "textarea": ("textbox", {"lines": 7}),
}
_BY_TYPE = {entry.type: entry for entry in COMPONENTS}


def component_from(spec: Component | str, render: bool = False) -> Component:
    """Return ``spec`` itself, or a new component for a shortcut string such as ``"text"``."""
    if isinstance(spec, Component):
        return spec
    if isinstance(spec, str):
        key = spec.lower().replace("_", "")
        type_name, extra = _ALIASES.get(key, (key, {}))
        entry = _BY_TYPE.get(type_name)
        if entry is not None:
            cls = entry.load()
            component = cls(render=render, **extra)
            if isinstance(component, Component):
                return component
    known = ", ".join(repr(name) for name in sorted([*_BY_TYPE, *_ALIASES]))
    raise ConfigError(
        f"{spec!r} is not a component; pass a component such as gr.Textbox() or one of "
        f"the shortcuts {known}."
    )
