"""``gr.CheckboxGroup``: several choices ticked from a list."""

from __future__ import annotations

from typing import Any

from gradiate.components.choices import ChoiceComponent, Choices, ChoiceType
from gradiate.events import EventListener
from gradiate.unsupported import warn_unsupported


class CheckboxGroup(ChoiceComponent):
    """A group of checkboxes; the function receives the list of ticked values.

    Args:
        choices: values, or ``(display_name, value)`` pairs.
        value: the initially ticked values, or a function called at page load.
        type: ``"value"`` passes values, ``"index"`` their positions.
        show_select_all: a "select all" box (ignored for now, with a warning).
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
        show_select_all: bool = False,
        **kwargs: Any,
    ) -> None:
        warn_unsupported(self, show_select_all=show_select_all)
        super().__init__(choices, value=value, type=type, **kwargs)

    def preprocess(self, payload: Any) -> list[Any]:
        """Check every ticked value and return them (or their indices)."""
        return [] if payload is None else self._check_list(payload)

    def postprocess(self, value: Any) -> list[Any]:
        """Tick ``value`` (one value or a list)."""
        if value is None:
            return []
        return list(value) if isinstance(value, (list, tuple, set)) else [value]

    def api_info(self) -> dict[str, Any]:
        """A list of choices."""
        return {
            "items": {"enum": list(self._choice_set.values), "type": "string"},
            "title": "Checkbox Group",
            "type": "array",
        }

    def example_payload(self) -> list[Any]:
        """The first choice."""
        return [] if not self.choices else [self._first_choice()]
