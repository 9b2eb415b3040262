"""``gr.Markdown``: formatted text."""

from __future__ import annotations

import inspect
from typing import Any

from gradiate.components.base import Component
from gradiate.events import EventListener


class Markdown(Component):
    """Markdown text, rendered in the browser without raw HTML.

    Args:
        value: the Markdown source, or a function called at page load.
        rtl: right-to-left text.
        sanitize_html: kept for Gradio compatibility; raw HTML is never rendered.
        line_breaks: turn single newlines into line breaks.
        header_links: add anchor links to headings.
        height: a fixed height (pixels or CSS length).
        **kwargs: the common component options.
    """

    EVENTS = ("change", "copy")
    change = EventListener("change")

    def __init__(
        self,
        value: str | Any = "",
        *,
        rtl: bool = False,
        sanitize_html: bool = True,
        line_breaks: bool = False,
        header_links: bool = False,
        height: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.rtl = rtl
        self.sanitize_html = sanitize_html
        self.line_breaks = line_breaks
        self.header_links = header_links
        self.height = height
        kwargs.setdefault("show_label", False)
        super().__init__(value, **kwargs)

    def postprocess(self, value: Any) -> str | None:
        """The source with common indentation removed (as in a triple-quoted string)."""
        return None if value is None else inspect.cleandoc(str(value))

    def api_info(self) -> dict[str, Any]:
        """A string."""
        return {"type": "string"}

    def example_payload(self) -> str:
        """A heading."""
        return "# Hello!"
