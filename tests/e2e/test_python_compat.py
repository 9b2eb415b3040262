"""In the browser: untouched numbers arrive with Gradio's types, returned components update.

Expected values measured against Gradio 6.31.0: an untouched ``Number(value=8)`` and
``Slider(1, 30, value=12, step=1)`` reach the function as ``8`` and ``12`` (so
``range(n)`` works), and ``return gr.Textbox(visible=False)`` hides the output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gradiate as gr


def count_up(count: int, size: int) -> str:
    return f"{count!r} {size!r} {len(list(range(count)))}"


def hide(text: str) -> Any:
    return gr.Textbox(visible=False)


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with gr.Blocks() as demo:
        count = gr.Number(value=8, label="count")
        size = gr.Slider(1, 30, value=12, step=1, label="size")
        shown = gr.Textbox(label="shown")
        gr.Button("Count").click(count_up, [count, size], shown)
        gr.Button("Hide").click(hide, shown, shown)
    with launch(demo) as app_url:
        yield app_url


def test_untouched_number_and_slider_reach_the_function_as_ints(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("button", name="Count", exact=True).click()
    expect(page.get_by_role("textbox", name="shown", exact=True)).to_have_value("8 12 8")


def test_returning_a_component_instance_updates_the_output(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    shown = page.get_by_role("textbox", name="shown", exact=True)
    expect(shown).to_be_visible()
    page.get_by_role("button", name="Hide", exact=True).click()
    expect(shown).to_be_hidden()
