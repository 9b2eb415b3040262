"""Gradio parameters gradiate accepts for compatibility but cannot honour yet.

A component calls ``reject_unsupported`` with each such parameter; a non-default value
raises ``ConfigError`` naming it, so an app never loses a feature silently.
"""

from __future__ import annotations

from typing import Any

from gradiate.exceptions import ConfigError

_HINTS: dict[str, str] = {
    "every": "call the function from an event (e.g. demo.load) instead",
    "inputs": "call the function from the inputs' .change() events instead",
    "server_functions": "call a Python function through an event listener instead",
    "buttons": "leave buttons=None",
}


def reject_unsupported(owner: str, **given: Any) -> None:
    """Raise ``ConfigError`` for the first parameter that was given a value.

    Args:
        owner: the component's name, as the message shows it (``"Markdown"``).
        **given: each unsupported parameter's value; ``None`` or empty means unset.

    Raises:
        ConfigError: when one of them is set.
    """
    for name, value in given.items():
        if value is None or value == [] or value == ():
            continue
        hint = _HINTS.get(name, f"remove {name}=")
        raise ConfigError(
            f"{owner}({name}={value!r}): gradiate does not support {name} yet; {hint}."
        )
