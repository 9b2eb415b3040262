"""The first paint: static markup of the app's first screen, sent inside the HTML page.

The browser shows it as soon as the page arrives, instead of after the runtime and the
component chunks have been fetched, evaluated and mounted (~0.1-0.2 s on a slow machine).
It is ``inert`` (not focusable, hidden from screen readers) and the runtime replaces it
when it mounts, so it is a picture of the form, not a second copy of it. Every label and
value is HTML-escaped; Markdown and HTML are shown as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape
from typing import Any

from gradiate.component_registry import first_paint_renderer

_TAGS = re.compile(r"<[^>]*>")
_MARKDOWN_MARKS = re.compile(r"[*_`]+")
Renderer = Callable[[dict[str, Any]], str]


def render_first_paint(config: dict[str, Any]) -> str:
    """The inert markup for ``config``'s layout."""
    components = {component["id"]: component for component in config["components"]}
    inputs = {block_id for dep in config["dependencies"] for block_id in dep["inputs"]}
    children = config["layout"].get("children", [])
    inner = "".join(_render_node(node, components, inputs) for node in children)
    return f'<main class="fp" inert>{inner}</main>'


def _render_node(
    node: dict[str, Any], components: dict[int, dict[str, Any]], inputs: set[int]
) -> str:
    component = components.get(node["id"])
    if component is None:
        return ""
    props: dict[str, Any] = dict(component.get("props", {}))
    if props.get("visible") is False:
        return ""
    kind = component["type"]
    if "children" in node:
        inner = "".join(_render_node(child, components, inputs) for child in node["children"])
        return _layout(kind, props, inner)
    if props.get("interactive") is None:
        props["interactive"] = node["id"] in inputs  # the runtime's rule for "editable"
    return _RENDERERS[first_paint_renderer(kind)](props)


def _layout(kind: str, props: dict[str, Any], inner: str) -> str:
    classes = [f"fp-{kind if kind in ('row', 'column', 'form') else 'column'}"]
    if props.get("variant") == "panel":
        classes.append("fp-panel")
    style = ""
    if kind == "column":
        style = f' style="flex-grow:{int(props.get("scale") or 1)}"'
    return f'<div class="{" ".join(classes)}"{style}>{inner}</div>'


def _text(value: object) -> str:
    return "" if value is None else escape(str(value), quote=True)


def _label(props: dict[str, Any], fallback: str) -> str:
    label = props.get("label") or fallback
    hidden = "" if props.get("show_label", True) else " fp-hidden"
    return f'<span class="fp-label{hidden}">{_text(label)}</span>'


def _input_class(props: dict[str, Any]) -> str:
    return "fp-input" if props.get("interactive") else "fp-input fp-readonly"


def _textbox(props: dict[str, Any]) -> str:
    lines = int(props.get("lines") or 1)
    css = _input_class(props)
    value = _text(props.get("value"))
    placeholder = _text(props.get("placeholder"))
    if lines > 1:
        field = (
            f'<textarea class="{css}" rows="{lines}" placeholder="{placeholder}">{value}</textarea>'
        )
    else:
        field = f'<input class="{css}" value="{value}" placeholder="{placeholder}">'
    return f'<div class="fp-block">{_label(props, "Textbox")}{field}</div>'


def _number(props: dict[str, Any]) -> str:
    value = _text(props.get("value"))
    field = f'<input class="{_input_class(props)}" type="number" value="{value}">'
    return f'<div class="fp-block">{_label(props, "Number")}{field}</div>'


def _slider(props: dict[str, Any]) -> str:
    value, low, high = (_text(props.get(key)) for key in ("value", "minimum", "maximum"))
    head = (
        f'<div class="fp-slider-head">{_label(props, "Slider")}'
        f'<input class="fp-input fp-slider-box" type="number" value="{value}"></div>'
    )
    track = (
        f'<div class="fp-slider-track"><span>{low}</span>'
        f'<input class="fp-range" type="range" min="{low}" max="{high}" value="{value}">'
        f"<span>{high}</span></div>"
    )
    return f'<div class="fp-block">{head}{track}</div>'


def _checkbox(props: dict[str, Any]) -> str:
    checked = " checked" if props.get("value") else ""
    label = _text(props.get("label") or "Checkbox")
    box = f'<label class="fp-check"><input type="checkbox"{checked}>{label}</label>'
    return f'<div class="fp-block">{box}</div>'


def _button(props: dict[str, Any], default: str) -> str:
    variant = "primary" if props.get("variant") == "primary" else "secondary"
    text = _text(props.get("value") or default)
    return f'<button class="fp-button fp-{variant}" type="button">{text}</button>'


def _prose(props: dict[str, Any]) -> str:
    source = str(props.get("value") or "").strip()
    is_heading = source.startswith(("#", "<h1"))
    text = _MARKDOWN_MARKS.sub("", unescape(_TAGS.sub(" ", source))).strip().lstrip("#").strip()
    if not text:
        return ""
    css = "fp-prose fp-heading" if is_heading else "fp-prose"
    return f'<div class="{css}">{_text(text)}</div>'


def _empty_block(props: dict[str, Any]) -> str:
    return f'<div class="fp-block fp-empty">{_label(props, "")}</div>'


# By name: component_registry.py says which one draws each component type.
_RENDERERS: dict[str, Renderer] = {
    "textbox": _textbox,
    "number": _number,
    "slider": _slider,
    "checkbox": _checkbox,
    "button": lambda props: _button(props, "Run"),
    "clearbutton": lambda props: _button(props, "Clear"),
    "prose": _prose,
    "hidden": lambda props: "",
    "block": _empty_block,
}
