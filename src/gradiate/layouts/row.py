"""``gr.Row``: blocks side by side."""

from __future__ import annotations

from typing import Any, Literal

from gradiate.components.base import BlockContext
from gradiate.unsupported import warn_unsupported


class Row(BlockContext):
    """Places the blocks created inside it side by side; they wrap on narrow screens.

    Args:
        variant: ``"default"``, ``"panel"`` or ``"compact"``.
        equal_height: make every child as tall as the tallest.
        scale: relative width when inside another Row.
        height: the row's height (pixels or CSS length).
        max_height: the tallest the row grows (ignored for now, with a warning).
        min_height: the shortest the row gets (ignored for now, with a warning).
        show_progress: show a progress overlay on the row (ignored for now, with a warning).
        **kwargs: ``visible``, ``elem_id``, ``elem_classes``, ``render``, ``key``.
    """

    def __init__(
        self,
        *,
        variant: Literal["default", "panel", "compact"] = "default",
        equal_height: bool = False,
        scale: int | None = None,
        height: int | str | None = None,
        max_height: int | str | None = None,
        min_height: int | str | None = None,
        show_progress: bool = False,
        **kwargs: Any,
    ) -> None:
        warn_unsupported(
            self, max_height=max_height, min_height=min_height, show_progress=show_progress
        )
        self.variant = variant
        self.equal_height = equal_height
        self.scale = scale
        self.height = height
        super().__init__(**kwargs)
