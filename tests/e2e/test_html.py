"""``gr.HTML`` in Chromium: Gradio 6 templates, scoped CSS and ``js_on_load`` work, and
HTML that a function returns is sanitised."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.e2e.hostile import ATTRIBUTE_FINDINGS_JS, FORBIDDEN_TAGS, HOSTILE_HTML, NOT_PWNED_JS

import gradiate as gr

COUNTER_JS = """
element.querySelector('button').addEventListener('click', () => {
    props.value = props.value + 1;
    trigger('click');
});
"""


def count_clicks(count: int) -> str:
    return f"clicked, count is {count}"


def hostile_reply() -> str:
    return "\n".join([*HOSTILE_HTML, "<p>reply done</p>"])


def build_demo() -> gr.Blocks:
    with gr.Blocks() as demo:
        counter = gr.HTML(
            0,
            html_template="<button>${value} clicks</button><span class='tag'>{{colour}}</span>",
            css_template="button { color: rgb(200, 0, 0); } .tag { font-weight: 700; }",
            js_on_load=COUNTER_JS,
            colour="red",
            elem_id="counter",
        )
        report = gr.Textbox(label="Report")
        counter.click(count_clicks, inputs=counter, outputs=report)
        target = gr.HTML("<p>empty</p>", elem_id="target")
        gr.Button("Load reply").click(hostile_reply, outputs=target)
    return demo


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with launch(build_demo()) as app_url:
        yield app_url


def test_html_template_css_and_js_on_load_work_in_the_page(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    button = page.locator("#counter").get_by_role("button", name="0 clicks")
    expect(button).to_be_visible()
    expect(button).to_have_css("color", "rgb(200, 0, 0)")
    expect(page.locator("#counter .tag")).to_have_text("red")
    expect(page.locator("#counter .tag")).to_have_css("font-weight", "700")

    button.click()
    expect(page.locator("#counter").get_by_role("button", name="1 clicks")).to_be_visible()
    expect(page.get_by_role("textbox", name="Report")).to_have_value("clicked, count is 1")


def test_hostile_html_from_a_function_is_sanitised(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, url)
    page.get_by_role("button", name="Load reply").click()
    target = page.locator("#target")
    expect(target.get_by_text("reply done")).to_be_visible()
    assert target.locator(FORBIDDEN_TAGS).count() == 0
    assert target.evaluate(ATTRIBUTE_FINDINGS_JS) == []
    target.get_by_text("tab link").click()
    page.wait_for_timeout(300)
    assert page.evaluate(NOT_PWNED_JS)
    assert dialogs == []
    expect(page.locator("body")).to_be_visible()
