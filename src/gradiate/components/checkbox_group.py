"""``gr.CheckboxGroup``: several choices ticked from a list."""

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


class CheckboxGroup(FormComponent):
    """A group of checkboxes; the function receives the list of ticked values.

    Args:
        choices: values, or ``(display_name, value)`` pairs.
        value: the initially ticked values, or a function called at page load.
        type: ``"value"`` passes values, ``"index"`` their positions.
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
        check_type(type, "CheckboxGroup")
        self.choices = normalize_choices(choices, "CheckboxGroup")
        self._choice_set = ChoiceSet(self.choices)
        self.type: ChoiceType = type
        super().__init__(value, **kwargs)

    def preprocess(self, payload: Any) -> list[Any]:
        """Check every ticked value and return them (or their indices)."""
        label = self.label or "CheckboxGroup"
        if payload is None:
            return []
        if not isinstance(payload, list):
            raise TypeError(f"{label}: expected a list of choices, got {payload!r}")
        chosen = [self._choice_set.check(item, label) for item in payload]
        return [self._choice_set.as_output(item, self.type) for item in chosen]

    def postprocess(self, value: Any) -> list[Any]:
        """Tick ``value`` (one value or a list)."""
        if value is None:
            return []
        return list(value) if isinstance(value, (list, tuple, set)) else [value]

    def api_info(self) -> dict[str, Any]:
        """A list of choices."""
        return {"type": "array", "items": self._choice_set.schema()}

    def example_payload(self) -> list[Any]:
        """The first choice."""
        return [self.choices[0][1]] if self.choices else []
