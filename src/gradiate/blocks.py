"""``gr.Blocks``: the app — its component tree, its events and its config."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gradiate import __version__, context
from gradiate.components.base import Block, BlockContext, Component, FormComponent
from gradiate.data.cache_plan import DEFAULT_DELETE_CACHE, CachePlan
from gradiate.data.static_paths import global_static_paths
from gradiate.events import (
    BlockFunction,
    BoundListener,
    ConcurrencyLimit,
    Dependency,
    RootListener,
    ShowProgress,
    TriggerMode,
)
from gradiate.exceptions import ConfigError
from gradiate.fn_params import call_plan, fit_to_inputs
from gradiate.launching import launch, page_options, with_files
from gradiate.queueing import check_concurrency_limit, queue
from gradiate.rendering import render_into
from gradiate.unsupported import warn_unsupported

if TYPE_CHECKING:
    from typing_extensions import Self

    from gradiate.server.running import RunningServer

GRADIO_VERSION = "6.31.0"
"""The Gradio release whose wire protocol gradiate speaks."""


class Blocks(BlockContext):
    """An app built from components, layouts and events (Gradio's ``gr.Blocks``).

    Use it as a context manager; components created in the ``with`` body are placed in
    the app, and their listeners (``.click``…) wire its events. ``launch()`` serves it.

    Args:
        analytics_enabled: gradiate sends no analytics; True is ignored with a warning.
        mode: ``"blocks"`` or ``"interface"``, reported in the config.
        title: the browser tab's title.
        fill_height: let the app fill the browser's height.
        fill_width: let the app fill the browser's width.
        delete_cache: ``(frequency_s, age_s)``: every ``frequency_s`` remove cached files
            older than ``age_s``, and the cache at shutdown. By default clean-up is on
            (unused a day, a 20 GB cap); ``None`` keeps every file, as Gradio's default.
        theme: a built-in theme follows the browser's light or dark preference; another
            theme is ignored with a warning (Gradio 6 takes it in ``launch()``).
        css: custom CSS added to the page (Gradio 6 takes it in ``launch()``).
        css_paths: files whose CSS is added to the page.
        js: custom JavaScript run when the page loads (not supported yet).
        head: custom HTML added to the page's ``<head>``.
        head_paths: files whose HTML is added to the page's ``<head>``.
    """

    EVENTS = ("load", "unload")

    def __init__(
        self,
        analytics_enabled: bool | None = None,
        mode: str = "blocks",
        title: str = "gradiate",
        fill_height: bool = False,
        fill_width: bool = False,
        delete_cache: tuple[int, int] | None = DEFAULT_DELETE_CACHE,
        *,
        theme: object | None = None,
        css: str | None = None,
        css_paths: str | Path | Sequence[str | Path] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | Path | Sequence[str | Path] | None = None,
    ) -> None:
        page_options(self, theme=theme, js=js)
        warn_unsupported(self, analytics_enabled=analytics_enabled)
        CachePlan.from_delete_cache(delete_cache)  # a bad value fails here, not at launch
        self.theme = theme
        self.mode = mode
        self.title = title
        self.css = with_files(css, css_paths, "css_paths")
        self.js = js
        self.head = with_files(head, head_paths, "head_paths")
        self.fill_height = fill_height
        self.fill_width = fill_width
        self.delete_cache = delete_cache
        self.static_paths: list[Path] = global_static_paths()
        self.blocks: dict[int, Block] = {}
        self.fns: dict[int, BlockFunction] = {}
        self._ids = itertools.count(1)
        self._api_names: set[str] = set()
        self._root_token: Any = None
        self._outer: tuple[Blocks, BlockContext] | None = None
        self.load_wired_blocks: set[Block] = set()
        self.max_size: int | None = None
        self.default_concurrency_limit: int | None = 1
        self.queue_backend: str | None = None
        self.app_id = random.getrandbits(63)
        self.show_error = False
        self.max_file_size_bytes: int | None = None
        self.local_url: str | None = None
        self.share_url: str | None = None
        self.server_name: str | None = None
        self.server_port: int | None = None
        self.server: RunningServer | None = None
        self.app: Any = None
        self.is_running = False
        super().__init__(render=False)
        self._id = 0

    # ----- building -----------------------------------------------------------------

    def __enter__(self) -> Self:
        outer_root = context.current_root.get()
        outer_parent = context.current_parent.get()
        if outer_root is not None and outer_root is not self:
            self._outer = (outer_root, outer_parent or outer_root)
        self._root_token = context.current_root.set(self)
        super().__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        super().__exit__(*exc_info)
        context.current_root.reset(self._root_token)
        outer, self._outer = self._outer, None
        if exc_info[0] is None:
            self._finish_building()
            if outer is not None:  # a `with gr.Blocks()` inside another renders into it
                render_into(self, *outer)

    def render(self) -> Self:
        """Place this app's components and events in the ``Blocks`` being built.

        Components get new ids in the parent app, events keep working, and an event
        whose ``api_name`` the parent already has gets a ``_1``, ``_2``… suffix.
        """
        root = context.current_root.get()
        if root is None or root is self:
            return self
        render_into(self, root, context.current_parent.get() or root)
        return self

    def register_block(self, block: Block) -> None:
        """Give ``block`` its id in this app (called when it is rendered)."""
        block._id = next(self._ids)
        block.root = self
        self.blocks[block.id] = block

    def _finish_building(self) -> None:
        _group_form_components(self)
        for block in list(self.blocks.values()):
            if isinstance(block, Component) and block.load_fn is not None:
                if block in self.load_wired_blocks:
                    continue
                self.load_wired_blocks.add(block)
                self.add_event(
                    None,
                    block.load_fn,
                    [],
                    [block],
                    targets=[(0, "load")],
                    api_name=False,
                    show_progress="hidden",
                )

    def add_event(
        self,
        listeners: Sequence[BoundListener] | None,
        fn: Callable[..., Any] | None,
        inputs: Any = None,
        outputs: Any = None,
        *,
        targets: list[tuple[int | None, str]] | None = None,
        api_name: str | Literal[False] | None = None,
        api_description: str | None = None,
        api_visibility: Literal["public", "undocumented", "private"] | None = None,
        show_api: bool = True,
        scroll_to_output: bool = False,
        show_progress: ShowProgress = "full",
        queue: bool = True,
        batch: bool = False,
        max_batch_size: int = 4,
        preprocess: bool = True,
        postprocess: bool = True,
        cancels: Dependency | Sequence[Dependency] | None = None,
        trigger_mode: TriggerMode | None = None,
        js: str | None = None,
        concurrency_limit: ConcurrencyLimit = "default",
        concurrency_id: str | None = None,
        time_limit: float | None = None,
        trigger_after: int | None = None,
        trigger_only_on_success: bool = False,
        trigger_only_on_failure: bool = False,
        **ignored: Any,
    ) -> Dependency:
        """Record one dependency; the listeners (``.click`` …, ``gr.on``) call this."""
        input_list = self._as_components(inputs, "inputs")
        output_list = self._as_outputs(outputs)
        inputs_as_dict = isinstance(inputs, (set, frozenset))
        if targets is None:
            targets = self._targets(listeners, input_list)
        plan = None
        if fn is not None:
            plan = fit_to_inputs(call_plan(fn), fn, 1 if inputs_as_dict else len(input_list))
        check_concurrency_limit(concurrency_limit)
        if show_progress not in ("full", "minimal", "hidden"):
            raise ConfigError(
                f"show_progress={show_progress!r}: use 'full', 'minimal' or 'hidden'."
            )
        name, visibility = self._resolve_api_name(fn, api_name, show_api, api_visibility)
        block_fn = BlockFunction(
            id=len(self.fns),
            fn=fn,
            inputs=input_list,
            outputs=output_list,
            targets=targets,
            api_name=name,
            api_visibility=visibility,
            api_description=api_description,
            queue=queue,
            concurrency_limit=concurrency_limit,
            concurrency_id=concurrency_id or "",
            show_progress=show_progress,
            js=js,
            preprocess=preprocess,
            postprocess=postprocess,
            batch=batch,
            max_batch_size=max_batch_size,
            trigger_after=trigger_after,
            trigger_only_on_success=trigger_only_on_success,
            trigger_only_on_failure=trigger_only_on_failure,
            trigger_mode=trigger_mode or ("always_last" if _is_live(targets) else "once"),
            cancels=[dep.fn_index for dep in _as_list(cancels)],
            scroll_to_output=scroll_to_output,
            time_limit=time_limit,
            inputs_as_dict=inputs_as_dict,
            plan=plan,
        )
        self.fns[block_fn.id] = block_fn
        return Dependency(self, block_fn)

    def _targets(
        self, listeners: Sequence[BoundListener] | None, inputs: list[Component]
    ) -> list[tuple[int | None, str]]:
        if listeners is None:
            return [(block.id, "change") for block in inputs if block.has_event("change")]
        targets: list[tuple[int | None, str]] = []
        for listener in listeners:
            if not isinstance(listener, BoundListener):
                raise ConfigError(
                    f"gr.on(triggers=[…{listener!r}…]): each trigger must be a listener such "
                    "as `button.click`, not the result of calling one."
                )
            block = listener.block
            targets.append((block.id if block is not None else None, listener.event_name))
        return targets

    def _as_components(self, value: Any, role: str) -> list[Component]:
        if value is None:
            return []
        if isinstance(value, (set, frozenset)):
            items: list[Any] = sorted(value, key=_block_order)  # a set has no order of its own
        else:
            items = list(value) if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if not isinstance(item, Component):
                raise ConfigError(
                    f"{role}={value!r}: each of an event's {role} must be a component such as "
                    f"gr.Textbox(), got {type(item).__name__}."
                )
            if item.root is not self:
                raise ConfigError(
                    f"{role}: {item!r} is not part of this app; create it inside the "
                    "`with gr.Blocks():` body (or call .render() there)."
                )
        return items

    def _as_outputs(self, value: Any) -> list[Component | BlockContext]:
        """Outputs may also be layouts, which take ``gr.update(visible=…)`` and the like."""
        if value is None:
            return []
        if isinstance(value, (set, frozenset)):
            items: list[Any] = sorted(value, key=_block_order)  # a set has no order of its own
        else:
            items = list(value) if isinstance(value, (list, tuple)) else [value]
        layouts = [item for item in items if isinstance(item, BlockContext)]
        for layout in layouts:
            if layout.root is not self:
                raise ConfigError(
                    f"outputs: {layout!r} is not part of this app; create it inside the "
                    "`with gr.Blocks():` body."
                )
        components = self._as_components([i for i in items if i not in layouts], "outputs")
        by_position = iter(components)
        return [item if isinstance(item, BlockContext) else next(by_position) for item in items]

    def _resolve_api_name(
        self,
        fn: Callable[..., Any] | None,
        api_name: str | Literal[False] | None,
        show_api: bool,
        api_visibility: Literal["public", "undocumented", "private"] | None,
    ) -> tuple[str, Literal["public", "undocumented", "private"]]:
        if api_name is False:
            return "false", "private"
        visibility = api_visibility or ("public" if show_api else "undocumented")
        if api_name is None:
            if fn is None:
                base, visibility = "js_fn", "private"
            else:
                base = getattr(fn, "__name__", "fn").replace("<lambda>", "lambda")
        else:
            base = api_name.lstrip("/")
            if not base:
                raise ConfigError("api_name='' is empty; give the endpoint a name or use False.")
        return self.unique_api_name(base), visibility

    def unique_api_name(self, base: str) -> str:
        """``base``, or ``base_1``, ``base_2``… if this app already has it; now taken."""
        name = base
        for suffix in itertools.count(1):
            if name not in self._api_names:
                break
            name = f"{base}_{suffix}"
        self._api_names.add(name)
        return name

    @property
    def load(self) -> BoundListener:
        """Run a function each time the page loads: ``demo.load(fn, inputs, outputs)``."""
        return RootListener(self, "load")

    # ----- running ------------------------------------------------------------------

    queue = queue
    launch = launch

    def close(self, verbose: bool = True) -> None:
        """Stop the server started by ``launch()``."""
        if self.server is not None:
            self.server.stop()
            self.server = None
        self.is_running = False

    def block_thread(self) -> None:
        """Wait until Ctrl-C, then stop the server (what a blocking ``launch()`` does)."""
        if self.server is not None:
            self.server.wait_until_interrupted()
        self.close()

    # ----- config -------------------------------------------------------------------

    def get_config(self, root_url: str = "") -> dict[str, Any]:
        """The JSON config the browser renders and ``gradio_client`` reads."""
        components = [block.get_config() for block in self.blocks.values()]
        dependencies = [fn.get_config() for fn in self.fns.values()]
        layout = self.get_layout()
        return {
            "version": GRADIO_VERSION,
            "gradiate_version": __version__,
            "api_prefix": "/gradio_api",
            "mode": self.mode,
            "app_id": self.app_id,
            "dev_mode": False,
            "analytics_enabled": False,
            "components": components,
            "css": self.css,
            "connect_heartbeat": self.needs_heartbeat(),
            "js": self.js,
            "head": self.head,
            "title": self.title,
            "space_id": None,
            "enable_queue": True,
            "show_error": self.show_error,
            "show_api": True,
            "is_colab": False,
            "max_file_size": self.max_file_size_bytes,
            "stylesheets": [],
            "theme": "default",
            "protocol": "sse_v3",
            "fill_height": self.fill_height,
            "fill_width": self.fill_width,
            "pwa": False,
            "pages": [["", "Home", True]],
            "page": {
                "": {
                    "layout": layout,
                    "components": list(self.blocks),
                    "dependencies": list(self.fns),
                }
            },
            "mcp_server": False,
            "i18n_translations": None,
            "dependencies": dependencies,
            "layout": layout,
            "username": None,
            "root": root_url,
        }

    def needs_heartbeat(self) -> bool:
        """Whether clients should keep a heartbeat open (the app keeps per-session state)."""
        return any(block.get_block_name() == "state" for block in self.blocks.values())


def _is_live(targets: list[tuple[int | None, str]]) -> bool:
    return bool(targets) and all(event in ("change", "input") for _, event in targets)


def _as_list(deps: Dependency | Sequence[Dependency] | None) -> list[Dependency]:
    if deps is None:
        return []
    if isinstance(deps, Dependency):
        return [deps]
    for dep in deps:
        if not isinstance(dep, Dependency):
            raise ConfigError(f"cancels=[…{dep!r}…]: pass the values that listeners return.")
    return list(deps)


def _block_order(block: object) -> int:
    return block.id if isinstance(block, Block) else -1


def _group_form_components(parent: BlockContext) -> None:
    """Wrap runs of form inputs in a ``Form`` block, as Gradio lays them out."""
    from gradiate.layouts.form import Form

    grouped: list[Block] = []
    run: list[Block] = []

    def flush() -> None:
        if len(run) >= 1 and not isinstance(parent, Form):
            form = Form(render=False)
            root = parent.root if parent.root is not None else parent
            if isinstance(root, Blocks):
                root.register_block(form)
            form.parent = parent
            form.children.extend(run)
            for child in run:
                child.parent = form
            grouped.append(form)
        else:
            grouped.extend(run)
        run.clear()

    for child in parent.children:
        if isinstance(child, FormComponent) and child.visible is not False:
            run.append(child)
            continue
        flush()
        grouped.append(child)
        if isinstance(child, BlockContext):
            _group_form_components(child)
    flush()
    parent.children = grouped
