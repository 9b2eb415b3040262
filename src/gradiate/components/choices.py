"""Choice lists shared by Radio, Dropdown and CheckboxGroup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from gradiate.components.base import FormComponent
from gradiate.exceptions import ConfigError
from gradiate.unsupported import check_buttons

ChoiceValue = str | int | float
Choices = Sequence[ChoiceValue | tuple[str, ChoiceValue]] | None
ChoiceType = Literal["value", "index"]


def normalize_choices(choices: Choices, owner: str) -> list[tuple[str, ChoiceValue]]:
    """Turn ``["a", ("B", "b")]`` into ``[("a", "a"), ("B", "b")]`` (display, value)."""
    pairs: list[tuple[str, ChoiceValue]] = []
    for choice in choices or []:
        if isinstance(choice, (tuple, list)):
            if len(choice) != 2:
                raise ConfigError(
                    f"{owner}(choices=[…{choice!r}…]): a choice is a value or a "
                    "(display_name, value) pair."
                )
            pairs.append((str(choice[0]), choice[1]))
        else:
            pairs.append((str(choice), choice))
    return pairs


def check_type(kind: str, owner: str) -> None:
    """Raise unless ``kind`` is ``"value"`` or ``"index"``."""
    if kind not in ("value", "index"):
        raise ConfigError(f"{owner}(type={kind!r}): use 'value' or 'index'.")


class ChoiceSet:
    """Checks values against a component's choices and converts them to indices."""

    def __init__(self, pairs: list[tuple[str, ChoiceValue]], allow_custom: bool = False) -> None:
        self.pairs = pairs
        self.values = [value for _, value in pairs]
        self.allow_custom = allow_custom

    def check(self, value: Any, label: str) -> ChoiceValue:
        """Return ``value`` if it is one of the choices; raise ``ValueError`` if not."""
        if value in self.values or self.allow_custom:
            if not isinstance(value, (str, int, float)):
                raise TypeError(f"{label}: a choice is text or a number, got {value!r}")
            return value
        shown = ", ".join(repr(v) for v in self.values[:10])
        raise ValueError(f"{label}: {value!r} is not one of the choices ({shown})")

    def as_output(self, value: ChoiceValue, kind: ChoiceType) -> ChoiceValue | int | None:
        """The value the user's function sees for one chosen value."""
        if kind == "index":
            return self.values.index(value) if value in self.values else None
        return value

    def schema(self) -> dict[str, Any]:
        """The JSON schema of one choice."""
        if all(isinstance(v, str) for v in self.values) and not self.allow_custom:
            return {"type": "string", "enum": list(self.values)}
        return {"type": "string"} if self.allow_custom else {"enum": list(self.values)}


class ChoiceComponent(FormComponent):
    """A component that picks among ``choices``: the base of Radio, CheckboxGroup, Dropdown.

    Args:
        choices: values, or ``(display_name, value)`` pairs.
        value: the initial choice(s), or a function called at page load.
        type: ``"value"`` passes values to the function, ``"index"`` their positions.
        buttons: custom buttons on the component (not supported yet).
        **kwargs: the common component options (``label``, ``info``, ``interactive``…).
    """

    def __init__(
        self,
        choices: Choices = None,
        *,
        value: Any = None,
        type: ChoiceType = "value",  # Gradio's name
        allow_custom: bool = False,
        buttons: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.buttons = check_buttons(self, buttons)
        owner = self.__class__.__name__
        check_type(type, owner)
        self.choices = normalize_choices(choices, owner)
        self.type: ChoiceType = type
        self._choice_set = ChoiceSet(self.choices, allow_custom=allow_custom)
        super().__init__(value, **kwargs)

    def _check_list(self, payload: Any) -> list[Any]:
        """Check a list of chosen values; return them (or their indices)."""
        label = self.label or type(self).__name__
        if not isinstance(payload, list):
            raise TypeError(f"{label}: expected a list of choices, got {payload!r}")
        chosen = [self._choice_set.check(item, label) for item in payload]
        return [self._choice_set.as_output(item, self.type) for item in chosen]

    def _check_one(self, payload: Any) -> Any:
        """Check one chosen value; return it (or its index)."""
        label = self.label or type(self).__name__
        return self._choice_set.as_output(self._choice_set.check(payload, label), self.type)

    def _first_choice(self) -> Any:
        return self.choices[0][1] if self.choices else None
