"""Event wiring: ``btn.click(fn, inputs, outputs)``, ``.then()``, ``gr.on()``.

Calling a listener records a ``BlockFunction`` in the Blocks being built and returns a
``Dependency`` handle. Nothing here runs a function: the engine does that.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, overload

from gradiate import context
from gradiate.exceptions import ConfigError

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.components.base import Block, BlockContext, Component

ShowProgress = Literal["full", "minimal", "hidden"]
TriggerMode = Literal["once", "multiple", "always_last"]
ConcurrencyLimit = int | None | Literal["default"]


class _Decorator:
    """Marker for ``fn`` left out: the listener is used as a decorator."""


DECORATOR = _Decorator()


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
    is_generator: bool = field(init=False)
    is_async: bool = field(init=False)

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
            "collects_event_data": False,
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


@dataclass
class EventData:
    """What the browser says about the event that ran a function (Gradio's ``gr.EventData``)."""

    target: Block | None
    data: Any = None


class Dependency:
    """The handle returned by a listener: chain with ``.then()``, cancel with ``cancels=``."""

    def __init__(self, root: Blocks, block_fn: BlockFunction) -> None:
        self.root = root
        self.block_fn = block_fn
        self.fn_index = block_fn.id

    def then(self, fn: Callable[..., Any] | None = None, *args: Any, **kwargs: Any) -> Dependency:
        """Run ``fn`` after this event finishes, whether it succeeded or not."""
        return self._chain(fn, args, kwargs)

    def success(
        self, fn: Callable[..., Any] | None = None, *args: Any, **kwargs: Any
    ) -> Dependency:
        """Run ``fn`` after this event finishes without an error."""
        return self._chain(fn, args, kwargs, trigger_only_on_success=True)

    def failure(
        self, fn: Callable[..., Any] | None = None, *args: Any, **kwargs: Any
    ) -> Dependency:
        """Run ``fn`` after this event ends with an error."""
        return self._chain(fn, args, kwargs, trigger_only_on_failure=True)

    def _chain(
        self,
        fn: Callable[..., Any] | None,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        **flags: bool,
    ) -> Dependency:
        return self.root.add_event([], fn, *args, trigger_after=self.block_fn.id, **flags, **kwargs)


class BoundListener:
    """A block's event, ready to be wired: ``btn.click(fn, inputs, outputs)``."""

    def __init__(self, block: Block | None, event_name: str) -> None:
        self.block = block
        self.event_name = event_name

    @overload
    def __call__(
        self, fn: _Decorator = ..., inputs: Any = ..., outputs: Any = ..., **kwargs: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]: ...

    @overload
    def __call__(
        self, fn: Callable[..., Any] | None, inputs: Any = ..., outputs: Any = ..., **kwargs: Any
    ) -> Dependency: ...

    def __call__(
        self,
        fn: Callable[..., Any] | _Decorator | None = DECORATOR,
        inputs: Any = None,
        outputs: Any = None,
        **kwargs: Any,
    ) -> Dependency | Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Run ``fn`` with ``inputs``' values when the event fires; show its result in ``outputs``.

        Keyword options are Gradio's: ``api_name``, ``queue``, ``concurrency_limit``,
        ``concurrency_id``, ``show_progress``, ``js``, ``trigger_mode``, ``cancels``,
        ``preprocess``, ``postprocess``, ``batch``, ``max_batch_size``, ``api_visibility``.
        """
        if isinstance(fn, _Decorator):

            def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
                self(func, inputs, outputs, **kwargs)
                return func

            return decorate
        return on([self], fn, inputs, outputs, **kwargs)


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
    triggers: Sequence[BoundListener] | BoundListener | None,
    fn: Callable[..., Any] | None = None,
    inputs: Any = None,
    outputs: Any = None,
    **kwargs: Any,
) -> Dependency:
    """Run ``fn`` when any of ``triggers`` fires (Gradio's ``gr.on``).

    Args:
        triggers: listeners such as ``[btn.click, box.submit]``; ``None`` means every
            input's ``change`` event.
        fn: the function to run, or ``None`` for a JavaScript-only or cancel event.
        inputs: components whose values are passed to ``fn``.
        outputs: components that show ``fn``'s return values.
        **kwargs: the listener options (``api_name``, ``concurrency_limit``, …).

    Returns:
        The dependency, to chain with ``.then()`` or pass in ``cancels=``.

    Raises:
        ConfigError: when called outside a ``with gr.Blocks()`` body.
    """
    root = context.current_root.get()
    if root is None:
        raise ConfigError(
            "Event listeners must be set up inside a `with gr.Blocks():` body; "
            "move this call into the block that builds the app."
        )
    if triggers is None:
        listeners = None
    elif isinstance(triggers, BoundListener):
        listeners = [triggers]
    else:
        listeners = list(triggers)
    return root.add_event(listeners, fn, inputs, outputs, **kwargs)
