"""Which Blocks and which layout block are being built right now.

``with gr.Blocks():`` and ``with gr.Row():`` push themselves here so that a component
created inside them knows where it belongs. Context variables keep two apps built in two
threads apart.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.components.base import BlockContext

current_root: ContextVar[Blocks | None] = ContextVar("gradiate_current_root", default=None)
"""The Blocks whose ``with`` body is running, if any."""

current_parent: ContextVar[BlockContext | None] = ContextVar(
    "gradiate_current_parent", default=None
)
"""The innermost layout block (Row, Column, Blocks…) whose ``with`` body is running."""
