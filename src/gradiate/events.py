"""Event wiring: ``btn.click(fn, inputs, outputs)``, ``.then()``, ``gr.on()``.

Calling a listener records a ``BlockFunction`` in the Blocks being built and returns a
``Dependency`` handle. Nothing here runs a function: the engine does that.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from gradiate import context
from gradiate.exceptions import ConfigError
from gradiate.unsupported import refuse_unsupported, warn_unsupported

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.components.base import Block, BlockContext, Component
    from gradiate.fn_params import CallPlan

ShowProgress = Literal["full", "minimal", "hidden"]
TriggerMode = Literal["once", "multiple", "always_last"]
ConcurrencyLimit = int | None | Literal["default"]


DECORATOR = "decorator"
"""Gradio's default for ``fn``: the listener is used as a decorator (``@btn.click(...)``)."""


@dataclass(eq=False)
class BlockFunction:
    """One dependency: which triggers run which function on which inputs and outputs."""

    id: int
    fn: Callable[..., Any] | None
    inputs: list[Component]
    outputs: list[Component | BlockContext]
    """Components get values; layouts (Row, Column) only ``gr.update()``s."""
    targets: list[tuple[int | None, str]]
    api_name: str
    api_visibility: Literal["public", "undocumented", "private"] = "public"
    api_description: str | None = None
    queue: bool = True
    concurrency_limit: ConcurrencyLimit = "default"
    concurrency_id: str = ""
    show_progress: ShowProgress = "full"
    js: str | None = None
    preprocess: bool = True
    postprocess: bool = True
    batch: bool = False
    max_batch_size: int = 4
    trigger_after: int | None = None
    trigger_only_on_success: bool = False
    trigger_only_on_failure: bool = False
    trigger_mode: TriggerMode = "once"
    cancels: list[int] = field(default_factory=list)
    is_cancel: bool = False
    scroll_to_output: bool = False
    time_limit: float | None = None
    inputs_as_dict: bool = False
    """Inputs were given as a set: the function gets one ``{component: value}`` dict."""
    plan: CallPlan | None = None
    """Which parameters take inputs and which gradiate fills (``None``: no function)."""
    is_generator: bool = field(init=False)
    is_async: bool = field(init=False)

    @property
    def processes_files(self) -> bool:
        """Whether an input or output handles files: its processing runs in a worker thread."""
        return any(
            getattr(block, "processes_files", False) for block in (*self.inputs, *self.outputs)
        )

    def __post_init__(self) -> None:
        fn = self.fn
        self.is_generator = inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)
        self.is_async = inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn)
        if not self.concurrency_id:
            self.concurrency_id = str(self.id)

    def get_config(self) -> dict[str, Any]:
        """This dependency's entry in the config's ``dependencies`` list."""
        return {
            "id": self.id,
            "targets": [list(target) for target in self.targets],
            "inputs": [block.id for block in self.inputs],
            "outputs": [block.id for block in self.outputs],
            "backend_fn": self.fn is not None,
            "js": self.js,
            "queue": self.queue,
            "api_name": self.api_name,
            "api_description": self.api_description,
            "scroll_to_output": self.scroll_to_output,
            "show_progress": self.show_progress,
            "show_progress_on": None,
            "batch": self.batch,
            "max_batch_size": self.max_batch_size,
            "cancels": self.cancels,
            "types": {"generator": self.is_generator, "cancel": self.is_cancel},
            "collects_event_data": self.plan is not None and self.plan.collects_event_data,
            "trigger_after": self.trigger_after,
            "trigger_only_on_success": self.trigger_only_on_success,
            "trigger_only_on_failure": self.trigger_only_on_failure,
            "trigger_mode": self.trigger_mode,
            "api_visibility": self.api_visibility,
            "show_api": self.api_visibility == "public",
            "rendered_in": None,
            "render_id": None,
            "connection": "sse",
            "time_limit": self.time_limit,
            "stream_every": 0.5,
            "event_specific_args": None,
            "component_prop_inputs": [],
            "js_implementation": None,
        }


class EventData:
    """What the browser says about the event that ran a function (Gradio's ``gr.EventData``).

    Declare a parameter annotated ``gr.EventData`` (or a subclass such as
    ``gr.SelectData``) and gradiate passes it in; it is not an input.

    Args:
        target: the component whose event ran the function, if known.
        data: the event's data as the browser sent it.
    """

    def __init__(self, target: Block | None, data: Any) -> None:
        self.target = target
        self._data = data

    def __repr__(self) -> str:
        return f"{type(self).__name__}(target={self.target!r}, data={self._data!r})"


class SelectData(EventData):
    """The data of a ``.select`` event (Gradio's ``gr.SelectData``).

    Attributes are read from the browser's event data: ``index`` (position of the chosen
    item), ``value`` (its value), ``selected`` (False when it was deselected),
    ``row_value`` and ``col_value`` (for tables).
    """

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        fields: dict[str, Any] = data if isinstance(data, dict) else {}
        self.index: Any = fields.get("index")
        self.value: Any = fields.get("value")
        self.row_value: Any = fields.get("row_value")
        self.col_value: Any = fields.get("col_value")
        self.selected: bool = bool(fields.get("selected", True))


class KeyUpData(EventData):
    """The data of a ``.key_up`` event (Gradio's ``gr.KeyUpData``).

    ``key`` is the key pressed; ``input_value`` is the text in the input after it, which
    can differ from the component's value (a Dropdown updates it only on Enter).
    """

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        fields: dict[str, Any] = data if isinstance(data, dict) else {}
        self.key: str | None = fields.get("key")
        self.input_value: Any = fields.get("input_value")


class CopyData(EventData):
    """The data of a ``.copy`` event (Gradio's ``gr.CopyData``): the copied ``value``."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        fields: dict[str, Any] = data if isinstance(data, dict) else {}
        self.value: Any = fields.get("value")


class Dependency:
    """The handle returned by a listener: chain with ``.then()``, cancel with ``cancels=``."""

    def __init__(self, root: Blocks, block_fn: BlockFunction) -> None:
        self.root = root
        self.block_fn = block_fn

    @property
    def fn_index(self) -> int:
        """The dependency's id in its app (it changes when the app is rendered in another)."""
        return self.block_fn.id

    @property
    def then(self) -> BoundListener:
        """Run a function after this event finishes, whether it succeeded or not."""
        return ChainedListener(self, "then", {})

    @property
    def success(self) -> BoundListener:
        """Run a function after this event finishes without an error."""
        return ChainedListener(self, "success", {"trigger_only_on_success": True})

    @property
    def failure(self) -> BoundListener:
        """Run a function after this event ends with an error."""
        return ChainedListener(self, "failure", {"trigger_only_on_failure": True})


_ADD_EVENT_OPTIONS = (
    "api_name", "api_description", "scroll_to_output", "show_progress", "queue", "batch",
    "max_batch_size", "preprocess", "postprocess", "cancels", "trigger_mode", "js",
    "concurrency_limit", "concurrency_id", "api_visibility", "time_limit",
)  # fmt: skip
"""The listener options passed on to ``Blocks.add_event``; the others are checked here."""


def check_listener_options(shown_as: str, options: dict[str, Any]) -> dict[str, Any]:
    """Refuse or warn about listener options gradiate cannot honour; return the rest.

    Raises:
        ConfigError: for ``batch=True``, ``validator``, ``inputs_kwargs`` or ``js=True``.
    """
    given = {name: options[name] for name in ("batch", "validator", "inputs_kwargs")}
    refuse_unsupported(on, shown_as=shown_as, **given)
    if options["js"] is True:
        raise ConfigError(
            f"{shown_as}(js=True): gradiate cannot turn a Python function into JavaScript; "
            "pass the JavaScript source as a string instead."
        )
    cosmetic = ("show_progress_on", "time_limit", "stream_every")
    warn_unsupported(on, shown_as=shown_as, **{name: options[name] for name in cosmetic})
    return {name: options[name] for name in _ADD_EVENT_OPTIONS}


class BoundListener:
    """A block's event, ready to be wired: ``btn.click(fn, inputs, outputs)``."""

    def __init__(self, block: Block | None, event_name: str) -> None:
        self.block = block
        self.event_name = event_name

    def __call__(
        self,
        fn: Callable[..., Any] | Literal["decorator"] | None = DECORATOR,
        inputs: Any = None,
        outputs: Any = None,
        api_name: str | Literal[False] | None = None,
        api_description: str | Literal[False] | None = None,
        scroll_to_output: bool = False,
        show_progress: ShowProgress = "full",
        show_progress_on: Component | Sequence[Component] | None = None,
        queue: bool = True,
        batch: bool = False,
        max_batch_size: int = 4,
        preprocess: bool = True,
        postprocess: bool = True,
        cancels: Dependency | Sequence[Dependency] | None = None,
        trigger_mode: TriggerMode | None = None,
        js: str | Literal[True] | None = None,
        concurrency_limit: ConcurrencyLimit = "default",
        concurrency_id: str | None = None,
        api_visibility: Literal["public", "private", "undocumented"] = "public",
        time_limit: float | None = None,
        stream_every: float = 0.5,
        key: int | str | tuple[int | str, ...] | None = None,
        validator: Callable[..., Any] | None = None,
        inputs_kwargs: dict[str, Component] | None = None,
    ) -> Dependency:
        """Run ``fn`` with ``inputs``' values when the event fires; show its result in ``outputs``.

        The options are Gradio's, in Gradio's positional order; ``gr.on`` describes each.
        ``batch=True``, ``validator`` and ``inputs_kwargs`` are not supported yet and raise
        ``ConfigError``; ``show_progress_on``, ``time_limit`` and ``stream_every`` have no
        effect yet (one warning each); ``key`` matters only to re-rendered blocks, which
        gradiate does not have.

        Returns:
            The dependency, to chain with ``.then()``; with ``fn`` left out, a decorator.
        """
        options = dict(locals())  # every parameter: Gradio's 24, passed on together
        for name in ("self", "fn", "inputs", "outputs"):
            del options[name]
        checked = check_listener_options(self._shown_as(), options)
        if fn == DECORATOR:

            def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
                self._wire(func, inputs, outputs, checked)
                return func

            return cast("Dependency", decorate)  # Gradio's annotation, also for decorators
        return self._wire(cast("Callable[..., Any] | None", fn), inputs, outputs, checked)

    def _shown_as(self) -> str:
        owner = type(self.block).__name__ if self.block is not None else "gr"
        return f"{owner}.{self.event_name}"

    def _wire(
        self, fn: Callable[..., Any] | None, inputs: Any, outputs: Any, options: dict[str, Any]
    ) -> Dependency:
        return _add_to_current_root([self], fn, inputs, outputs, options)


class ChainedListener(BoundListener):
    """``dep.then`` / ``.success`` / ``.failure``: runs after another event."""

    def __init__(self, dependency: Dependency, name: str, flags: dict[str, bool]) -> None:
        super().__init__(None, name)
        self.dependency = dependency
        self.flags = flags

    def _shown_as(self) -> str:
        return f"Dependency.{self.event_name}"

    def _wire(
        self, fn: Callable[..., Any] | None, inputs: Any, outputs: Any, options: dict[str, Any]
    ) -> Dependency:
        after = self.dependency.block_fn.id
        # Inside a parent's `with` body, a rendered app's chains belong to the parent.
        root = context.current_root.get() or self.dependency.root
        return root.add_event([], fn, inputs, outputs, trigger_after=after, **self.flags, **options)


class RootListener(BoundListener):
    """``demo.load``: also usable after the ``with gr.Blocks()`` body has closed."""

    def _wire(
        self, fn: Callable[..., Any] | None, inputs: Any, outputs: Any, options: dict[str, Any]
    ) -> Dependency:
        root = context.current_root.get() or cast("Blocks", self.block)
        return root.add_event(None, fn, inputs, outputs, targets=[(0, "load")], **options)


class EventListener:
    """A class attribute that makes ``component.<event>(...)`` available."""

    def __init__(self, event_name: str) -> None:
        self.event_name = event_name

    @overload
    def __get__(self, block: None, owner: type) -> EventListener: ...

    @overload
    def __get__(self, block: Block, owner: type) -> BoundListener: ...

    def __get__(self, block: Block | None, owner: type) -> EventListener | BoundListener:
        if block is None:
            return self
        return BoundListener(block, self.event_name)


def on(
    triggers: Sequence[BoundListener] | BoundListener | None = None,
    fn: Callable[..., Any] | Literal["decorator"] | None = DECORATOR,
    inputs: Any = None,
    outputs: Any = None,
    *,
    inputs_kwargs: dict[str, Component] | None = None,
    api_visibility: Literal["public", "private", "undocumented"] = "public",
    api_name: str | Literal[False] | None = None,
    api_description: str | Literal[False] | None = None,
    scroll_to_output: bool = False,
    show_progress: ShowProgress = "full",
    show_progress_on: Component | Sequence[Component] | None = None,
    queue: bool = True,
    batch: bool = False,
    max_batch_size: int = 4,
    preprocess: bool = True,
    postprocess: bool = True,
    cancels: Dependency | Sequence[Dependency] | None = None,
    trigger_mode: TriggerMode | None = None,
    js: str | Literal[True] | None = None,
    concurrency_limit: ConcurrencyLimit = "default",
    concurrency_id: str | None = None,
    time_limit: float | None = None,
    stream_every: float = 0.5,
    key: int | str | tuple[int | str, ...] | None = None,
    validator: Callable[..., Any] | None = None,
) -> Dependency:
    """Run ``fn`` when any of ``triggers`` fires (Gradio's ``gr.on``).

    Args:
        triggers: listeners such as ``[btn.click, box.submit]``; ``None`` means every
            input's ``change`` event.
        fn: the function to run, or ``None`` for a JavaScript-only or cancel event; left
            out, ``gr.on`` returns a decorator.
        inputs: components whose values are passed to ``fn``.
        outputs: components that show ``fn``'s return values.
        inputs_kwargs: not supported yet (``ConfigError``).
        api_visibility: how the endpoint is listed: public, undocumented or private.
        api_name: the endpoint's name; ``False`` for none.
        api_description: the endpoint's description in the API page.
        scroll_to_output: scroll to the outputs when the event finishes.
        show_progress: ``"full"``, ``"minimal"`` or ``"hidden"``.
        show_progress_on: no effect yet (one warning).
        queue: run through the queue.
        batch: not supported yet (``ConfigError`` for True).
        max_batch_size: the largest batch, with ``batch``.
        preprocess: convert the inputs' payloads before calling ``fn``.
        postprocess: convert ``fn``'s results before sending them.
        cancels: events that this event cancels.
        trigger_mode: ``"once"``, ``"multiple"`` or ``"always_last"``.
        js: JavaScript run in the browser before ``fn``.
        concurrency_limit: how many runs at once; ``"default"`` follows ``.queue()``.
        concurrency_id: events with the same id share one limit.
        time_limit: limits streaming events, which gradiate has not got yet (one warning).
        stream_every: the interval of streaming inputs (one warning).
        key: matters only to re-rendered blocks, which gradiate does not have.
        validator: not supported yet (``ConfigError``).

    Returns:
        The dependency, to chain with ``.then()`` or pass in ``cancels=``.

    Raises:
        ConfigError: when called outside a ``with gr.Blocks()`` body, or for an option
            gradiate cannot honour.
    """
    options = dict(locals())  # every parameter: Gradio's, passed on together
    for name in ("triggers", "fn", "inputs", "outputs"):
        del options[name]
    checked = check_listener_options("on", options)
    if triggers is None:
        listeners = None
    elif isinstance(triggers, BoundListener):
        listeners = [triggers]
    else:
        listeners = list(triggers)
    if fn == DECORATOR:

        def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
            _add_to_current_root(listeners, func, inputs, outputs, checked)
            return func

        return cast("Dependency", decorate)  # Gradio's annotation, also for decorators
    return _add_to_current_root(listeners, fn, inputs, outputs, checked)


def _add_to_current_root(
    listeners: list[BoundListener] | None,
    fn: Callable[..., Any] | Literal["decorator"] | None,
    inputs: Any,
    outputs: Any,
    options: dict[str, Any],
) -> Dependency:
    root = context.current_root.get()
    if root is None:
        raise ConfigError(
            "Event listeners must be set up inside a `with gr.Blocks():` body; "
            "move this call into the block that builds the app."
        )
    return root.add_event(
        listeners, cast("Callable[..., Any] | None", fn), inputs, outputs, **options
    )
