"""``gr.Form``: the box that groups neighbouring inputs (added automatically)."""

from __future__ import annotations

from typing import Any

from gradiate.components.base import BlockContext


class Form(BlockContext):
    """Groups adjacent input components in one box; gradiate inserts it as Gradio does.

    Args:
        scale: relative width in a Row.
        min_width: minimum width in pixels.
        **kwargs: ``visible``, ``elem_id``, ``elem_classes``, ``render``, ``key``.
    """

    def __init__(self, *, scale: int = 0, min_width: int = 0, **kwargs: Any) -> None:
        self.scale = scale
        self.min_width = min_width
        super().__init__(**kwargs)
