"""``gr.update()`` and ``gr.skip()``: change a component's props from a function."""

from __future__ import annotations

from typing import Any, Literal


def update(
    elem_id: str | None = None,
    elem_classes: list[str] | str | None = None,
    visible: bool | Literal["hidden"] | None = None,
    **props: Any,
) -> dict[str, Any]:
    """Return a change to an output's props (and ``value``) instead of a new value.

    Example: ``return gr.update(visible=False)`` hides the output;
    ``gr.update(value="x", label="New")`` sets both. ``elem_id``, ``elem_classes`` and
    ``visible`` are Gradio's positional ones; left as ``None`` they are not changed.
    """
    named = {"elem_id": elem_id, "elem_classes": elem_classes, "visible": visible}
    return {**props, **{k: v for k, v in named.items() if v is not None}, "__type__": "update"}


def skip() -> dict[str, Any]:
    """Return this for an output to leave it as it is."""
    return {"__type__": "update"}


def is_update(value: object) -> bool:
    """Whether ``value`` came from ``gr.update()`` or ``gr.skip()``."""
    return isinstance(value, dict) and value.get("__type__") == "update"  # type: ignore[union-attr]  # narrowed by isinstance
