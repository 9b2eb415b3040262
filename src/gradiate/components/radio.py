"""``gr.Radio``: one choice among a few."""

from __future__ import annotations

from typing import Any

from gradiate.components.base import FormComponent
from gradiate.components.choices import (
    Choices,
    ChoiceSet,
    ChoiceType,
    check_type,
    normalize_choices,
)
from gradiate.events import EventListener


class Radio(FormComponent):
    """Radio buttons; the function receives the chosen value (or its index).

    Args:
        choices: values, or ``(display_name, value)`` pairs.
        value: the initially chosen value, or a function called at page load.
        type: ``"value"`` passes the value, ``"index"`` its position.
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
        **kwargs: Any,
    ) -> None:
        check_type(type, "Radio")
        self.choices = normalize_choices(choices, "Radio")
        self._choice_set = ChoiceSet(self.choices)
        self.type: ChoiceType = type
        super().__init__(value, **kwargs)

    def preprocess(self, payload: Any) -> Any:
        """Check the choice and return its value or index."""
        if payload is None:
            return None
        chosen = self._choice_set.check(payload, self.label or "Radio")
        return self._choice_set.as_output(chosen, self.type)

    def postprocess(self, value: Any) -> Any:
        """Select ``value`` (``None`` selects nothing)."""
        return value

    def api_info(self) -> dict[str, Any]:
        """One of the choices."""
        return self._choice_set.schema()

    def example_payload(self) -> Any:
        """The first choice."""
        return self.choices[0][1] if self.choices else None
