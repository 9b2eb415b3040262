"""gradiate: turn any Python function or model into a web app, Gradio-compatible.

``import gradiate as gr`` is cheap: every public name below is resolved on first use
(PEP 562), so neither numpy, PIL, Starlette nor any component module is imported until
the app needs it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_LAZY: dict[str, tuple[str, str]] = {
    "Blocks": ("gradiate.blocks", "Blocks"),
    "Interface": ("gradiate.interface", "Interface"),
    "on": ("gradiate.events", "on"),
    "Dependency": ("gradiate.events", "Dependency"),
    "EventData": ("gradiate.events", "EventData"),
    "SelectData": ("gradiate.events", "SelectData"),
    "KeyUpData": ("gradiate.events", "KeyUpData"),
    "CopyData": ("gradiate.events", "CopyData"),
    "Request": ("gradiate.request", "Request"),
    "Error": ("gradiate.exceptions", "Error"),
    "Warning": ("gradiate.feedback", "Warning"),
    "Info": ("gradiate.feedback", "Info"),
    "Success": ("gradiate.feedback", "Success"),
    "Progress": ("gradiate.progress", "Progress"),
    "update": ("gradiate.updates", "update"),
    "skip": ("gradiate.updates", "skip"),
    "non_idempotent": ("gradiate.retries", "non_idempotent"),
    "Textbox": ("gradiate.components.textbox", "Textbox"),
    "Text": ("gradiate.components.textbox", "Textbox"),
    "Number": ("gradiate.components.number", "Number"),
    "Slider": ("gradiate.components.slider", "Slider"),
    "Checkbox": ("gradiate.components.checkbox", "Checkbox"),
    "CheckboxGroup": ("gradiate.components.checkbox_group", "CheckboxGroup"),
    "Radio": ("gradiate.components.radio", "Radio"),
    "Dropdown": ("gradiate.components.dropdown", "Dropdown"),
    "Button": ("gradiate.components.button", "Button"),
    "ClearButton": ("gradiate.components.clear_button", "ClearButton"),
    "Markdown": ("gradiate.components.markdown", "Markdown"),
    "HTML": ("gradiate.components.html", "HTML"),
    "JSON": ("gradiate.components.json_component", "JSON"),
    "Label": ("gradiate.components.label", "Label"),
    "State": ("gradiate.components.state", "State"),
    "Row": ("gradiate.layouts.row", "Row"),
    "Column": ("gradiate.layouts.column", "Column"),
    "Form": ("gradiate.layouts.form", "Form"),
    "set_static_paths": ("gradiate.data.static_paths", "set_static_paths"),
}

__all__ = [
    "HTML",
    "JSON",
    "Blocks",
    "Button",
    "Checkbox",
    "CheckboxGroup",
    "ClearButton",
    "Column",
    "CopyData",
    "Dependency",
    "Dropdown",
    "Error",
    "EventData",
    "Form",
    "Info",
    "Interface",
    "KeyUpData",
    "Label",
    "Markdown",
    "Number",
    "Progress",
    "Radio",
    "Request",
    "Row",
    "SelectData",
    "Slider",
    "State",
    "Success",
    "Text",
    "Textbox",
    "Warning",
    "non_idempotent",
    "on",
    "set_static_paths",
    "skip",
    "update",
]

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.components.button import Button
    from gradiate.components.checkbox import Checkbox
    from gradiate.components.checkbox_group import CheckboxGroup
    from gradiate.components.clear_button import ClearButton
    from gradiate.components.dropdown import Dropdown
    from gradiate.components.html import HTML
    from gradiate.components.json_component import JSON
    from gradiate.components.label import Label
    from gradiate.components.markdown import Markdown
    from gradiate.components.number import Number
    from gradiate.components.radio import Radio
    from gradiate.components.slider import Slider
    from gradiate.components.state import State
    from gradiate.components.textbox import Textbox
    from gradiate.components.textbox import Textbox as Text
    from gradiate.data.static_paths import set_static_paths
    from gradiate.events import CopyData, Dependency, EventData, KeyUpData, SelectData, on
    from gradiate.exceptions import Error
    from gradiate.feedback import Info, Success, Warning
    from gradiate.interface import Interface
    from gradiate.layouts.column import Column
    from gradiate.layouts.form import Form
    from gradiate.layouts.row import Row
    from gradiate.progress import Progress
    from gradiate.request import Request
    from gradiate.retries import non_idempotent
    from gradiate.updates import skip, update


def __getattr__(name: str) -> object:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise _missing(name) from None
    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def _missing(name: str) -> AttributeError:
    """The error for a name gradiate lacks: planned when Gradio has it, unknown otherwise."""
    from gradiate.gradio_names import GRADIO_NAMES

    if name in GRADIO_NAMES:
        return AttributeError(
            f"gradiate does not implement gr.{name} yet; see the table in README.md "
            "(Gradio names) for what is planned"
        )
    return AttributeError(f"module 'gradiate' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
