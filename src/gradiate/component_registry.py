"""The one list of gradiate's block types: Python class, front-end folder, first paint.

Each entry ties a class to the rest of the stack by its name:

- its config ``type`` is the class name in lower case (``Block.get_block_name``), which the
  front end looks up: ``frontend/src/runtime/registry.ts`` finds every
  ``frontend/src/components/<ClassName>/Index.svelte`` by glob and keys it the same way
  (layouts are ``frontend/src/layouts/<ClassName>.svelte``, bundled with the runtime);
- ``first_paint`` names the renderer in ``server/first_paint.py`` that draws it in the page
  before the runtime mounts (``"block"``: an empty labelled box; ``"hidden"``: nothing);
- Gradio's string shortcut (``"textbox"`` in ``gr.Interface(fn, "textbox", …)``) is the type.

Adding a component takes its module in ``components/``, its folder in
``frontend/src/components/``, and one line in ``COMPONENTS`` below; ``tests/unit/
test_component_registry.py`` checks that every public block type is listed, has its front-end
folder, and paints. This module holds names only, so importing it costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from gradiate.components.base import Block


class Registered(NamedTuple):
    """One block type: where its class lives and how the first paint draws it."""

    class_name: str
    """The Python class, and the name of its front-end folder (``Index.svelte`` inside)."""
    module: str
    """The module that defines the class, e.g. ``"gradiate.components.textbox"``."""
    first_paint: str
    """The first-paint renderer's name in ``gradiate.server.first_paint``."""

    @property
    def type(self) -> str:
        """The block's ``type`` in the config: the class name in lower case."""
        return self.class_name.lower()

    def load(self) -> type[Block]:
        """Import and return the class."""
        cls: type[Block] = getattr(importlib.import_module(self.module), self.class_name)
        return cls


_C = "gradiate.components."
COMPONENTS: tuple[Registered, ...] = (
    Registered("Textbox", _C + "textbox", first_paint="textbox"),
    Registered("Number", _C + "number", first_paint="number"),
    Registered("Slider", _C + "slider", first_paint="slider"),
    Registered("Checkbox", _C + "checkbox", first_paint="checkbox"),
    Registered("CheckboxGroup", _C + "checkbox_group", first_paint="checkboxgroup"),
    Registered("Radio", _C + "radio", first_paint="radio"),
    Registered("Dropdown", _C + "dropdown", first_paint="dropdown"),
    Registered("Button", _C + "button", first_paint="button"),
    Registered("ClearButton", _C + "clear_button", first_paint="clearbutton"),
    Registered("Markdown", _C + "markdown", first_paint="markdown"),
    Registered("HTML", _C + "html", first_paint="html"),
    Registered("JSON", _C + "json_component", first_paint="json"),
    Registered("Label", _C + "label", first_paint="label"),
    Registered("State", _C + "state", first_paint="hidden"),
)
"""The components, each with a lazily loaded folder in ``frontend/src/components/``."""

LAYOUTS: tuple[Registered, ...] = (
    Registered("Row", "gradiate.layouts.row", first_paint="layout"),
    Registered("Column", "gradiate.layouts.column", first_paint="layout"),
    Registered("Form", "gradiate.layouts.form", first_paint="layout"),
)
"""The layouts, each a ``frontend/src/layouts/<Name>.svelte`` bundled with the runtime."""

_BY_TYPE: dict[str, Registered] = {entry.type: entry for entry in (*COMPONENTS, *LAYOUTS)}


def registered(type_name: str) -> Registered | None:
    """The entry for config type ``type_name`` (``"textbox"``), or None when unknown."""
    return _BY_TYPE.get(type_name)


def first_paint_renderer(type_name: str) -> str:
    """The first-paint renderer for ``type_name``; ``"block"`` for types not listed here."""
    entry = _BY_TYPE.get(type_name)
    return "block" if entry is None else entry.first_paint
