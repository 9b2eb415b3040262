"""``gr.Label``: a classification result with confidences."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from gradiate.components.base import Component
from gradiate.events import EventListener
from gradiate.exceptions import ConfigError
from gradiate.unsupported import check_buttons

_LABEL_VALUE_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "null"}],
    "default": None,
    "title": "Label",
}
_LABEL_SCHEMA: dict[str, Any] = {  # the schema Gradio 6.31 publishes for its LabelData model
    "$defs": {
        "LabelConfidence": {
            "properties": {
                "label": _LABEL_VALUE_SCHEMA,
                "confidence": {
                    "anyOf": [{"type": "number"}, {"type": "null"}],
                    "default": None,
                    "title": "Confidence",
                },
            },
            "title": "LabelConfidence",
            "type": "object",
        }
    },
    "properties": {
        "label": _LABEL_VALUE_SCHEMA,
        "confidences": {
            "anyOf": [
                {"items": {"$ref": "#/$defs/LabelConfidence"}, "type": "array"},
                {"type": "null"},
            ],
            "default": None,
            "title": "Confidences",
        },
    },
    "title": "LabelData",
    "type": "object",
    "additional_description": None,
}


class Label(Component):
    """The top class of a prediction and, below it, the confidence of each class.

    Return a class name, or a ``{class: confidence}`` dict from the function.

    Args:
        value: the initial label, or a page-load function.
        num_top_classes: how many of the most confident classes to show.
        color: the colour of the confidence bars (CSS colour).
        show_heading: show the top class above the bars.
        buttons: custom buttons on the component (not supported yet).
        **kwargs: the common component options.
    """

    EVENTS = ("change", "select")
    change = EventListener("change")
    select = EventListener("select")

    def __init__(
        self,
        value: Any = None,
        *,
        num_top_classes: int | None = None,
        color: str | None = None,
        show_heading: bool = True,
        buttons: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.buttons = check_buttons(self, buttons)
        if num_top_classes is not None and num_top_classes < 1:
            raise ConfigError(f"Label(num_top_classes={num_top_classes}): use at least 1.")
        self.num_top_classes = num_top_classes
        self.color = color
        self.show_heading = show_heading
        super().__init__(value, **kwargs)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """``"cat"`` → ``{"label": "cat"}``; ``{"cat": 0.7, "dog": 0.3}`` → top label and bars."""
        if value is None:
            return None
        if isinstance(value, Mapping) and "label" in value:
            return dict(value)  # already a label payload
        if isinstance(value, Mapping):
            ranked = sorted(
                ((str(name), float(score)) for name, score in value.items()),
                key=lambda item: item[1],
                reverse=True,
            )
            if self.num_top_classes is not None:
                ranked = ranked[: self.num_top_classes]
            return {
                "label": ranked[0][0] if ranked else None,
                "confidences": [{"label": name, "confidence": score} for name, score in ranked],
            }
        if isinstance(value, (str, int, float)):
            return {"label": str(value)}
        raise TypeError(
            f"gr.Label shows a class name or a {{class: confidence}} dict, got "
            f"{type(value).__name__}: {value!r}"
        )

    def preprocess(self, payload: Any) -> Any:
        """The label payload as a dict (or the class name when it has no confidences)."""
        if isinstance(payload, Mapping) and not payload.get("confidences"):
            return payload.get("label")
        if isinstance(payload, Mapping):
            return {item["label"]: item["confidence"] for item in payload["confidences"]}
        return payload

    def api_info(self) -> dict[str, Any]:
        """The label payload's schema, as Gradio publishes it."""
        return copy.deepcopy(_LABEL_SCHEMA)

    def example_payload(self) -> dict[str, Any]:
        """A cat."""
        return {"label": "Cat", "confidences": [{"label": "Cat", "confidence": 0.9}]}
