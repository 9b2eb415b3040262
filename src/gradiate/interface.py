"""``gr.Interface``: a whole app for one function, from its inputs and outputs."""

from __future__ import annotations

import html
import inspect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from gradiate.blocks import Blocks
from gradiate.component_lookup import component_from
from gradiate.components.base import Component
from gradiate.events import BoundListener, ConcurrencyLimit, ShowProgress
from gradiate.exceptions import ConfigError

if TYPE_CHECKING:
    from gradiate.components.button import Button

ComponentSpec = Component | str


class Interface(Blocks):
    """An app for one function: input components, a Submit button, output components.

    Args:
        fn: the function to wrap; it takes one argument per input.
        inputs: components, shortcut strings (``"text"``) or a list of them; ``None`` for none.
        outputs: components, shortcut strings or a list; ``None`` for none.
        examples: accepted for Gradio compatibility (the examples table comes later).
        live: run on every change instead of on Submit.
        title: a heading above the app.
        description: Markdown under the title.
        article: Markdown under the app.
        submit_btn: the Submit button's text.
        stop_btn: the Stop button's text, or ``False`` for none. When ``fn`` is a generator,
            Submit turns into this button while it runs; a click cancels the run.
        clear_btn: the Clear button's text, or ``None`` for no Clear button.
        api_name: the endpoint's name; the function's name when ``None``.
        concurrency_limit: how many runs at once; ``"default"`` follows ``.queue()``.
        show_progress: ``"full"``, ``"minimal"`` or ``"hidden"``.
        **kwargs: the options of ``gr.Blocks`` (``css``, ``theme``, ``js``, ``head``…).
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: ComponentSpec | Sequence[ComponentSpec] | None,
        outputs: ComponentSpec | Sequence[ComponentSpec] | None,
        examples: Any = None,
        *,
        cache_examples: bool | None = None,
        title: str | None = None,
        description: str | None = None,
        article: str | None = None,
        live: bool = False,
        submit_btn: str = "Submit",
        stop_btn: str | bool = "Stop",
        clear_btn: str | None = "Clear",
        api_name: str | Literal[False] | None = None,
        api_description: str | None = None,
        concurrency_limit: ConcurrencyLimit = "default",
        show_progress: ShowProgress = "full",
        flagging_mode: str | None = None,
        batch: bool = False,
        max_batch_size: int = 4,
        **kwargs: Any,
    ) -> None:
        if not callable(fn):
            raise ConfigError(f"Interface(fn={fn!r}): fn must be a function.")
        kwargs.pop("allow_flagging", None)
        super().__init__(mode="interface", title=title or "gradiate", **kwargs)
        self.fn = fn
        self.live = live
        self.examples = examples
        self.input_components = [component_from(spec) for spec in _as_list(inputs)]
        self.output_components = [component_from(spec) for spec in _as_list(outputs)]
        _label_inputs(fn, self.input_components)
        _label_outputs(self.output_components)
        self.stop_btn = _stop_text(fn, stop_btn)
        self._build(
            title, description, article, submit_btn, clear_btn, api_name, api_description,
            concurrency_limit, show_progress, batch, max_batch_size,
        )  # fmt: skip

    def _build(
        self,
        title: str | None,
        description: str | None,
        article: str | None,
        submit_btn: str,
        clear_btn: str | None,
        api_name: str | Literal[False] | None,
        api_description: str | None,
        concurrency_limit: ConcurrencyLimit,
        show_progress: ShowProgress,
        batch: bool,
        max_batch_size: int,
    ) -> None:
        from gradiate.components.button import Button
        from gradiate.components.clear_button import ClearButton
        from gradiate.components.html import HTML
        from gradiate.components.markdown import Markdown
        from gradiate.layouts.column import Column
        from gradiate.layouts.row import Row

        with self:
            if title:
                HTML(f"<h1 class='gradiate-title'>{html.escape(title)}</h1>", container=False)
            if description:
                Markdown(description, container=False)
            with Row(equal_height=False):
                with Column(variant="panel"):
                    for component in self.input_components:
                        component.render()
                    with Row():
                        clear = ClearButton(value=clear_btn) if clear_btn else None
                        submit = None if self.live else Button(submit_btn, variant="primary")
                        stop = None
                        if submit is not None and self.stop_btn is not None:
                            stop = Button(self.stop_btn, variant="stop", visible=False)
                with Column(variant="panel"):
                    for component in self.output_components:
                        component.render()
            if article:
                Markdown(article, container=False)
            triggers = self._triggers(submit)
            event_options: dict[str, Any] = {
                "api_name": api_name,
                "api_description": api_description,
                "concurrency_limit": concurrency_limit,
                "show_progress": show_progress,
                "batch": batch,
                "max_batch_size": max_batch_size,
                "trigger_mode": "always_last" if self.live else "once",
            }
            self._wire_run(triggers, submit, stop, event_options)
            if clear is not None:
                clear.add(self.input_components + self.output_components)

    def _wire_run(
        self,
        triggers: list[BoundListener],
        submit: Button | None,
        stop: Button | None,
        options: dict[str, Any],
    ) -> None:
        """The function's event; with a Stop button, Submit swaps for it while it runs.

        As Gradio wires it: the trigger hides Submit and shows Stop, the function runs in
        that event's ``.then``, and its end, or Stop cancelling it, brings Submit back.
        The swaps are browser-only (js) events, so they cost no round trip.
        """
        inputs, outputs = self.input_components, self.output_components
        if submit is None or stop is None:
            self.add_event(triggers, self.fn, inputs, outputs, **options)
            return
        swap = [submit, stop]
        shown = self.add_event(triggers, None, None, swap, js=_SHOW_STOP_JS, api_name=False)
        predict = shown.then(self.fn, inputs, outputs, **options)
        predict.then(None, None, swap, js=_SHOW_SUBMIT_JS, api_name=False)
        stop.click(None, None, swap, js=_SHOW_SUBMIT_JS, cancels=[predict], api_name=False)

    def _triggers(self, submit: Component | None) -> list[BoundListener]:
        if submit is None:
            return [
                BoundListener(component, "change")
                for component in self.input_components
                if component.has_event("change")
            ]
        triggers = [BoundListener(submit, "click")]
        triggers += [
            BoundListener(component, "submit")
            for component in self.input_components
            if component.has_event("submit")
        ]
        return triggers


_SHOW_STOP_JS = (
    '() => [{"__type__": "update", "visible": false}, {"__type__": "update", "visible": true}]'
)
_SHOW_SUBMIT_JS = (
    '() => [{"__type__": "update", "visible": true}, {"__type__": "update", "visible": false}]'
)


def _stop_text(fn: Callable[..., Any], stop_btn: str | bool) -> str | None:
    """The Stop button's text, or None: Gradio shows one for generator functions only."""
    if not isinstance(stop_btn, (str, bool)):
        raise ConfigError(f"Interface(stop_btn={stop_btn!r}): use the button's text or False.")
    if stop_btn is False or not (inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)):
        return None
    return "Stop" if stop_btn is True else stop_btn


def _as_list(specs: ComponentSpec | Sequence[ComponentSpec] | None) -> list[ComponentSpec]:
    if specs is None:
        return []
    if isinstance(specs, (str, Component)):
        return [specs]
    return list(specs)


def _label_inputs(fn: Callable[..., Any], components: list[Component]) -> None:
    """Name unlabelled inputs after the function's parameters, as Gradio does."""
    try:
        params = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        params = []
    for index, component in enumerate(components):
        if component.label is None:
            component.label = params[index] if index < len(params) else f"input {index}"


def _label_outputs(components: list[Component]) -> None:
    for index, component in enumerate(components):
        if component.label is None:
            component.label = "output" if len(components) == 1 else f"output {index}"
