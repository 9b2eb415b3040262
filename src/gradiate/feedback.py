"""``gr.Info``, ``gr.Warning``, ``gr.Success``: messages shown to the user during an event.

The engine sets ``current_reporter`` while it runs a user function, so these calls reach
the browser (or API client) of the event that made them. Outside an event they only log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, Literal

logger = logging.getLogger(__name__)

Level = Literal["info", "warning", "success", "error"]

current_reporter: ContextVar[Callable[[dict[str, Any]], None] | None] = ContextVar(
    "gradiate_current_reporter", default=None
)
"""Sends one message to the client of the event being run; set by the engine."""


def report(message: dict[str, Any]) -> bool:
    """Send ``message`` to the current event's client; False when no event is running."""
    reporter = current_reporter.get()
    if reporter is None:
        return False
    reporter(message)
    return True


def _log(level: Level, message: str, duration: float | None, visible: bool, title: str) -> None:
    sent = report(
        {
            "msg": "log",
            "log": message,
            "level": level,
            "duration": duration,
            "visible": visible,
            "title": title,
        }
    )
    if not sent:
        logger.info("%s (outside an event): %s", level, message)


def Info(  # Gradio's name
    message: str = "Info issued.",
    duration: float | None = 10,
    visible: bool = True,
    title: str = "",
) -> None:
    """Show an information toast to the user of the current event."""
    _log("info", message, duration, visible, title or "Info")


def Warning(  # Gradio's name
    message: str = "Warning issued.",
    duration: float | None = 10,
    visible: bool = True,
    title: str = "",
) -> None:
    """Show a warning toast to the user of the current event."""
    _log("warning", message, duration, visible, title or "Warning")


def Success(  # Gradio's name
    message: str = "Success.", duration: float | None = 10, visible: bool = True, title: str = ""
) -> None:
    """Show a success toast to the user of the current event."""
    _log("success", message, duration, visible, title or "Success")
