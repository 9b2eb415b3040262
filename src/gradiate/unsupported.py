"""Gradio options gradiate accepts in its signatures but cannot honour yet.

Every constructor and function keeps Gradio's full signature, so an app written for Gradio
never fails with a bare ``TypeError``. An option gradiate cannot honour is never a silent
no-op either: given a value other than its default, it raises ``ConfigError`` naming it
(``refuse_unsupported``), or, where ignoring it changes nothing the app relies on (a
cosmetic option such as ``analytics_enabled``), logs one warning per option and owner
(``warn_unsupported``). The defaults are read from the owner's own signature, so each
constructor adds one line and the default is written once.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ParamSpec, TypeVar

from gradiate.exceptions import ConfigError

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

_warned: set[tuple[str, str]] = set()
"""``(owner, option)`` pairs already warned about: one warning per option."""


def _owner_name(owner: object) -> str:
    if inspect.isfunction(owner) or inspect.ismethod(owner) or inspect.isclass(owner):
        return owner.__name__
    return type(owner).__name__


@functools.cache
def _defaults_of(function: Callable[..., Any]) -> dict[str, Any]:
    return {
        name: param.default
        for name, param in inspect.signature(function).parameters.items()
        if param.default is not param.empty
    }


def _default(owner: object, option: str) -> Any:
    """The default of ``option`` in the signature that declares it (walking ``__init__``s)."""
    if inspect.isfunction(owner) or inspect.ismethod(owner):
        functions: Iterable[Any] = [owner]
    else:
        cls = owner if inspect.isclass(owner) else type(owner)
        functions = (k.__dict__["__init__"] for k in cls.__mro__ if "__init__" in k.__dict__)
    for function in functions:
        defaults = _defaults_of(function)
        if option in defaults:
            return defaults[option]
    raise TypeError(f"{_owner_name(owner)} has no parameter {option!r} with a default")


def _is_default(value: object, default: object) -> bool:
    if value is default:
        return True
    try:
        return type(value) is type(default) and bool(value == default)
    except Exception:  # an array or other value whose == is not a bool
        return False


def _changed(owner: object, given: dict[str, object]) -> list[tuple[str, object, object]]:
    changed = []
    for option, value in given.items():
        default = _default(owner, option)
        if not _is_default(value, default):
            changed.append((option, value, default))
    return changed


def refuse_unsupported(owner: object, /, *, shown_as: str | None = None, **given: object) -> None:
    """Raise ``ConfigError`` if any option in ``given`` differs from its default.

    Args:
        owner: the component, layout or function whose signature declares the options
            (pass ``self`` in a constructor).
        shown_as: the name the message gives the owner (``"Button.click"``); its class or
            function name by default.
        **given: each option gradiate cannot honour yet, with the value the app passed.

    Raises:
        ConfigError: naming the first option set to a value other than its default.
    """
    for option, value, default in _changed(owner, given):
        name = shown_as or _owner_name(owner)
        raise ConfigError(
            f"{name}({option}={value!r}): gradiate does not support {option!r} yet. Remove "
            f"it (or pass the default, {option}={default!r}) to run this app with gradiate; "
            "README.md (Gradio names) lists what is planned."
        )


def warn_unsupported(owner: object, /, *, shown_as: str | None = None, **given: object) -> None:
    """Log one warning per option in ``given`` that differs from its default.

    For options whose effect is only cosmetic, so the app still works without it.

    Args:
        owner: the component, layout or function whose signature declares the options.
        shown_as: the name the message gives the owner; its class or function name by
            default.
        **given: each option gradiate ignores, with the value the app passed.
    """
    name = shown_as or _owner_name(owner)
    for option, value, _default_value in _changed(owner, given):
        if (name, option) in _warned:
            continue
        _warned.add((name, option))
        logger.warning(
            "%s(%s=%r): gradiate ignores %r for now; the app works without it.",
            name,
            option,
            value,
            option,
        )


def check_buttons(
    owner: object, buttons: Sequence[object] | None, known: tuple[str, ...] = ()
) -> list[str]:
    """Check a component's ``buttons=`` list: the built-in names in ``known``, nothing else.

    Returns:
        The button names, as the config sends them.

    Raises:
        ConfigError: for a custom ``gr.Button`` or a name the component does not have.
    """
    names = list(buttons or [])
    for item in names:
        if not isinstance(item, str) or item not in known:
            shown = ", ".join(repr(name) for name in known) or "none"
            raise ConfigError(
                f"{_owner_name(owner)}(buttons=[…{item!r}…]): gradiate supports only the "
                f"built-in buttons here ({shown}), not custom ones yet; remove it."
            )
    return [str(item) for item in names]


_GRADIO_5_NAMES = {
    "show_copy_button": 'buttons=["copy"]',
    "show_reset_button": 'buttons=["reset"]',
    "show_download_button": 'buttons=["download"]',
    "show_share_button": 'buttons=["share"]',
    "show_fullscreen_button": 'buttons=["fullscreen"]',
    "allow_flagging": "flagging_mode",
    "show_api": 'api_visibility="undocumented"',
}
"""Gradio 5 options that Gradio 6 replaced, with what replaced them."""


@functools.cache
def _accepted_keywords(cls: type) -> tuple[str, ...]:
    """Every keyword ``cls(...)`` accepts: its ``__init__``'s, and its bases' while
    ``**kwargs`` passes them on."""
    names: list[str] = []
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None or klass is object:
            continue
        params = inspect.signature(init).parameters.values()
        names += [p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
        if not any(p.kind is p.VAR_KEYWORD for p in params):
            break
    return tuple(dict.fromkeys(name for name in names if name != "self"))


def unexpected_keywords(owner: object, names: Iterable[str]) -> TypeError:
    """The error for keywords a component or layout does not take, naming its class.

    Suggests the close spelling (``placehodler`` → ``placeholder``) or, for a Gradio 5
    option, what Gradio 6 replaced it with (``show_copy_button`` → ``buttons=["copy"]``).
    """
    import difflib  # only on this error path

    cls = owner if inspect.isclass(owner) else type(owner)
    known = [name for name in _accepted_keywords(cls) if not name.startswith("_")]
    hints = []
    for name in names:
        if name in _GRADIO_5_NAMES:
            hints.append(f"{name!r} (Gradio 6 replaced it with {_GRADIO_5_NAMES[name]})")
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
        hints.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return TypeError(
        f"{cls.__name__}() got unexpected keyword argument(s) {', '.join(hints)}; "
        f"help(gr.{cls.__name__}) lists the options it takes."
    )


def suggest_keywords(function: Callable[P, R]) -> Callable[P, R]:
    """Make an unknown keyword argument raise a ``TypeError`` that suggests the right one.

    ``launch(sevrer_port=8000)`` fails, as in Gradio, but the message also says
    ``did you mean 'server_port'?``. The signature seen by ``inspect`` stays the wrapped one.
    """
    signature = inspect.signature(function)
    known = [name for name in signature.parameters if not name.startswith("_")]

    @functools.wraps(function)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        unknown = [name for name in kwargs if name not in signature.parameters]
        if unknown:
            import difflib  # only on this error path: apps that start cleanly never pay for it

            hints = []
            for name in unknown:
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
                hints.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
            raise TypeError(
                f"{function.__name__}() got unexpected keyword argument(s) {', '.join(hints)}; "
                f"check the spelling against Gradio's {function.__name__}() options "
                f"(help(gr.Blocks.{function.__name__}) lists them)."
            )
        return function(*args, **kwargs)

    return checked
