"""``gr.Textbox``: a single- or multi-line text field."""

from __future__ import annotations

from typing import Any, Literal

from gradiate.components.base import FormComponent
from gradiate.events import EventListener
from gradiate.exceptions import ConfigError
from gradiate.unsupported import check_buttons, refuse_unsupported, warn_unsupported


class Textbox(FormComponent):
    """A text field; the user's function receives and returns ``str``.

    Args:
        value: the initial text, or a function called at page load to get it.
        lines: visible lines; 1 gives a single-line input where Enter submits.
        max_lines: the most lines the box grows to.
        placeholder: hint shown while the box is empty.
        type: ``"text"``, ``"password"`` or ``"email"``.
        max_length: the most characters the user may type.
        autofocus: focus the box when the page loads.
        rtl: right-to-left text.
        text_align: ``"left"`` or ``"right"``.
        show_copy_button: show a button that copies the text (Gradio 5's name for
            ``buttons=["copy"]``).
        autoscroll: keep the end of a growing text in view.
        buttons: ``["copy"]`` shows a button that copies the text.
        submit_btn: a submit button inside the box (not supported yet).
        stop_btn: a stop button inside the box (not supported yet).
        html_attributes: extra attributes of the ``<input>`` (ignored for now, with a
            warning).
        **kwargs: the common component options (``label``, ``info``, ``interactive``…).
    """

    EVENTS = ("change", "input", "submit", "blur", "focus", "select", "stop", "copy")
    change = EventListener("change")
    input = EventListener("input")
    submit = EventListener("submit")
    blur = EventListener("blur")
    focus = EventListener("focus")
    select = EventListener("select")

    def __init__(
        self,
        value: str | Any | None = None,
        *,
        lines: int = 1,
        max_lines: int | None = None,
        placeholder: str | None = None,
        type: Literal["text", "password", "email"] = "text",  # Gradio's name
        max_length: int | None = None,
        autofocus: bool = False,
        rtl: bool = False,
        text_align: Literal["left", "right"] | None = None,
        show_copy_button: bool = False,
        autoscroll: bool = True,
        buttons: list[Literal["copy"]] | None = None,
        submit_btn: str | bool | None = False,
        stop_btn: str | bool | None = False,
        html_attributes: Any = None,
        **kwargs: Any,
    ) -> None:
        refuse_unsupported(self, submit_btn=submit_btn, stop_btn=stop_btn)
        warn_unsupported(self, html_attributes=html_attributes)
        self.buttons = check_buttons(self, buttons, ("copy",))
        if lines < 1:
            raise ConfigError(
                f"Textbox(lines={lines}): lines must be >= 1. Use lines=1 for a single-line box."
            )
        if type not in ("text", "password", "email"):
            raise ConfigError(f"Textbox(type={type!r}): use 'text', 'password' or 'email'.")
        self.lines = lines
        self.max_lines = max_lines if max_lines is not None else max(lines, 20)
        self.placeholder = placeholder
        self.type = type
        self.max_length = max_length
        self.autofocus = autofocus
        self.rtl = rtl
        self.text_align = text_align
        self.show_copy_button = show_copy_button
        self.autoscroll = autoscroll
        super().__init__(value, **kwargs)

    def preprocess(self, payload: Any) -> str | None:
        """Return the text, or ``None`` when the box sent nothing."""
        if payload is None:
            return None
        if not isinstance(payload, str):
            raise TypeError(f"expected text, got {type(payload).__name__}: {payload!r}")
        return payload

    def postprocess(self, value: Any) -> str | None:
        """Show ``str(value)``; ``None`` leaves the box empty."""
        return None if value is None else str(value)

    def cleared_value(self) -> str:
        """Clearing a Textbox empties it."""
        return ""

    def api_info(self) -> dict[str, Any]:
        """A string."""
        return {"type": "string"}

    def example_payload(self) -> str:
        """``"Hello!!"``, as Gradio shows."""
        return "Hello!!"
