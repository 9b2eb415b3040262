"""``gr.Slider``: a number chosen on a range."""

from __future__ import annotations

import random
from typing import Any

from gradiate.components.base import FormComponent
from gradiate.components.number import to_number
from gradiate.events import EventListener
from gradiate.exceptions import ConfigError
from gradiate.unsupported import check_buttons


class Slider(FormComponent):
    """A slider between ``minimum`` and ``maximum``; the function receives a number.

    Args:
        minimum: the left end.
        maximum: the right end.
        value: the initial value (``minimum`` when omitted), or a function for page load.
        step: the increment; an integer step gives whole numbers.
        randomize: start at a random value in the range.
        precision: round to this many decimals; 0 gives ``int``; ``None`` leaves it.
        buttons: ``["reset"]`` (not supported yet).
        **kwargs: the common component options (``label``, ``info``, ``interactive``…).
    """

    EVENTS = ("change", "input", "release")
    change = EventListener("change")
    input = EventListener("input")
    release = EventListener("release")

    def __init__(
        self,
        minimum: float = 0,
        maximum: float = 100,
        value: float | Any | None = None,
        *,
        step: float | None = None,
        precision: int | None = None,
        randomize: bool = False,
        buttons: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.precision = precision
        self.buttons = check_buttons(self, buttons)
        if minimum > maximum:
            raise ConfigError(
                f"Slider(minimum={minimum}, maximum={maximum}): minimum must not exceed maximum."
            )
        self.minimum = minimum
        self.maximum = maximum
        self.step = step if step is not None else _default_step(minimum, maximum)
        if self.step <= 0:
            raise ConfigError(f"Slider(step={step}): the step must be positive.")
        if randomize and value is None:
            steps = int((maximum - minimum) / self.step)
            value = minimum + self.step * random.randint(0, steps)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: Any) -> float | int | None:
        """Check the value lies in the range and return it."""
        if payload is None:
            return None
        label = self.label or "Slider"
        number = to_number(payload, label)
        if not self.minimum <= number <= self.maximum:
            raise ValueError(
                f"{label}: {number} is outside the range {self.minimum} to {self.maximum}"
            )
        return _round(number, self.precision)

    def postprocess(self, value: Any) -> float | int:
        """Show ``value``; ``None`` puts the slider at its minimum."""
        if value is None:
            return self.minimum
        return _round(to_number(value, self.label or "Slider"), self.precision)

    def api_info(self) -> dict[str, Any]:
        """A number with its range in the description."""
        return {
            "type": "number",
            "description": f"numeric value between {self.minimum} and {self.maximum}",
        }

    def example_payload(self) -> float:
        """The minimum."""
        return self.minimum


def _round(number: float, precision: int | None) -> float | int:
    if precision is None:
        return number
    return round(number) if precision == 0 else round(number, precision)


def _default_step(minimum: float, maximum: float) -> float:
    span = maximum - minimum
    if span <= 0:
        return 1
    if float(minimum).is_integer() and float(maximum).is_integer() and span >= 10:
        return 1
    return span / 100
