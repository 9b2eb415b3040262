"""``gr.Form``: the box that groups neighbouring inputs (added automatically)."""

from __future__ import annotations

from typing import Any

from gradiate.components.base import BlockContext


class Form(BlockContext):
    """Groups adjacent input components in one box; gradiate inserts it as Gradio does.

    In a Row the Form sits beside the Row's other children and lays its inputs side by
    side, so its width share is theirs together: ``scale`` and ``min_width`` become the
    sums of its children's (a child's ``scale=None`` counts as 1), as in Gradio's config.
    Elsewhere both stay 0.

    Args:
        scale: relative width in a Row.
        min_width: minimum width in pixels.
        **kwargs: ``visible``, ``elem_id``, ``elem_classes``, ``render``, ``key``.
    """

    def __init__(self, *, scale: int = 0, min_width: int = 0, **kwargs: Any) -> None:
        self.scale = scale
        self.min_width = min_width
        super().__init__(**kwargs)

    def get_props(self) -> dict[str, Any]:
        """The Form's props, with its width share summed from its children in a Row."""
        from gradiate.layouts.row import Row

        props = super().get_props()
        if isinstance(self.parent, Row):
            scales = [getattr(child, "scale", None) for child in self.children]
            min_widths = [getattr(child, "min_width", None) for child in self.children]
            props["scale"] = self.scale + sum(1 if s is None else s for s in scales)
            props["min_width"] = self.min_width + sum(w or 0 for w in min_widths)
        return props
