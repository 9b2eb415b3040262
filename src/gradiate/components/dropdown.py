"""``gr.Dropdown``: one or several choices from a list."""

from __future__ import annotations

from typing import Any

from gradiate.components.choices import ChoiceComponent, Choices, ChoiceType
from gradiate.events import EventListener
from gradiate.exceptions import ConfigError
from gradiate.unsupported import warn_unsupported


class Dropdown(ChoiceComponent):
    """A drop-down list; the function receives the value, or a list when ``multiselect``.

    Args:
        choices: values, or ``(display_name, value)`` pairs.
        value: the initial choice (a list when ``multiselect``), or a page-load function.
        type: ``"value"`` passes values, ``"index"`` their positions.
        multiselect: allow several choices.
        allow_custom_value: accept a value that is not among the choices.
        max_choices: the most choices when ``multiselect``.
        num_choices_shown: how many choices the open list shows (ignored for now, with a
            warning).
        filterable: let the user type to filter the list.
        **kwargs: the common component options (``label``, ``info``, ``interactive``…).
    """

    EVENTS = ("change", "input", "select", "focus", "blur", "key_up")
    change = EventListener("change")
    input = EventListener("input")
    select = EventListener("select")
    focus = EventListener("focus")
    blur = EventListener("blur")
    key_up = EventListener("key_up")

    def __init__(
        self,
        choices: Choices = None,
        *,
        value: Any = None,
        type: ChoiceType = "value",  # Gradio's name
        multiselect: bool | None = None,
        allow_custom_value: bool = False,
        max_choices: int | None = None,
        num_choices_shown: int | None = 100,
        filterable: bool = True,
        **kwargs: Any,
    ) -> None:
        warn_unsupported(self, num_choices_shown=num_choices_shown)
        self.multiselect = bool(multiselect)
        self.allow_custom_value = allow_custom_value
        self.max_choices = max_choices
        self.filterable = filterable
        if max_choices is not None and max_choices < 1:
            raise ConfigError(f"Dropdown(max_choices={max_choices}): use at least 1.")
        if value is None and self.multiselect:
            value = []  # Gradio starts an empty multiselect at [] (its API default)
        elif value is None and choices:
            first = next(iter(choices))
            value = first[1] if isinstance(first, (tuple, list)) else first
        super().__init__(choices, value=value, type=type, allow_custom=allow_custom_value, **kwargs)

    def preprocess(self, payload: Any) -> Any:
        """Check the choice(s) and return value(s) or index(es)."""
        if payload is None:
            return [] if self.multiselect else None
        if not self.multiselect:
            return self._check_one(payload)
        too_many = self.max_choices is not None and len(payload) > self.max_choices
        if isinstance(payload, list) and too_many:
            raise ValueError(f"{self.label or 'Dropdown'}: choose at most {self.max_choices}")
        return self._check_list(payload)

    def postprocess(self, value: Any) -> Any:
        """Select ``value``; a single value becomes a list when ``multiselect``."""
        if self.multiselect and value is not None and not isinstance(value, list):
            return [value]
        return value

    def api_info(self) -> dict[str, Any]:
        """A choice, or a list of them when ``multiselect``."""
        one = {"type": "string", "enum": list(self._choice_set.values)}
        return {"type": "array", "items": one} if self.multiselect else one

    def example_payload(self) -> Any:
        """The first choice."""
        first = self._first_choice()
        return [first] if self.multiselect and first is not None else first
