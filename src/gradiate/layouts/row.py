"""``gr.Row``: blocks side by side."""

from __future__ import annotations

from typing import Any, Literal

from gradiate.components.base import BlockContext
from gradiate.exceptions import ConfigError
from gradiate.unsupported import warn_unsupported


class Row(BlockContext):
    """Places the blocks created inside it side by side; they wrap on narrow screens.

    Each child takes a share of the width by its ``scale`` (1 when unset) and never
    shrinks below its ``min_width`` (160 px when unset), so a row wraps when its
    children no longer fit, as Gradio's does.

    Args:
        variant: ``"default"``, ``"panel"`` or ``"compact"``.
        scale: relative width when inside another Row.
        height: the row's height (pixels, or a CSS size such as ``"50vh"``); it scrolls.
        max_height: the most the row grows to (pixels or a CSS size); it scrolls beyond.
        min_height: the least height of the row (pixels or a CSS size).
        equal_height: make every child as tall as the tallest.
        show_progress: accepted for Gradio compatibility.
        preserved_by_key: accepted for Gradio compatibility.
        **kwargs: ``visible``, ``elem_id``, ``elem_classes``, ``render``, ``key``.
    """

    def __init__(
        self,
        *,
        variant: Literal["default", "panel", "compact"] = "default",
        scale: int | None = None,
        height: int | str | None = None,
        max_height: int | str | None = None,
        min_height: int | str | None = None,
        equal_height: bool = False,
        show_progress: bool = False,
        preserved_by_key: list[str] | str | None = None,
        **kwargs: Any,
    ) -> None:
        warn_unsupported(self, show_progress=show_progress)
        if variant not in ("default", "panel", "compact"):
            raise ConfigError(f"Row(variant={variant!r}): use 'default', 'panel' or 'compact'.")
        self.variant = variant
        self.equal_height = equal_height
        self.scale = scale
        self.height = height
        self.max_height = max_height
        self.min_height = min_height
        self.show_progress = show_progress
        self.preserved_by_key = (
            [preserved_by_key] if isinstance(preserved_by_key, str) else preserved_by_key or []
        )
        super().__init__(**kwargs)
