"""``gr.Slider``: a number chosen on a range."""

from __future__ import annotations

import math
import random
from typing import Any

from gradiate.components.base import FormComponent
from gradiate.components.number import check_bounds, round_to_precision, to_number
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
        # Gradio takes any step (0, negative, wider than the range) and leaves it to the page.
        self.step = step if step is not None else _default_step(minimum, maximum)
        if randomize and value is None:
            value = _random_value(minimum, maximum, self.step)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: Any) -> float | int | None:
        """Check the value lies in the range and return it as sent (``12`` stays ``int``)."""
        if payload is None:
            return None
        number = to_number(payload, self.label or "Slider")
        check_bounds(number, self.minimum, self.maximum)
        return round_to_precision(number, self._precision())

    def postprocess(self, value: Any) -> float | int:
        """Show ``value``; ``None`` puts the slider at its minimum."""
        number = self.minimum if value is None else to_number(value, self.label or "Slider")
        return round_to_precision(number, self._precision())

    def _precision(self) -> int | None:
        precision = getattr(self, "precision", None)
        return precision if isinstance(precision, int) else None

    def api_info(self) -> dict[str, Any]:
        """A number with its range in the description."""
        return {
            "type": "integer" if self._precision() == 0 else "number",
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
    """A hundredth of the range, rounded down to a power of ten (Gradio's default)."""
    span = maximum - minimum
    if span <= 0:
        return 1
    return 10 ** math.floor(math.log10(span) - 2)


def _random_value(minimum: float, maximum: float, step: float) -> float:
    if step <= 0:
        return minimum
    value = minimum + step * random.randint(0, int((maximum - minimum) / step))
    decimals = max(str(step)[::-1].find("."), 0)
    return round(value, decimals) if decimals else value
