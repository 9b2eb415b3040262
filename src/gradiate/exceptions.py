"""Exceptions raised by gradiate.

Hierarchy::

    Exception
    ├── Error                 shown to the app's user (Gradio's ``gr.Error``)
    └── GradiateError         a mistake in how the app is built or launched
        ├── ConfigError       bad component props, inputs/outputs or event wiring
        └── PayloadError      a request's data does not fit the event (wrong count or type)
"""

from __future__ import annotations


class Error(Exception):
    """An error whose message is shown to the app's user, as Gradio's ``gr.Error``.

    Args:
        message: the text shown in the browser's error toast and returned to API clients.
        duration: seconds the toast stays; ``None`` keeps it until dismissed.
        visible: whether the browser shows the toast at all.
        title: the toast's heading.
        print_exception: whether the server also logs the traceback.
    """

    def __init__(
        self,
        message: str = "Error raised.",
        duration: float | None = 10,
        visible: bool = True,
        title: str = "Error",
        print_exception: bool = True,
    ) -> None:
        self.message = message
        self.duration = duration
        self.visible = visible
        self.title = title
        self.print_exception = print_exception
        super().__init__(message)

    def __str__(self) -> str:
        return repr(self.message)


class GradiateError(Exception):
    """Base class of errors in how an app is built or launched."""


class ConfigError(GradiateError, ValueError):
    """A component, layout or event was configured with values that cannot work."""


class PayloadError(GradiateError, ValueError):
    """Data sent for an event does not match what the event expects."""
