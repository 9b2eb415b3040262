"""``gr.HTML``: an HTML fragment, sanitised in the browser."""

from __future__ import annotations

from typing import Any

from gradiate.components.base import Component
from gradiate.events import EventListener


class HTML(Component):
    """HTML shown in the page; scripts, event handlers and unsafe URLs are removed.

    Args:
        value: the HTML, or a function called at page load.
        **kwargs: the common component options.
    """

    EVENTS = ("change", "click")
    change = EventListener("change")
    click = EventListener("click")

    def __init__(self, value: str | Any = "", **kwargs: Any) -> None:
        kwargs.setdefault("show_label", False)
        super().__init__(value, **kwargs)

    def postprocess(self, value: Any) -> str | None:
        """The HTML as a string."""
        return None if value is None else str(value)

    def api_info(self) -> dict[str, Any]:
        """A string."""
        return {"type": "string"}

    def example_payload(self) -> str:
        """A paragraph."""
        return "<p>Hello</p>"
