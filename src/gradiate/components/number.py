"""``gr.Number``: a numeric field."""

from __future__ import annotations

import math
from typing import Any

from gradiate.components.base import FormComponent
from gradiate.events import EventListener
from gradiate.exceptions import ConfigError
from gradiate.unsupported import check_buttons


def to_number(payload: Any, what: str) -> float:
    """Turn a payload into a finite float; raise ``TypeError`` naming ``what`` otherwise."""
    if isinstance(payload, bool) or not isinstance(payload, (int, float, str)):
        raise TypeError(f"{what} expects a number, got {type(payload).__name__}: {payload!r}")
    try:
        number = float(payload)
    except ValueError:
        raise TypeError(f"{what} expects a number, got {payload!r}") from None
    if not math.isfinite(number):
        raise TypeError(f"{what} expects a finite number, got {payload!r}")
    return number


class Number(FormComponent):
    """A number field; the function receives ``float`` (``int`` when ``precision=0``).

    Args:
        value: the initial number, or a function called at page load to get it.
        precision: round to this many decimals; 0 gives ``int``; ``None`` leaves it.
        minimum: the smallest allowed value.
        maximum: the largest allowed value.
        step: the step of the arrows and keys.
        placeholder: hint shown while the field is empty.
        buttons: custom buttons on the component (not supported yet).
        **kwargs: the common component options (``label``, ``info``, ``interactive``…).
    """

    EVENTS = ("change", "input", "submit", "blur", "focus")
    change = EventListener("change")
    input = EventListener("input")
    submit = EventListener("submit")
    blur = EventListener("blur")
    focus = EventListener("focus")

    def __init__(
        self,
        value: float | Any | None = None,
        *,
        precision: int | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        step: float = 1,
        placeholder: str | None = None,
        buttons: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.placeholder = placeholder
        self.buttons = check_buttons(self, buttons)
        if minimum is not None and maximum is not None and minimum > maximum:
            raise ConfigError(f"Number(minimum={minimum}, maximum={maximum}): minimum > maximum.")
        self.precision = precision
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        super().__init__(value, **kwargs)

    def _round(self, number: float) -> float | int:
        if self.precision is None:
            return number
        if self.precision == 0:
            return round(number)
        return round(number, self.precision)

    def preprocess(self, payload: Any) -> float | int | None:
        """Check the range and return the number, rounded to ``precision``."""
        if payload is None:
            return None
        label = self.label or "Number"
        number = to_number(payload, label)
        if self.minimum is not None and number < self.minimum:
            raise ValueError(f"{label}: {number} is less than the minimum {self.minimum}")
        if self.maximum is not None and number > self.maximum:
            raise ValueError(f"{label}: {number} is more than the maximum {self.maximum}")
        return self._round(number)

    def postprocess(self, value: Any) -> float | int | None:
        """Show the number, rounded to ``precision``."""
        if value is None:
            return None
        return self._round(to_number(value, self.label or "Number"))

    def api_info(self) -> dict[str, Any]:
        """A number."""
        return {"type": "number"}

    def example_payload(self) -> float:
        """``3``."""
        return 3
