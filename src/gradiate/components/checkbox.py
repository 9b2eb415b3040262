"""``gr.Checkbox``: a yes/no choice."""

from __future__ import annotations

from typing import Any

from gradiate.components.base import FormComponent
from gradiate.events import EventListener
from gradiate.unsupported import check_buttons


class Checkbox(FormComponent):
    """A checkbox; the function receives ``bool``.

    Args:
        value: whether it starts checked, or a function called at page load.
        buttons: custom buttons on the component (not supported yet).
        **kwargs: the common component options (``label``, ``info``, ``interactive``…).
    """

    EVENTS = ("change", "input", "select")
    change = EventListener("change")
    input = EventListener("input")
    select = EventListener("select")

    def __init__(
        self, value: bool | Any = False, *, buttons: list[Any] | None = None, **kwargs: Any
    ) -> None:
        self.buttons = check_buttons(self, buttons)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: Any) -> bool | None:
        """Return the checked state."""
        if payload is None:
            return None
        if not isinstance(payload, bool):
            raise TypeError(f"expected true or false, got {type(payload).__name__}: {payload!r}")
        return payload

    def postprocess(self, value: Any) -> bool:
        """Show ``bool(value)``."""
        return bool(value)

    def api_info(self) -> dict[str, Any]:
        """A boolean."""
        return {"type": "boolean"}

    def example_payload(self) -> bool:
        """``True``."""
        return True
