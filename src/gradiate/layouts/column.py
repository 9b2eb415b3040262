"""``gr.Column``: blocks stacked vertically."""

from __future__ import annotations

from typing import Any, Literal

from gradiate.components.base import BlockContext
from gradiate.exceptions import ConfigError
from gradiate.unsupported import warn_unsupported


class Column(BlockContext):
    """Stacks the blocks created inside it; in a Row, ``scale`` sets its share of the width.

    Args:
        scale: relative width in a Row (an integer, 1 by default).
        min_width: minimum width in pixels before the Row wraps.
        variant: ``"default"``, ``"panel"`` or ``"compact"``.
        show_progress: show a progress overlay on the column (ignored for now, with a
            warning).
        **kwargs: ``visible``, ``elem_id``, ``elem_classes``, ``render``, ``key``.
    """

    def __init__(
        self,
        *,
        scale: int = 1,
        min_width: int = 320,
        variant: Literal["default", "panel", "compact"] = "default",
        show_progress: bool = False,
        **kwargs: Any,
    ) -> None:
        warn_unsupported(self, show_progress=show_progress)
        if variant not in ("default", "panel", "compact"):
            raise ConfigError(f"Column(variant={variant!r}): use 'default', 'panel' or 'compact'.")
        if scale < 0:
            raise ConfigError(f"Column(scale={scale}): scale must be 0 or more.")
        self.scale = scale
        self.min_width = min_width
        self.variant = variant
        super().__init__(**kwargs)
