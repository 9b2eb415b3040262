"""The first paint has the mounted app's geometry: nothing moves when the runtime mounts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

import gradiate as gr

# Each visible word and form field of the app, with its box rounded to whole pixels.
# Words, not text nodes: Markdown's <em> splits a line into nodes that plain text does not.
GEOMETRY_JS = """() => {
  const app = document.getElementById("gradiate-app");
  const boxes = [];
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const box = range.getBoundingClientRect();
      if (box.width > 0) boxes.push([word[0], box.x, box.y, box.width, box.height]);
    }
  }
  for (const field of app.querySelectorAll("input, textarea, select")) {
    const box = field.getBoundingClientRect();
    if (box.width > 0) boxes.push([field.type, box.x, box.y, box.width, box.height]);
  }
  return boxes.map(([name, ...box]) => [name, ...box.map(Math.round)]);
}"""

# Registered before the page loads, so the shifts of the first paint itself are seen.
SHIFT_OBSERVER_JS = """
window.__layout_shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__layout_shifts.push(entry.value);
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def _form_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.HTML("<h1>Heading in HTML</h1>", container=False)
        gr.Markdown(
            "# Settings\nChoose *how* the text\nis made:\n\n- fast\n- slow and **careful**\n\n"
            "1. type\n2. press Run"
        )
        with gr.Row():
            prompt = gr.Textbox(label="Prompt", scale=2)
            count = gr.Number(label="Count")
            temperature = gr.Slider(0.1, 2.0, value=1.0, step=0.1, label="Temperature")
            fruit = gr.Dropdown(["apple", "banana"], label="Fruit")
        with gr.Row():
            mode = gr.Radio(["fast", "slow"], label="Mode")
            tags = gr.CheckboxGroup(["a", "b"], value=["b"], label="Tags")
            flag = gr.Checkbox(label="Flag")
        out = gr.Textbox(label="Result", lines=3)
        with gr.Row():
            gr.Textbox(placeholder="no label")
            gr.Label(label="Class")
            gr.JSON(label="Details")
        with gr.Row():
            run = gr.Button("Run", variant="primary")
            gr.Button("Reset")
        run.click(
            lambda *values: repr(values), [prompt, count, temperature, fruit, mode, tags, flag], out
        )
    return demo


def _interface_app() -> gr.Interface:
    return gr.Interface(
        lambda text: ({"yes": 0.7}, {"text": text}, text),
        "text",
        ["label", "json", gr.HTML()],
        title="Classifier",
        description="Type *something*, then press Submit.",
        article="Made with `gradiate`.",
    )


@pytest.fixture(scope="module")
def urls(launch: Any) -> Iterator[dict[str, str]]:
    with launch(_form_app()) as form_url, launch(_interface_app()) as interface_url:
        yield {"form": form_url, "interface": interface_url}


@pytest.fixture
def url(urls: dict[str, str]) -> str:
    return urls["form"]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("app", ["form", "interface"])
def test_first_paint_boxes_equal_the_mounted_apps(
    browser: Browser, urls: dict[str, str], app: str, width: int
) -> None:
    url = urls[app]
    geometry: dict[bool, list[list[Any]]] = {}
    for javascript in (False, True):
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": width, "height": 900}
        )
        try:
            page = context.new_page()
            page.goto(url)
            if javascript:
                page.wait_for_selector('#gradiate-app[data-ready="true"]')
            else:
                assert page.locator("main.fp").count() == 1
            geometry[javascript] = page.evaluate(GEOMETRY_JS)
        finally:
            context.close()
    first_paint, mounted = geometry[False], geometry[True]
    assert len(first_paint) >= 20  # the page was measured, not an empty list
    missing = [box for box in mounted if box not in first_paint]
    extra = [box for box in first_paint if box not in mounted]
    assert (missing, extra) == ([], [])
    assert first_paint == mounted


def test_mounting_the_app_shifts_nothing(
    new_page: Callable[..., Page], url: str, open_app: Callable[[Page, str], Page]
) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(SHIFT_OBSERVER_JS)
    open_app(page, url)
    page.wait_for_timeout(500)  # component chunks, fonts and load events have settled
    assert page.evaluate("window.__layout_shifts") == []
