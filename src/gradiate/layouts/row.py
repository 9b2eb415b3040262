"""``gr.Row``: blocks side by side."""

from __future__ import annotations

from typing import Any, Literal

from gradiate.components.base import BlockContext


class Row(BlockContext):
    """Places the blocks created inside it side by side; they wrap on narrow screens.

    Args:
        variant: ``"default"``, ``"panel"`` or ``"compact"``.
        equal_height: make every child as tall as the tallest.
        scale: relative width when inside another Row.
        **kwargs: ``visible``, ``elem_id``, ``elem_classes``, ``render``, ``key``.
    """

    def __init__(
        self,
        *,
        variant: Literal["default", "panel", "compact"] = "default",
        equal_height: bool = False,
        scale: int | None = None,
        height: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.variant = variant
        self.equal_height = equal_height
        self.scale = scale
        self.height = height
        super().__init__(**kwargs)
