"""``gr.Radio``: one choice among a few."""

from __future__ import annotations

from typing import Any

from gradiate.components.choices import ChoiceComponent, Choices, ChoiceType
from gradiate.events import EventListener
from gradiate.unsupported import warn_unsupported


class Radio(ChoiceComponent):
    """Radio buttons; the function receives the chosen value (or its index).

    Args:
        choices: values, or ``(display_name, value)`` pairs.
        value: the initially chosen value, or a function called at page load.
        type: ``"value"`` passes the value, ``"index"`` its position.
        rtl: right-to-left labels (ignored for now, with a warning).
        **kwargs: the common component options (``label``, ``info``, ``interactive``…).
    """

    EVENTS = ("change", "input", "select")
    change = EventListener("change")
    input = EventListener("input")
    select = EventListener("select")

    def __init__(
        self,
        choices: Choices = None,
        *,
        value: Any = None,
        type: ChoiceType = "value",  # Gradio's name
        rtl: bool = False,
        **kwargs: Any,
    ) -> None:
        warn_unsupported(self, rtl=rtl)
        super().__init__(choices, value=value, type=type, **kwargs)

    def preprocess(self, payload: Any) -> Any:
        """Check the choice and return its value or index."""
        return None if payload is None else self._check_one(payload)

    def api_info(self) -> dict[str, Any]:
        """One of the choices (Gradio's schema: always ``"type": "string"``)."""
        return {"enum": list(self._choice_set.values), "title": "Radio", "type": "string"}

    def example_payload(self) -> Any:
        """The first choice."""
        return self._first_choice()
