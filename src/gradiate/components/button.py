"""``gr.Button``: a button that triggers events."""

from __future__ import annotations

from typing import Any, Literal

from gradiate.components.base import Component
from gradiate.events import EventListener
from gradiate.exceptions import ConfigError

Variant = Literal["primary", "secondary", "stop", "huggingface"]


class Button(Component):
    """A button; wire it with ``.click(fn, inputs, outputs)``.

    Args:
        value: the button's text.
        variant: ``"primary"``, ``"secondary"``, ``"stop"`` or ``"huggingface"``.
        size: ``"sm"``, ``"md"`` or ``"lg"``.
        icon: an icon shown before the text (a URL).
        link: a URL the button opens instead of triggering events.
        link_target: where ``link`` opens: ``"_self"``, ``"_blank"``, ``"_parent"``, ``"_top"``.
        interactive: whether the button can be clicked.
        min_width: minimum width in pixels; ``None`` fits the text.
        **kwargs: the common component options (``visible``, ``interactive``, ``scale``…).
    """

    EVENTS = ("click",)
    skip_api = True
    click = EventListener("click")

    def __init__(
        self,
        value: str = "Run",
        *,
        variant: Variant = "secondary",
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        link: str | None = None,
        link_target: Literal["_self", "_blank", "_parent", "_top"] = "_self",
        interactive: bool = True,
        min_width: int | None = None,
        **kwargs: Any,
    ) -> None:
        if variant not in ("primary", "secondary", "stop", "huggingface"):
            raise ConfigError(
                f"Button(variant={variant!r}): use 'primary', 'secondary', 'stop' or 'huggingface'."
            )
        self.variant = variant
        self.size = size
        self.icon = icon
        self.link = link
        if link_target not in ("_self", "_blank", "_parent", "_top"):
            raise ConfigError(
                f"Button(link_target={link_target!r}): use '_self', '_blank', '_parent' or '_top'."
            )
        self.link_target = link_target
        super().__init__(value, interactive=interactive, min_width=min_width, **kwargs)

    def postprocess(self, value: Any) -> str | None:
        """The button's text."""
        return None if value is None else str(value)

    def preprocess(self, payload: Any) -> str | None:
        """The button's text."""
        return None if payload is None else str(payload)
