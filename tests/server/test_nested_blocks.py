"""A Blocks rendered inside another (``inner.render()``, nested ``with``, ``Interface``).

Measured against Gradio 6.31: the inner app's children appear where it is rendered with
no wrapper block, its events keep working, and repeated api names become ``greet``,
``greet_1``, ``greet_2``, ``greet_3`` in the order the events join the parent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import gradiate as gr

pytestmark = pytest.mark.anyio


def greet(name: str) -> str:
    return "hi " + name


def reverse(text: str) -> str:
    return text[::-1]


def build_demo() -> gr.Blocks:
    with gr.Blocks() as inner:
        inner_box = gr.Textbox(label="inner")
        gr.Button("inner go").click(greet, inner_box, inner_box, api_name="greet")
    interface = gr.Interface(reverse, "text", "text", api_name="greet")
    with gr.Blocks() as outer:
        gr.Markdown("top")
        box = gr.Textbox(label="outer")
        gr.Button("go").click(greet, box, box, api_name="greet")
        inner.render()
        with gr.Blocks():
            nested_box = gr.Textbox(label="nested")
            nested_box.submit(greet, nested_box, nested_box, api_name="greet")
        interface.render()
    return outer


@pytest.fixture(scope="module")
def base_url(launch: Any) -> Iterator[str]:
    with launch(build_demo()) as url:
        yield url


async def test_rendered_apps_keep_unique_api_names(client: httpx.AsyncClient, wire: Any) -> None:
    config = await wire.config(client)
    names = [d["api_name"] for d in config["dependencies"] if d["backend_fn"]]
    assert names[:4] == ["greet", "greet_1", "greet_2", "greet_3"]


@pytest.mark.parametrize(
    ("api_name", "expected"),
    [("greet", "hi Ada"), ("greet_1", "hi Ada"), ("greet_2", "hi Ada"), ("greet_3", "adA")],
)
async def test_events_of_rendered_apps_run(
    client: httpx.AsyncClient, wire: Any, api_name: str, expected: str
) -> None:
    assert await wire.predict(client, api_name, ["Ada"]) == [expected]


async def test_ids_are_unique_and_every_event_points_at_the_parents_blocks(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    ids = [c["id"] for c in config["components"]]
    assert len(ids) == len(set(ids))
    known = set(ids) | {0}
    for dependency in config["dependencies"]:
        assert {t[0] for t in dependency["targets"]} <= known
        assert set(dependency["inputs"]) <= known
        assert set(dependency["outputs"]) <= known


async def test_inner_children_sit_where_rendered_without_a_wrapper(
    client: httpx.AsyncClient, wire: Any
) -> None:
    config = await wire.config(client)
    labels = {c["id"]: c["props"].get("label") for c in config["components"]}

    def labelled(node: dict[str, Any]) -> list[str]:
        own = [labels[node["id"]]] if labels.get(node["id"]) else []
        return own + [label for child in node.get("children", []) for label in labelled(child)]

    assert labelled(config["layout"])[:3] == ["outer", "inner", "nested"]
    assert all(labels[child["id"]] != "inner" for child in config["layout"]["children"][:2])


def test_rendering_a_blocks_inside_itself_changes_nothing() -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    with demo:
        assert demo.render() is demo
    assert len(demo.blocks) == 2  # the textbox and its form, still there once
