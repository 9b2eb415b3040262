"""Choice lists shared by Radio, Dropdown and CheckboxGroup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from gradiate.exceptions import ConfigError

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
