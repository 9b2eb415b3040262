"""``gr.Number``: a numeric field."""

from __future__ import annotations

import math
from typing import Any

from gradiate.components.base import FormComponent
from gradiate.events import EventListener
from gradiate.exceptions import ConfigError, Error
from gradiate.unsupported import check_buttons


def to_number(payload: Any, what: str) -> int | float:
    """The number in ``payload``, keeping ``int`` or ``float`` as sent (Gradio keeps them).

    A numeric string becomes the number it spells. Raises ``TypeError`` naming ``what``
    for anything else, and for infinities and NaN.
    """
    if isinstance(payload, bool) or not isinstance(payload, (int, float, str)):
        raise TypeError(f"{what} expects a number, got {type(payload).__name__}: {payload!r}")
    number: int | float
    if isinstance(payload, str):
        try:
            number = int(payload)
        except ValueError:
            try:
                number = float(payload)
            except ValueError:
                raise TypeError(f"{what} expects a number, got {payload!r}") from None
    else:
        number = payload
    if isinstance(number, float) and not math.isfinite(number):
        raise TypeError(f"{what} expects a finite number, got {payload!r}")
    return number


def round_to_precision(number: int | float, precision: int | None) -> int | float:
    """``number`` unchanged for ``None``, an ``int`` for 0, else rounded to that many decimals."""
    if precision is None:
        return number
    if precision == 0:
        return round(number)
    return round(number, precision)


def check_bounds(number: int | float, minimum: float | None, maximum: float | None) -> None:
    """Raise ``gr.Error`` (the user sees it) when ``number`` is outside the range."""
    if minimum is not None and number < minimum:
        raise Error(f"Value {number} is less than minimum value {minimum}.")
    if maximum is not None and number > maximum:
        raise Error(f"Value {number} is greater than maximum value {maximum}.")


class Number(FormComponent):
    """A number field; the function receives the number as sent (``int`` when ``precision=0``).

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

    def preprocess(self, payload: Any) -> float | int | None:
        """Check the range and return the number as sent, rounded to ``precision``.

        An ``int`` stays an ``int`` (``8``, not ``8.0``), as in Gradio.
        """
        if payload is None:
            return None
        number = to_number(payload, self.label or "Number")
        check_bounds(number, self.minimum, self.maximum)
        return round_to_precision(number, self.precision)

    def postprocess(self, value: Any) -> float | int | None:
        """Show the number, rounded to ``precision``."""
        if value is None:
            return None
        return round_to_precision(to_number(value, self.label or "Number"), self.precision)

    def api_info(self) -> dict[str, Any]:
        """An integer when ``precision=0``, else a number."""
        return {"type": "integer" if self.precision == 0 else "number"}

    def example_payload(self) -> float:
        """The minimum, or ``3``, rounded to ``precision``."""
        return round_to_precision(3 if self.minimum is None else self.minimum, self.precision)
