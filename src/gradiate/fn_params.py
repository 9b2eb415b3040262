"""How an event function's parameters take the event's inputs and what gradiate injects.

Gradio passes input values to the positional parameters in order, except that a parameter
annotated ``gr.Request`` or ``gr.EventData`` (or a subclass such as ``gr.SelectData``), or
defaulting to ``gr.Progress()``, gets the request, the event's data or a tracker in its
place. Those do not count as inputs. The plan is worked out once, when the event is wired,
so running an event only walks a short tuple.
"""

from __future__ import annotations

import inspect
import os
import sys
import typing
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from gradiate.exceptions import ConfigError

SlotKind = Literal["input", "event_data", "request", "progress", "default", "missing"]
"""What fills one parameter: an input value, an injected object, its own default, or None."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One parameter of the function and what fills it."""

    name: str
    kind: SlotKind
    is_keyword: bool = False
    """Keyword-only: passed by name rather than position."""
    event_data_class: type | None = None
    """The ``EventData`` class to build, for ``kind == "event_data"``."""


@dataclass(frozen=True, slots=True)
class CallPlan:
    """How to call the function: one slot per parameter, and the inputs left for ``*args``."""

    slots: tuple[Slot, ...]
    takes_varargs: bool
    collects_event_data: bool
    needs_request: bool
    is_plain: bool
    """Every slot is an input and nothing is injected: call with the values as they are."""


PLAIN = CallPlan((), True, False, False, True)
"""The plan of a function whose signature cannot be read: pass the inputs positionally."""


def _annotations(fn: Callable[..., Any]) -> dict[str, Any]:
    # With ``from __future__ import annotations`` every annotation is a string; resolve
    # them, and where that fails (a name only imported under TYPE_CHECKING) keep strings.
    try:
        return typing.get_type_hints(fn)
    except Exception:  # any failure to evaluate a user's annotations falls back to strings
        return dict(getattr(fn, "__annotations__", {}) or {})


def _special_kind(annotation: Any, default: Any) -> tuple[SlotKind, type | None] | None:
    from gradiate.events import EventData
    from gradiate.progress import Progress
    from gradiate.request import Request

    if isinstance(default, Progress):
        return "progress", None
    if isinstance(annotation, str):
        return _kind_from_name(annotation.rsplit(".", 1)[-1].strip("'\""))
    if inspect.isclass(annotation):
        if issubclass(annotation, Request):
            return "request", None
        if issubclass(annotation, EventData):
            return "event_data", annotation
    return None


def _kind_from_name(name: str) -> tuple[SlotKind, type | None] | None:
    from gradiate import events

    if name == "Request":
        return "request", None
    event_class = getattr(events, name, None)
    if inspect.isclass(event_class) and issubclass(event_class, events.EventData):
        return "event_data", event_class
    return None


def call_plan(fn: Callable[..., Any]) -> CallPlan:
    """Work out which parameters of ``fn`` take inputs and which gradiate fills itself."""
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return PLAIN
    hints = _annotations(fn)
    slots: list[Slot] = []
    for param in params:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        is_keyword = param.kind is param.KEYWORD_ONLY
        special = _special_kind(hints.get(param.name, param.annotation), param.default)
        if special is not None:
            slots.append(Slot(param.name, special[0], is_keyword, special[1]))
        elif is_keyword:
            continue  # keyword-only parameters never take inputs; they keep their defaults
        else:
            kind: SlotKind = "input" if param.default is param.empty else "default"
            slots.append(Slot(param.name, kind))
    takes_varargs = any(p.kind is p.VAR_POSITIONAL for p in params)
    kinds = {slot.kind for slot in slots}
    return CallPlan(
        slots=tuple(slots),
        takes_varargs=takes_varargs,
        collects_event_data="event_data" in kinds,
        needs_request="request" in kinds,
        is_plain=kinds <= {"input"},
    )


def fit_to_inputs(plan: CallPlan, fn: Callable[..., Any], input_count: int) -> CallPlan:
    """Check ``fn`` can take ``input_count`` inputs; plan ``None`` for required ones left over.

    A function with more required parameters than inputs gets ``None`` for the missing
    ones, with one warning, as Gradio does. More inputs than parameters is an error.

    Raises:
        ConfigError: the function takes fewer arguments than the event has inputs.
    """
    if plan is PLAIN:
        return plan
    takers = [slot for slot in plan.slots if slot.kind in ("input", "default")]
    name = getattr(fn, "__name__", repr(fn))
    if input_count > len(takers) and not plan.takes_varargs:
        raise ConfigError(
            f"{name}() takes {len(takers)} input argument(s) but the event has {input_count} "
            "input component(s); give the function one parameter per input, or remove inputs."
        )
    missing = [slot for slot in takers[input_count:] if slot.kind == "input"]
    if not missing:
        return plan
    names = ", ".join(slot.name for slot in missing)
    warnings.warn(
        f"Expected {input_count + len(missing)} arguments for function {name}(), received "
        f"{input_count}; {names} will be None. Add an input per parameter, or give "
        f"{names} a default.",
        UserWarning,
        stacklevel=_first_frame_outside_gradiate(),
    )
    missing_names = {slot.name for slot in missing}
    slots = tuple(
        Slot(slot.name, "missing") if slot.name in missing_names else slot for slot in plan.slots
    )
    return CallPlan(slots, plan.takes_varargs, plan.collects_event_data, plan.needs_request, False)


def _first_frame_outside_gradiate() -> int:
    """The ``stacklevel`` that points a warning at the app's own ``.click(...)`` line."""
    package_dir = os.path.dirname(os.path.abspath(__file__)) + os.sep
    frame = sys._getframe(1)  # the caller of this function: stacklevel 1
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(package_dir):
        frame = frame.f_back
        level += 1
    return level


def build_arguments(
    plan: CallPlan, values: list[Any], make: Callable[[Slot], Any]
) -> tuple[list[Any], dict[str, Any]]:
    """The positional and keyword arguments: ``values`` in input slots, ``make(slot)`` in others.

    A parameter with a default that no input reaches keeps its default; inputs beyond the
    parameters go to ``*args``.
    """
    if plan.is_plain:
        return values, {}
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    remaining = iter(values)
    skipped_default = False
    for slot in plan.slots:
        if slot.kind in ("input", "default"):
            value = next(remaining, _UNSET)
            if value is _UNSET:
                skipped_default = True
                continue
            _place(slot, value, args, kwargs, skipped_default)
        elif slot.kind == "missing":
            _place(slot, None, args, kwargs, skipped_default)
        else:
            _place(slot, make(slot), args, kwargs, skipped_default)
    args.extend(remaining)
    return args, kwargs


_UNSET = object()


def _place(slot: Slot, value: Any, args: list[Any], kwargs: dict[str, Any], by_name: bool) -> None:
    # Once a defaulted parameter was left out, later ones must go by name to land right.
    if slot.is_keyword or by_name:
        kwargs[slot.name] = value
    else:
        args.append(value)
