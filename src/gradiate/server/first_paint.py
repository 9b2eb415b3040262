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
from dataclasses import dataclass
from html import escape, unescape
from typing import Any

from gradiate.component_registry import first_paint_renderer

_TAGS = re.compile(r"<[^>]*>")
_MARKDOWN_MARKS = re.compile(r"[*_`]+")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EMPHASIS = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_LIST_ITEM = re.compile(r"^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
Renderer = Callable[[dict[str, Any]], str]


def render_first_paint(config: dict[str, Any]) -> str:
    """The inert markup for ``config``'s layout."""
    components = {component["id"]: component for component in config["components"]}
    inputs = {block_id for dep in config["dependencies"] for block_id in dep["inputs"]}
    outputs = {block_id for dep in config["dependencies"] for block_id in dep["outputs"]}
    uses = _Uses(inputs, outputs)
    children = config["layout"].get("children", [])
    inner = "".join(_render_node(node, components, uses) for node in children)
    return f'<main class="fp" inert>{inner}</main>'


@dataclass(frozen=True, slots=True)
class _Uses:
    inputs: set[int]
    outputs: set[int]

    def is_interactive(self, block_id: int, value: object) -> bool:
        """Gradio's rule for ``interactive=None``, as the runtime applies it (model.svelte.ts).

        An event input is editable, an output only is static, and a component no event
        uses is editable while it holds no value.
        """
        if block_id in self.inputs:
            return True
        if block_id in self.outputs:
            return False
        return value is None or value in ("", 0, False, [])


def _render_node(node: dict[str, Any], components: dict[int, dict[str, Any]], uses: _Uses) -> str:
    component = components.get(node["id"])
    if component is None:
        return ""
    props: dict[str, Any] = dict(component.get("props", {}))
    if props.get("visible") in (False, "hidden"):
        return ""
    kind = component["type"]
    if "children" in node:
        inner = "".join(_render_node(child, components, uses) for child in node["children"])
        return _layout(kind, props, inner)
    if props.get("interactive") is None:
        props["interactive"] = uses.is_interactive(node["id"], props.get("value"))
    return _RENDERERS[first_paint_renderer(kind)](props)


def _layout(kind: str, props: dict[str, Any], inner: str) -> str:
    """A Row, Column or Form with the classes and width share its Svelte layout gives it."""
    classes = [f"fp-{kind if kind in ('row', 'column', 'form') else 'column'}"]
    if props.get("variant") in ("panel", "compact"):
        classes.append("fp-panel")
    if props.get("variant") == "compact":
        classes.append("fp-compact")
    if kind == "row" and props.get("equal_height"):
        classes.append("fp-equal")
    if kind == "column":
        style = _flex_style(props.get("scale", 1), props.get("min_width", 320))
    elif kind == "form":
        style = _flex_style(props.get("scale") or None, props.get("min_width") or None)
    else:
        style = _flex_style(props.get("scale"), None, _heights(props))
    return f'<div class="{" ".join(classes)}"{style}>{inner}</div>'


def _heights(props: dict[str, Any]) -> list[str]:
    """A Row's ``height``, ``max_height`` and ``min_height`` as CSS (Row.svelte's)."""
    rules: list[str] = []
    for key in ("height", "max_height", "min_height"):
        value = props.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            rules.append(f"{key.replace('_', '-')}:{value:g}px")
        elif isinstance(value, str) and value.strip():
            rules.append(f"{key.replace('_', '-')}:{_text(value)}")
    if props.get("height") is not None or props.get("max_height") is not None:
        rules.append("overflow-y:auto")
    return rules


def _flex_style(scale: object, min_width: object, extra: list[str] | None = None) -> str:
    """The inline ``flex-grow`` and ``min-width`` of a block in a Row (Block.svelte's)."""
    rules: list[str] = []
    if isinstance(scale, (int, float)) and not isinstance(scale, bool):
        rules.append(f"flex-grow:{scale:g}")
    if isinstance(min_width, (int, float)) and not isinstance(min_width, bool):
        rules.append(f"min-width:min({min_width:g}px, 100%)")
    rules.extend(extra or [])
    return f' style="{";".join(rules)}"' if rules else ""


def _block(props: dict[str, Any], inner: str, extra_class: str = "") -> str:
    """The box around one component, with its width share in a Row."""
    style = _flex_style(props.get("scale"), props.get("min_width"))
    return f'<div class="fp-block{extra_class}"{style}>{inner}</div>'


def _text(value: object) -> str:
    return "" if value is None else escape(str(value), quote=True)


def _label(props: dict[str, Any], fallback: str | None = None) -> str:
    """The label chip; without a label, the fallback (as a legend shows) or nothing."""
    label = props.get("label") or fallback
    if label is None:
        return ""
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
            f'<textarea class="{css}" rows="{lines}" style="--lines:{lines}" '
            f'placeholder="{placeholder}">{value}</textarea>'
        )
    else:
        field = f'<input class="{css}" value="{value}" placeholder="{placeholder}">'
    return _block(props, f"{_label(props)}{field}")


def _number(props: dict[str, Any]) -> str:
    value = _text(props.get("value"))
    field = f'<input class="{_input_class(props)}" type="number" value="{value}">'
    return _block(props, f"{_label(props)}{field}")


def _number_text(value: object) -> str:
    """A number as the browser writes it (``2.0`` → ``2``), escaped."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _text(value)


def _slider(props: dict[str, Any]) -> str:
    low, high = props.get("minimum", 0), props.get("maximum", 100)
    value = props.get("value", low)
    head = (
        f'<div class="fp-slider-head">{_label(props)}'
        f'<input class="fp-input fp-slider-box" type="number" value="{_number_text(value)}">'
        "</div>"
    )
    track = (
        f'<div class="fp-slider-track"><span>{_number_text(low)}</span>'
        f'<input class="fp-range" type="range" min="{_number_text(low)}" '
        f'max="{_number_text(high)}" step="{_number_text(props.get("step", 1))}" '
        f'value="{_number_text(value)}"><span>{_number_text(high)}</span></div>'
    )
    return _block(props, f"{head}{track}")


def _checkbox(props: dict[str, Any]) -> str:
    checked = " checked" if props.get("value") else ""
    label = _text(props.get("label") or "Checkbox")
    box = f'<label class="fp-check"><input type="checkbox"{checked}><span>{label}</span></label>'
    return _block(props, box)


def _choices(props: dict[str, Any]) -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = []
    for choice in props.get("choices") or []:
        if isinstance(choice, (list, tuple)) and len(choice) == 2:
            pairs.append((str(choice[0]), choice[1]))
    return pairs


def _dropdown(props: dict[str, Any]) -> str:
    value = props.get("value")
    selected = value if isinstance(value, list) else [value]
    shown = [display for display, choice in _choices(props) if choice in selected]
    text = ", ".join(shown) if shown else ("" if value is None else str(value))
    field = f'<select class="{_input_class(props)}"><option>{_text(text)}</option></select>'
    return _block(props, f"{_label(props)}{field}")


def _choice_group(props: dict[str, Any], kind: str, fallback: str) -> str:
    value = props.get("value")
    selected = value if isinstance(value, list) else [value]
    options = "".join(
        f'<label class="fp-option"><input type="{kind}"'
        f"{' checked' if choice in selected else ''}><span>{_text(display)}</span></label>"
        for display, choice in _choices(props)
    )
    return _block(props, f'{_label(props, fallback)}<div class="fp-options">{options}</div>')


def _button(props: dict[str, Any], default: str) -> str:
    variant = props.get("variant")
    variant = variant if variant in ("primary", "stop") else "secondary"
    size = " fp-small" if props.get("size") == "sm" else ""
    text = _text(props.get("value") or default)
    style = _flex_style(props.get("scale"), props.get("min_width"))
    return f'<button class="fp-button fp-{variant}{size}" type="button"{style}>{text}</button>'


def _plain(source: str) -> str:
    return _MARKDOWN_MARKS.sub("", unescape(_TAGS.sub(" ", source))).strip()


def _inline(source: str) -> str:
    """Markdown's inline marks as the same tags (bold, italic, code), the rest escaped text.

    Code spans are taken literally; elsewhere HTML tags are dropped. Everything is
    escaped first and the added tags wrap escaped text only, so nothing is source markup.
    """
    parts = _CODE_SPAN.split(source)
    out: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f"<code>{_text(part)}</code>")
            continue
        text = _text(unescape(_TAGS.sub("", part)))
        text = _STRONG.sub(
            lambda match: f"<strong>{match.group(1) or match.group(2)}</strong>", text
        )
        out.append(
            _EMPHASIS.sub(lambda match: f"<em>{match.group(1) or match.group(2)}</em>", text)
        )
    return "".join(out)


def _markdown(props: dict[str, Any]) -> str:
    """Headings, paragraphs and lists as the Markdown component lays them out, as text."""
    blocks = _markdown_blocks(str(props.get("value") or ""))
    inner = f'<div class="fp-prose">{"".join(blocks)}</div>' if blocks else ""
    return _prose_block(props, inner)


def _prose_block(props: dict[str, Any], inner: str) -> str:
    """Markdown's and HTML's box: bordered only with ``container``; there even when empty."""
    if not props.get("container"):
        return _block(props, inner, " fp-bare")
    title = _label(props) if props.get("show_label", True) else ""
    return _block(props, title + inner)


def _markdown_blocks(source: str) -> list[str]:
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush() -> None:
        nonlocal list_tag
        if paragraph:
            blocks.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            lis = "".join(f"<li>{_inline(item)}</li>" for item in items)
            blocks.append(f"<{list_tag}>{lis}</{list_tag}>")
            items.clear()

    for line in source.splitlines():
        heading = _HEADING.match(line)
        item = _LIST_ITEM.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            blocks.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif item:
            tag = "ol" if item.group(1)[0].isdigit() else "ul"
            if paragraph or (items and tag != list_tag):
                flush()
            list_tag = tag
            items.append(item.group(2))
        elif not line.strip():
            flush()
        elif items:
            items[-1] += " " + line.strip()
        else:
            paragraph.append(line.strip())
    flush()
    return blocks


def _html(props: dict[str, Any]) -> str:
    """An HTML value's text; a leading heading drawn as the mounted app's styles draw it."""
    source = str(props.get("value") or "").strip()
    text = _plain(source).lstrip("#").strip()
    if not text:
        return _prose_block(props, "")
    is_heading = source.startswith(("#", "<h1"))
    if props.get("apply_default_css", True):  # the mounted HTML takes Markdown's prose styles
        inner = f"<h1>{_text(text)}</h1>" if is_heading else f"<p>{_text(text)}</p>"
        return _prose_block(props, f'<div class="fp-prose">{inner}</div>')
    css = "fp-heading" if is_heading else ""
    return _prose_block(props, f'<div class="{css}">{_text(text)}</div>')


def _label_output(props: dict[str, Any]) -> str:
    """A Label's chosen class, large and centred (its confidences are left out)."""
    value = props.get("value")
    text = value.get("label") if isinstance(value, dict) else value
    top = f'<output class="fp-label-top">{_text(text)}</output>'
    return _block(props, f"{_label(props)}{top}")


def _json(props: dict[str, Any]) -> str:
    """A JSON output; its empty state as the app shows it, a value as one line."""
    value = props.get("value")
    shown = '<span class="fp-json-empty">null</span>' if value is None else _text(value)
    return _block(props, f"{_label(props)}<div>{shown}</div>")


def _empty_block(props: dict[str, Any]) -> str:
    return _block(props, _label(props), " fp-empty")


# By name: component_registry.py says which one draws each component type.
_RENDERERS: dict[str, Renderer] = {
    "textbox": _textbox,
    "number": _number,
    "slider": _slider,
    "checkbox": _checkbox,
    "button": lambda props: _button(props, "Run"),
    "clearbutton": lambda props: _button(props, "Clear"),
    "dropdown": _dropdown,
    "radio": lambda props: _choice_group(props, "radio", "Radio"),
    "checkboxgroup": lambda props: _choice_group(props, "checkbox", "CheckboxGroup"),
    "label": _label_output,
    "json": _json,
    "markdown": _markdown,
    "html": _html,
    "hidden": lambda props: "",
    "block": _empty_block,
}
