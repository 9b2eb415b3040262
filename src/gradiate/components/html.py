"""``gr.HTML``: HTML from the app's templates, with scoped CSS and JavaScript (Gradio 6)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from typing import Any, Literal

from gradiate.components.base import Component
from gradiate.events import BoundListener, EventListener
from gradiate.exceptions import ConfigError
from gradiate.unsupported import refuse_unsupported

DEFAULT_JS_ON_LOAD = "element.addEventListener('click', function() { trigger('click') });"
"""Gradio's default ``js_on_load``: a click on the element fires ``click``."""

ALL_EVENTS = (
    "change",
    "input",
    "click",
    "double_click",
    "submit",
    "stop",
    "edit",
    "clear",
    "play",
    "pause",
    "end",
    "start_recording",
    "pause_recording",
    "stop_recording",
    "focus",
    "blur",
    "upload",
    "release",
    "select",
    "stream",
    "like",
    "example_select",
    "option_select",
    "load",
    "key_up",
    "apply",
    "delete",
    "tick",
    "undo",
    "retry",
    "expand",
    "collapse",
    "download",
    "copy",
)
"""Gradio's ``gr.HTML.EVENTS``: every event name; ``js_on_load`` decides which fire."""

_SCRIPT_TAG = re.compile(r"<script[\s>]", re.IGNORECASE)


def _warn_if_script(content: object) -> None:
    if isinstance(content, str) and _SCRIPT_TAG.search(content):
        warnings.warn(
            "gr.HTML: a <script> tag in the HTML will not run (HTML inserted into the page "
            "never runs its scripts). Load libraries with head='<script src=...>' and put "
            "code in js_on_load.",
            UserWarning,
            stacklevel=3,
        )


class HTML(Component):
    """HTML shown in the page, built from Gradio 6's templates.

    ``html_template`` is a JavaScript template literal (``${value}``, ``${count * 2}``)
    that may also use Handlebars (``{{label}}``, ``{{#each value}}``); ``css_template`` is
    scoped to the component (bare declarations style its element); ``js_on_load`` runs
    once with ``element``, ``trigger(event, data)``, ``props``, ``server``, ``upload`` and
    ``watch(names, callback)``.

    Trust: what the app's author writes (the constructor's value and props, the templates,
    ``css_template``, ``js_on_load``, ``head``) is rendered as written, as in Gradio. A value
    or prop that a function returns at run time is sanitised (DOMPurify) before it enters
    the templates, unless ``sanitize_html=False``.

    Args:
        value: the value shown through ``${value}``, or a function called at page load.
        label: the component's name.
        html_template: the HTML template (Gradio's default ``"${value}"``).
        css_template: CSS scoped to this component; a template as well.
        js_on_load: JavaScript run when the component is shown.
        apply_default_css: give the content Gradio's prose styles.
        every: not supported yet (raises ``ConfigError`` when set).
        inputs: not supported yet (raises ``ConfigError`` when set).
        show_label: whether the label is shown.
        scale: relative width in a Row.
        min_width: minimum width in pixels.
        visible: whether the component is shown.
        elem_id: an HTML id, for custom CSS.
        elem_classes: HTML classes, for custom CSS.
        render: place it in the enclosing Blocks now.
        key: identifies it across re-renders.
        preserved_by_key: props kept across a re-render with the same key.
        min_height: the least height (pixels or CSS length).
        max_height: the most height before the content scrolls.
        container: whether it sits in a padded box.
        padding: whether the content gets the block's padding.
        autoscroll: scroll to the bottom when the content changes.
        buttons: not supported yet (raises ``ConfigError`` when set).
        head: ``<script>``/``<link>`` tags added to the page's head before ``js_on_load``.
        server_functions: not supported yet (raises ``ConfigError`` when set).
        sanitize_html: gradiate's opt-out: ``False`` renders values that functions return
            unsanitised (only for HTML the app itself produced).
        **props: extra values the templates and ``js_on_load`` see by name.
    """

    EVENTS = ALL_EVENTS
    change = EventListener("change")
    input = EventListener("input")
    click = EventListener("click")
    double_click = EventListener("double_click")
    submit = EventListener("submit")
    select = EventListener("select")
    focus = EventListener("focus")
    blur = EventListener("blur")
    copy = EventListener("copy")

    def __init__(
        self,
        value: Any | Callable[..., Any] | None = None,
        *,
        label: str | None = None,
        html_template: str = "${value}",
        css_template: str = "",
        js_on_load: str | None = DEFAULT_JS_ON_LOAD,
        apply_default_css: bool = True,
        every: float | None = None,
        inputs: Component | Sequence[Component] | set[Component] | None = None,
        show_label: bool = False,
        scale: int | None = None,
        min_width: int | None = None,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        preserved_by_key: list[str] | str | None = "value",
        min_height: int | None = None,
        max_height: int | None = None,
        container: bool = False,
        padding: bool = False,
        autoscroll: bool = False,
        buttons: list[Any] | None = None,
        head: str | None = None,
        server_functions: list[Callable[..., Any]] | None = None,
        sanitize_html: bool = True,
        **props: Any,
    ) -> None:
        refuse_unsupported(
            self, every=every, inputs=inputs, buttons=buttons, server_functions=server_functions
        )
        # The template only: a value's <script> is content like any other (and removed once
        # a function returns it), so warning there would flag hostile data as a mistake.
        _warn_if_script(html_template)
        self.html_template = html_template
        self.css_template = css_template
        self.js_on_load = js_on_load
        self.apply_default_css = apply_default_css
        self.min_height = min_height
        self.max_height = max_height
        self.padding = padding
        self.autoscroll = autoscroll
        self.head = head
        self.sanitize_html = sanitize_html
        self.buttons: list[Any] = []
        self.props = props
        """The extra keyword props, sent as Gradio does: ``{"props": {...}}``."""
        self.component_class_name = type(self).__name__
        super().__init__(
            value,
            label=label,
            show_label=show_label,
            container=container,
            scale=scale,
            min_width=160 if min_width is None else min_width,
            visible=visible is True,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def __getattr__(self, name: str) -> Callable[..., Any]:
        """A listener for a custom event that ``js_on_load`` triggers (``trigger('name')``)."""
        js = self.__dict__.get("js_on_load") or ""
        if not name.startswith("_") and re.search(rf"""['"`]{re.escape(name)}['"`]""", js):
            return BoundListener(self, name)
        raise AttributeError(
            f"'{type(self).__name__}' object has no attribute '{name}'. If '{name}' is a custom "
            f"event, trigger it from js_on_load with trigger('{name}')."
        )

    def __enter__(self) -> HTML:
        """``with gr.HTML(...):`` children are not supported yet.

        Raises:
            ConfigError: always, naming the feature.
        """
        raise ConfigError(
            "gr.HTML(...) as a `with` block: gradiate does not support child components in "
            "gr.HTML (the template's @children) yet; place the components next to it instead."
        )

    def __exit__(self, *exc_info: object) -> None:
        """Never reached: ``__enter__`` raises."""

    @classmethod
    def has_event(cls, event_name: str) -> bool:
        """Any event name: ``js_on_load`` may trigger events Gradio does not list."""
        return True

    def get_props(self) -> dict[str, Any]:
        """Props for the browser, with the class name Gradio reports errors under."""
        props = super().get_props()
        props["component_class_name"] = self.component_class_name
        return props

    def preprocess(self, payload: Any) -> Any:
        """The value as the browser holds it."""
        return payload

    def postprocess(self, value: Any) -> Any:
        """The value as is: a string, or any JSON value the templates use."""
        return value

    def api_info(self) -> dict[str, Any]:
        """A string."""
        return {"type": "string"}

    def example_payload(self) -> str:
        """A paragraph."""
        return "<p>Hello</p>"

    def example_value(self) -> str:
        """A paragraph."""
        return "<p>Hello</p>"
