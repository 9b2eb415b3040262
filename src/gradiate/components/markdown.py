"""``gr.Markdown``: formatted text."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any, Literal

from gradiate.components.base import Component
from gradiate.events import EventListener
from gradiate.exceptions import ConfigError
from gradiate.unsupported import check_buttons, refuse_unsupported

DEFAULT_LATEX_DELIMITERS: list[dict[str, str | bool]] = [
    {"left": "$$", "right": "$$", "display": True}
]
"""Gradio's default for ``latex_delimiters``: only ``$$…$$``, shown as a display block."""


def check_latex_delimiters(
    owner: str, delimiters: Sequence[dict[str, str | bool]] | None
) -> list[dict[str, str | bool]]:
    """Validate ``latex_delimiters``; ``None`` gives Gradio's default list.

    Raises:
        ConfigError: when an entry is not ``{"left": str, "right": str, "display": bool}``.
    """
    if delimiters is None:
        return [dict(item) for item in DEFAULT_LATEX_DELIMITERS]
    checked: list[dict[str, str | bool]] = []
    for item in delimiters:
        left = item.get("left") if isinstance(item, dict) else None
        right = item.get("right") if isinstance(item, dict) else None
        display = item.get("display", False) if isinstance(item, dict) else None
        if not (isinstance(left, str) and left and isinstance(right, str) and right):
            raise ConfigError(
                f"{owner}(latex_delimiters=[..., {item!r}, ...]): each entry needs non-empty "
                "'left' and 'right' strings, e.g. {'left': '$', 'right': '$', 'display': False}."
            )
        if not isinstance(display, bool):
            raise ConfigError(
                f"{owner}(latex_delimiters=[..., {item!r}, ...]): 'display' must be True or False."
            )
        checked.append({"left": left, "right": right, "display": display})
    return checked


class Markdown(Component):
    """Markdown text (CommonMark + GFM), rendered in the browser.

    Raw HTML in the text is sanitised (DOMPurify, allow-listed elements and attributes)
    unless ``sanitize_html=False``. Math between ``latex_delimiters`` is typeset with KaTeX
    and fenced code is highlighted; both load only when a document uses them.

    Args:
        value: the Markdown source, or a function called at page load.
        label: the component's name (shown in a container, used by screen readers).
        every: not supported yet (raises ``ConfigError`` when set).
        inputs: not supported yet (raises ``ConfigError`` when set).
        show_label: whether the label is shown (default ``False``).
        scale: relative width in a Row.
        min_width: minimum width in pixels.
        rtl: right-to-left text.
        latex_delimiters: ``[{"left", "right", "display"}]`` pairs that enclose LaTeX;
            ``None`` gives Gradio's default (``$$…$$`` only); ``[]`` turns math off.
        visible: whether the component is shown.
        elem_id: an HTML id, for custom CSS.
        elem_classes: HTML classes, for custom CSS.
        render: place it in the enclosing Blocks now.
        key: identifies it across re-renders.
        preserved_by_key: props kept across a re-render with the same key.
        sanitize_html: sanitise raw HTML in the text; ``False`` trusts it (the app's own).
        line_breaks: turn single newlines into line breaks.
        header_links: give headings an id and an anchor link.
        height: a fixed height (pixels or CSS length); longer text scrolls.
        max_height: the most height before the text scrolls.
        min_height: the least height.
        buttons: ``["copy"]`` shows a button that copies the Markdown source.
        container: whether it sits in a padded box.
        padding: whether the text gets the block's padding.
    """

    EVENTS = ("change", "copy")
    change = EventListener("change")
    copy = EventListener("copy")

    def __init__(
        self,
        value: str | Callable[..., Any] | None = None,
        *,
        label: str | None = None,
        every: float | None = None,
        inputs: Component | Sequence[Component] | set[Component] | None = None,
        show_label: bool | None = None,
        scale: int | None = None,
        min_width: int | None = None,
        rtl: bool = False,
        latex_delimiters: list[dict[str, str | bool]] | None = None,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        preserved_by_key: list[str] | str | None = "value",
        sanitize_html: bool = True,
        line_breaks: bool = False,
        header_links: bool = False,
        height: int | str | None = None,
        max_height: int | str | None = None,
        min_height: int | str | None = None,
        buttons: list[Literal["copy"]] | None = None,
        container: bool = False,
        padding: bool = False,
    ) -> None:
        refuse_unsupported(self, every=every, inputs=inputs)
        self.rtl = rtl
        self.latex_delimiters = check_latex_delimiters("Markdown", latex_delimiters)
        self.sanitize_html = sanitize_html
        self.line_breaks = line_breaks
        self.header_links = header_links
        self.height = height
        self.max_height = max_height
        self.min_height = min_height
        self.buttons = None if buttons is None else check_buttons(self, buttons, ("copy",))
        self.padding = padding
        super().__init__(
            value,
            label=label,
            show_label=False if show_label is None else show_label,
            container=container,
            scale=scale,
            min_width=160 if min_width is None else min_width,
            # "hidden": in the DOM, not shown, no space taken — what visible=False does here.
            visible=visible is True,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def postprocess(self, value: Any) -> str | None:
        """The source with common indentation removed (as in a triple-quoted string)."""
        return None if value is None else inspect.cleandoc(str(value))

    def api_info(self) -> dict[str, Any]:
        """A string."""
        return {"type": "string"}

    def example_payload(self) -> str:
        """A heading."""
        return "# Hello!"

    def example_value(self) -> str:
        """A heading."""
        return "# Hello!"
