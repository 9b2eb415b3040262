"""``gr.JSON``: any JSON value, shown as a tree."""

from __future__ import annotations

from typing import Any

import orjson

from gradiate.components.base import Component
from gradiate.events import EventListener
from gradiate.unsupported import check_buttons, warn_unsupported


class JSON(Component):
    """A JSON value; the function receives and returns dicts, lists, numbers, text.

    Args:
        value: the initial value (a JSON string is parsed), or a page-load function.
        open: show the tree expanded.
        height: a fixed height (pixels or CSS length).
        show_indices: show list indices (ignored for now, with a warning).
        max_height: the tallest the tree grows (ignored for now, with a warning).
        min_height: the shortest the tree gets (ignored for now, with a warning).
        buttons: ``["copy"]`` or custom buttons (not supported yet).
        **kwargs: the common component options.
    """

    EVENTS = ("change",)
    change = EventListener("change")

    def __init__(
        self,
        value: Any = None,
        *,
        open: bool = False,  # Gradio's name
        height: int | str | None = None,
        show_indices: bool = False,
        max_height: int | str | None = 500,
        min_height: int | str | None = None,
        buttons: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        warn_unsupported(
            self, show_indices=show_indices, max_height=max_height, min_height=min_height
        )
        self.buttons = check_buttons(self, buttons)
        self.open = open
        self.height = height
        super().__init__(value, **kwargs)

    def postprocess(self, value: Any) -> Any:
        """Parse a JSON string; make numpy values and other objects JSON-safe."""
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return orjson.loads(value)
            except orjson.JSONDecodeError:
                return value
        return orjson.loads(orjson.dumps(value, default=str, option=orjson.OPT_SERIALIZE_NUMPY))

    def api_info(self) -> dict[str, Any]:
        """Any JSON value."""
        return {"type": {}, "description": "any valid json"}

    def example_payload(self) -> Any:
        """A small object."""
        return {"foo": "bar"}
