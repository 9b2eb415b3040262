"""Placing one built ``Blocks`` inside another: ``inner.render()`` or a nested ``with``.

The inner app's blocks take new ids in the parent (ids are per app), its events are
appended to the parent's with their targets, chains and cancels renumbered, and an
``api_name`` the parent already has gets a ``_1``, ``_2``… suffix, as Gradio names them.
The inner app's children are placed where it is rendered, without a wrapper block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gradiate.exceptions import ConfigError

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.components.base import BlockContext


def render_into(inner: Blocks, root: Blocks, parent: BlockContext) -> None:
    """Move ``inner``'s blocks and events into ``root``, its children under ``parent``.

    Raises:
        ConfigError: ``inner`` is being rendered into itself or was already rendered.
    """
    if inner is root:
        raise ConfigError("A gr.Blocks cannot be rendered inside itself.")
    if not inner.blocks and not inner.fns and not inner.children:
        return
    block_ids: dict[int, int] = {0: 0}  # 0 is the app itself (its load event)
    for block in list(inner.blocks.values()):
        old_id = block.id
        root.register_block(block)
        block_ids[old_id] = block.id
    fn_ids: dict[int, int] = {}
    moved = list(inner.fns.values())
    for block_fn in moved:
        old_id = block_fn.id
        block_fn.id = len(root.fns)
        fn_ids[old_id] = block_fn.id
        if block_fn.concurrency_id == str(old_id):
            block_fn.concurrency_id = str(block_fn.id)
        if block_fn.api_visibility != "private" or block_fn.api_name != "false":
            block_fn.api_name = root.unique_api_name(block_fn.api_name)
        block_fn.targets = [
            (None if target is None else block_ids.get(target, target), event)
            for target, event in block_fn.targets
        ]
        root.fns[block_fn.id] = block_fn
    for block_fn in moved:
        if block_fn.trigger_after is not None:
            block_fn.trigger_after = fn_ids.get(block_fn.trigger_after, block_fn.trigger_after)
        block_fn.cancels = [fn_ids.get(index, index) for index in block_fn.cancels]
    for child in inner.children:
        child.parent = parent
        parent.children.append(child)
    root.load_wired_blocks |= inner.load_wired_blocks  # the two are one app now
    inner.children = []
    inner.blocks = {}
    inner.fns = {}
