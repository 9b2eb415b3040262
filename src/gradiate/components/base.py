"""Base classes of every component and layout block.

A ``Block`` is anything placed in the page; a ``Component`` is a block that holds a value
and converts it between the wire payload (``preprocess``/``postprocess``); a
``BlockContext`` is a layout block that other blocks are placed inside with ``with``.
The props sent to the browser are read from the attributes named like the constructor's
parameters, so a component declares each prop once, in its signature.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from gradiate import context
from gradiate.unsupported import refuse_unsupported, unexpected_keywords

if TYPE_CHECKING:
    from typing_extensions import Self

    from gradiate.blocks import Blocks

_NOT_PROPS = frozenset({"self", "value", "render", "key", "every", "inputs", "kwargs", "args"})


@cache
def _prop_names(cls: type) -> tuple[str, ...]:
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for name in inspect.signature(init).parameters:
            if name not in _NOT_PROPS and not name.startswith("_") and name not in names:
                names.append(name)
    return tuple(names)


def _as_names(names: list[str] | str | None) -> list[str]:
    if names is None:
        return []
    return [names] if isinstance(names, str) else list(names)


class Block:
    """Anything that is placed in the page: a component or a layout block.

    Args:
        visible: whether the block is shown.
        elem_id: an HTML id for the block, for custom CSS.
        elem_classes: HTML classes for the block, for custom CSS.
        render: place the block in the enclosing ``Blocks``/layout now; ``False`` lets the
            app place it later with ``.render()``.
        key: identifies the block across re-renders (kept for Gradio compatibility).
        preserved_by_key: the props kept across re-renders of a block with the same ``key``.
    """

    EVENTS: ClassVar[tuple[str, ...]] = ()
    """Names of the events this block can trigger."""

    skip_api: ClassVar[bool] = False
    """True for blocks that carry no value over the API (layouts, buttons, state)."""

    _constructor_args: tuple[tuple[Any, ...], dict[str, Any]]

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        # Kept so that a block returned from a function can be sent as an update carrying
        # only the props its caller set, as Gradio sends `return gr.Textbox(visible=False)`.
        block = super().__new__(cls)
        block._constructor_args = (args, kwargs)
        return block

    def __init__(
        self,
        *,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        self._id = -1
        # Gradio's "hidden" keeps the block in the page but not shown: here, not shown.
        self.visible = False if visible == "hidden" else visible
        self.elem_id = elem_id
        self.elem_classes = [elem_classes] if isinstance(elem_classes, str) else elem_classes
        self.key = key
        self.preserved_by_key = _as_names(preserved_by_key)
        self.parent: BlockContext | None = None
        self.root: Blocks | None = None
        if render:
            self.render()

    @property
    def id(self) -> int:
        """The block's id in its app's config; -1 until it is rendered."""
        return self._id

    def render(self) -> Self:
        """Place this block in the ``Blocks`` and layout block being built."""
        root = context.current_root.get()
        parent = context.current_parent.get()
        if root is None or parent is None:
            return self
        if self.root is root:
            return self
        root.register_block(self)
        self.parent = parent
        parent.children.append(self)
        return self

    def unrender(self) -> Self:
        """Take this block out of its layout parent (it keeps its id)."""
        if self.parent is not None and self in self.parent.children:
            self.parent.children.remove(self)
        self.parent = None
        return self

    def constructor_update(self) -> dict[str, Any]:
        """The props this block's constructor was given, as a ``gr.update(...)`` dict."""
        args, kwargs = self._constructor_args
        try:
            bound = inspect.signature(type(self).__init__).bind_partial(self, *args, **kwargs)
        except TypeError:
            bound = None
        passed = dict(bound.arguments) if bound is not None else dict(kwargs)
        passed.pop("self", None)
        passed.update(passed.pop("kwargs", None) or {})
        ignored = _NOT_PROPS - {"value"}
        props = {name: value for name, value in passed.items() if name not in ignored}
        if callable(props.get("value")):
            del props["value"]  # a load-time function is not a value to show
        return {**props, "__type__": "update"}

    def get_block_name(self) -> str:
        """The block's ``type`` in the config: its class name in lower case."""
        return type(self).__name__.lower()

    def get_props(self) -> dict[str, Any]:
        """The props sent to the browser, read from attributes named like ``__init__``'s."""
        props: dict[str, Any] = {}
        for name in _prop_names(type(self)):
            if hasattr(self, name):
                attr = getattr(self, name)
                if not callable(attr) or isinstance(attr, (str, int, float, bool, list, dict)):
                    props[name] = attr
        props["name"] = self.get_block_name()
        return props

    def get_config(self) -> dict[str, Any]:
        """This block's entry in the config's ``components`` list."""
        return {
            "id": self._id,
            "type": self.get_block_name(),
            "props": self.get_props(),
            "skip_api": self.skip_api,
            "key": self.key,
        }

    @classmethod
    def has_event(cls, event_name: str) -> bool:
        """Whether blocks of this class can trigger ``event_name``."""
        return event_name in cls.EVENTS

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self._id})"


class BlockContext(Block):
    """A layout block: other blocks created inside ``with`` it are placed in it."""

    skip_api = True

    def __init__(
        self,
        *,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = None,
        **unexpected: Any,
    ) -> None:
        if unexpected:
            raise unexpected_keywords(self, unexpected)
        self.children: list[Block] = []
        self._parent_token: Any = None
        super().__init__(
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def __enter__(self) -> Self:
        self._parent_token = context.current_parent.set(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        context.current_parent.reset(self._parent_token)

    def get_layout(self) -> dict[str, Any]:
        """The ``{"id", "children"}`` tree below this block."""
        children: list[dict[str, Any]] = []
        for child in self.children:
            if isinstance(child, BlockContext):
                children.append(child.get_layout())
            else:
                children.append({"id": child.id})
        return {"id": self._id, "children": children}


class Component(Block):
    """A block that holds a value the user sees, edits, or gets from a function.

    A component whose ``processes_files`` is True (media, files) has its ``preprocess`` and
    ``postprocess`` run in a worker thread, inside its app's files (``current_files()``).

    Args:
        value: the initial value, or a function called at page load to get it.
        label: the component's name, shown above it and read by screen readers.
        info: helper text shown under the label.
        show_label: whether the label is visible (it stays the accessible name).
        container: whether the component sits in a padded box.
        scale: relative width in a Row (flex-grow).
        min_width: minimum width in pixels.
        interactive: whether the user can edit it; ``None`` decides from its use as input.
        every: re-run a ``value`` function every so many seconds (not supported yet).
        inputs: components whose values a ``value`` function takes (not supported yet).
        visible: whether the component is shown.
        elem_id: an HTML id, for custom CSS.
        elem_classes: HTML classes, for custom CSS.
        render: place it in the enclosing Blocks now.
        key: identifies it across re-renders.
        preserved_by_key: the props kept across re-renders of a block with the same ``key``.
    """

    processes_files: ClassVar[bool] = False

    def __init__(
        self,
        value: Any = None,
        *,
        label: str | None = None,
        info: str | None = None,
        every: float | None = None,
        inputs: Component | Sequence[Component] | set[Component] | None = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int | None = 160,
        interactive: bool | None = None,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        **unexpected: Any,
    ) -> None:
        if unexpected:
            raise unexpected_keywords(self, unexpected)
        refuse_unsupported(self, every=every, inputs=inputs)
        self.label = label
        self.info = info
        self.show_label = True if show_label is None else show_label
        self.container = container
        self.scale = scale
        self.min_width = min_width
        self.interactive = interactive
        self.load_fn: Callable[[], Any] | None = None
        if callable(value):
            self.load_fn = value
            value = None
        self.initial_value = value
        self.value = self.postprocess(value)
        super().__init__(
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def preprocess(self, payload: Any) -> Any:
        """Convert the wire payload into the value the user's function receives."""
        return payload

    def postprocess(self, value: Any) -> Any:
        """Convert the user's function's return value into the wire payload."""
        return value

    def api_info(self) -> dict[str, Any]:
        """The JSON schema of this component's payload, as Gradio's ``api_info``."""
        return {}

    def api_info_as_input(self) -> dict[str, Any]:
        """The JSON schema of the payload when the component is an event input."""
        return self.api_info()

    def api_info_as_output(self) -> dict[str, Any]:
        """The JSON schema of the payload when the component is an event output."""
        return self.api_info()

    def example_payload(self) -> Any:
        """An example payload, shown in the API page and used by tests."""
        return None

    def example_value(self) -> Any:
        """An example of the value the user's function receives."""
        return self.preprocess(self.example_payload())

    def cleared_value(self) -> Any:
        """The payload a Clear button puts into this component."""
        return self.postprocess(None)

    def initial_payload(self) -> Any:
        """A fresh copy of the component's initial payload."""
        return copy.deepcopy(self.value)

    def get_props(self) -> dict[str, Any]:
        """Props for the browser; ``value`` is included only when it is set."""
        props = super().get_props()
        if self.value is not None:
            props["value"] = self.value
        return props

    def get_config(self) -> dict[str, Any]:
        """This component's config entry, with its API schemas when it has a value."""
        config = super().get_config()
        if not self.skip_api:
            config["api_info"] = self.api_info()
            config["api_info_as_input"] = self.api_info_as_input()
            config["api_info_as_output"] = self.api_info_as_output()
            config["example_inputs"] = self.example_payload()
        return config


class FormComponent(Component):
    """A component that sits in a Form group with its neighbours (inputs like Textbox)."""
