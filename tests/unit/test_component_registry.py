"""The component registry: every block type has its class, front-end folder and first paint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gradiate as gr
from gradiate.component_lookup import component_from
from gradiate.component_registry import (
    COMPONENTS,
    LAYOUTS,
    Registered,
    first_paint_renderer,
    registered,
)
from gradiate.components.base import Block, BlockContext
from gradiate.exceptions import ConfigError
from gradiate.server.first_paint import render_first_paint

FRONTEND = Path(__file__).resolve().parents[2] / "frontend" / "src"
ALL = (*COMPONENTS, *LAYOUTS)


def public_block_classes() -> dict[str, type[Block]]:
    found = {}
    for name in gr.__all__:
        value = getattr(gr, name)
        if isinstance(value, type) and issubclass(value, Block):
            if issubclass(value, gr.Blocks):  # the app itself (Blocks, Interface)
                continue
            found[value.__name__] = value
    return found


def test_every_public_block_type_is_registered_and_every_registered_one_is_public() -> None:
    public = public_block_classes()
    listed = {entry.class_name: entry.load() for entry in ALL}
    assert not public.keys() - listed.keys(), f"add {public.keys() - listed.keys()} to the registry"
    assert not listed.keys() - public.keys(), f"export {listed.keys() - public.keys()} in gradiate"
    for name, cls in listed.items():
        assert public[name] is cls, f"gr.{name} is not {cls.__module__}.{cls.__qualname__}"


@pytest.mark.parametrize("entry", ALL, ids=lambda entry: entry.class_name)
def test_type_is_what_the_config_sends(entry: Registered) -> None:
    cls = entry.load()
    assert cls.get_block_name(cls.__new__(cls)) == entry.type
    assert registered(entry.type) is entry


@pytest.mark.parametrize("entry", COMPONENTS, ids=lambda entry: entry.class_name)
def test_every_component_has_its_front_end_folder(entry: Registered) -> None:
    index = FRONTEND / "components" / entry.class_name / "Index.svelte"
    assert index.is_file(), f"{entry.class_name} has no front end: create {index}"


@pytest.mark.parametrize("entry", LAYOUTS, ids=lambda entry: entry.class_name)
def test_every_layout_has_its_front_end_file(entry: Registered) -> None:
    assert issubclass(entry.load(), BlockContext)
    assert (FRONTEND / "layouts" / f"{entry.class_name}.svelte").is_file()
    assert entry.first_paint == "layout"


def test_every_front_end_folder_belongs_to_a_registered_component() -> None:
    folders = {path.parent.name for path in (FRONTEND / "components").glob("*/Index.svelte")}
    assert folders == {entry.class_name for entry in COMPONENTS}


def test_the_front_end_registry_finds_components_by_folder() -> None:
    # registry.ts derives its table from the folders; a hand-written table would drift.
    source = (FRONTEND / "runtime" / "registry.ts").read_text("utf-8")
    assert 'import.meta.glob<ComponentModule>("../components/*/Index.svelte")' in source
    assert not re.search(r'import\("\.\./components/', source)


@pytest.mark.parametrize("entry", COMPONENTS, ids=lambda entry: entry.class_name)
def test_every_component_is_drawn_by_its_first_paint_renderer(entry: Registered) -> None:
    cls = entry.load()
    # State takes no label, as in Gradio.
    takes_label = cls is not gr.State
    with gr.Blocks() as demo:
        cls(label=f"the {entry.class_name} label") if takes_label else cls()
    html = render_first_paint(demo.get_config())
    inner = html.removeprefix('<main class="fp" inert>').removesuffix("</main>")
    if entry.first_paint == "hidden":
        assert inner == ""
    else:
        assert inner.startswith(("<div", "<button")), inner
    if entry.first_paint not in ("hidden", "markdown", "html", "checkbox", "button", "clearbutton"):
        assert f"the {entry.class_name} label" in inner


def test_a_type_not_listed_paints_as_an_empty_box() -> None:
    assert first_paint_renderer("colorpicker") == "block"
    assert registered("colorpicker") is None


@pytest.mark.parametrize("entry", COMPONENTS, ids=lambda entry: entry.class_name)
def test_every_component_type_is_a_shortcut(entry: Registered) -> None:
    assert type(component_from(entry.type)) is entry.load()


def test_gradio_aliases_and_a_bad_shortcut() -> None:
    assert isinstance(component_from("text"), gr.Textbox)
    textarea = component_from("TextArea")
    assert isinstance(textarea, gr.Textbox)
    assert textarea.lines == 7
    with pytest.raises(ConfigError, match=r"'colour' is not a component.*'checkboxgroup'"):
        component_from("colour")
    with pytest.raises(ConfigError, match="'row' is not a component"):
        component_from("row")  # a layout, not a component
