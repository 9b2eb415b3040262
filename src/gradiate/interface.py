"""``gr.Interface``: a whole app for one function, from its inputs and outputs."""

from __future__ import annotations

import html
import inspect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from gradiate.blocks import Blocks
from gradiate.component_lookup import component_from
from gradiate.components.base import Component
from gradiate.data.cache_plan import DEFAULT_DELETE_CACHE
from gradiate.events import BoundListener, ConcurrencyLimit, ShowProgress
from gradiate.exceptions import ConfigError
from gradiate.fn_params import call_plan
from gradiate.unsupported import refuse_unsupported, warn_unsupported

if TYPE_CHECKING:
    from gradiate.components.button import Button

ComponentSpec = Component | str


class Interface(Blocks):
    """An app for one function: input components, a Submit button, output components.

    Args:
        fn: the function to wrap; it takes one argument per input.
        inputs: components, shortcut strings (``"text"``) or a list of them; ``None`` for none.
        outputs: components, shortcut strings or a list; ``None`` for none.
        examples: the examples table is not supported yet (``ConfigError``).
        cache_examples: only used with examples (ignored, with a warning).
        cache_mode: only used with examples (ignored, with a warning).
        examples_per_page: only used with examples (ignored, with a warning).
        example_labels: only used with examples (ignored, with a warning).
        preload_example: only used with examples (ignored, with a warning).
        live: run on every change instead of on Submit.
        title: a heading above the app.
        description: Markdown under the title.
        article: Markdown under the app.
        flagging_mode: ``None`` or ``"never"``; flagging is not supported yet.
        flagging_options: only used with flagging (ignored, with a warning).
        flagging_dir: only used with flagging (ignored, with a warning).
        flagging_callback: only used with flagging (ignored, with a warning).
        analytics_enabled: gradiate sends no analytics (True is ignored with a warning).
        batch: batched calls are not supported yet (``ConfigError`` for True).
        max_batch_size: the largest batch, with ``batch``.
        api_visibility: how the endpoint is listed: public, undocumented or private.
        api_name: the endpoint's name; the function's name when ``None``.
        api_description: the endpoint's description in the API page.
        allow_duplication: a Spaces "Duplicate" button (ignored, with a warning).
        concurrency_limit: how many runs at once; ``"default"`` follows ``.queue()``.
        additional_inputs: not supported yet (``ConfigError``).
        additional_inputs_accordion: only used with additional inputs (ignored).
        submit_btn: the Submit button's text.
        stop_btn: the Stop button's text, or ``False`` for none. When ``fn`` is a generator,
            Submit turns into this button while it runs; a click cancels the run.
        clear_btn: the Clear button's text, or ``None`` for no Clear button.
        delete_cache: see ``gr.Blocks``.
        show_progress: ``"full"``, ``"minimal"`` or ``"hidden"``.
        fill_width: let the app fill the browser's width.
        time_limit: limits streaming events, which gradiate has not got yet (warning).
        stream_every: the interval of streaming inputs (ignored, with a warning).
        deep_link: a button that links to this result (ignored, with a warning).
        validator: not supported yet (``ConfigError``).
        **kwargs: the options of ``gr.Blocks`` (``css``, ``theme``, ``head``…).
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: ComponentSpec | Sequence[ComponentSpec] | None,
        outputs: ComponentSpec | Sequence[ComponentSpec] | None,
        examples: Any = None,
        *,
        cache_examples: bool | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        examples_per_page: int = 10,
        example_labels: list[str] | None = None,
        preload_example: int | Literal[False] = 0,
        live: bool = False,
        title: str | None = None,
        description: str | None = None,
        article: str | None = None,
        flagging_mode: Literal["never", "auto", "manual"] | None = None,
        flagging_options: list[str] | list[tuple[str, str]] | None = None,
        flagging_dir: str = ".gradio/flagged",
        flagging_callback: Any = None,
        analytics_enabled: bool | None = None,
        batch: bool = False,
        max_batch_size: int = 4,
        api_visibility: Literal["public", "private", "undocumented"] = "public",
        api_name: str | Literal[False] | None = None,
        api_description: str | Literal[False] | None = None,
        allow_duplication: bool = False,
        concurrency_limit: ConcurrencyLimit = "default",
        additional_inputs: ComponentSpec | Sequence[ComponentSpec] | None = None,
        additional_inputs_accordion: Any = None,
        submit_btn: str = "Submit",
        stop_btn: str | bool = "Stop",
        clear_btn: str | None = "Clear",
        delete_cache: tuple[int, int] | None = DEFAULT_DELETE_CACHE,
        show_progress: ShowProgress = "full",
        fill_width: bool = False,
        time_limit: int | None = 30,
        stream_every: float = 0.5,
        deep_link: Any = None,
        validator: Callable[..., Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if not callable(fn):
            raise ConfigError(f"Interface(fn={fn!r}): fn must be a function.")
        refuse_unsupported(
            self, examples=examples, batch=batch, additional_inputs=additional_inputs,
            validator=validator, flagging_mode=None if flagging_mode == "never" else flagging_mode,
        )  # fmt: skip
        warn_unsupported(
            self, cache_examples=cache_examples, cache_mode=cache_mode,
            examples_per_page=examples_per_page, example_labels=example_labels,
            preload_example=preload_example, flagging_options=flagging_options,
            flagging_dir=flagging_dir, flagging_callback=flagging_callback,
            allow_duplication=allow_duplication,
            additional_inputs_accordion=additional_inputs_accordion, stop_btn=stop_btn,
            time_limit=time_limit, stream_every=stream_every, deep_link=deep_link,
        )  # fmt: skip
        for option, text in (("submit_btn", submit_btn), ("clear_btn", clear_btn)):
            if text is not None and not isinstance(text, str):
                raise ConfigError(
                    f"Interface({option}={text!r}): gradiate takes the button's text here, "
                    "not a gr.Button, yet; pass a string."
                )
        super().__init__(
            analytics_enabled=analytics_enabled,
            mode="interface",
            title=title or "gradiate",
            fill_width=fill_width,
            delete_cache=delete_cache,
            **kwargs,
        )
        self.api_visibility: Literal["public", "private", "undocumented"] = api_visibility
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
        api_description: str | Literal[False] | None,
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
                "api_description": api_description if api_description is not False else None,
                "api_visibility": self.api_visibility,
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
    # Injected parameters (gr.Request, gr.EventData, gr.Progress) name no input.
    params = [slot.name for slot in call_plan(fn).slots if slot.kind in ("input", "default")]
    for index, component in enumerate(components):
        if component.label is None:
            component.label = params[index] if index < len(params) else f"input {index}"


def _label_outputs(components: list[Component]) -> None:
    for index, component in enumerate(components):
        if component.label is None:
            component.label = "output" if len(components) == 1 else f"output {index}"
