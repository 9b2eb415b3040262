"""The first paint: the form is visible before any JavaScript runs, then replaced by the app."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

import gradiate as gr


def greet(name: str, intensity: int) -> str:
    return "Hello, " + name + "!" * int(intensity)


@pytest.fixture(scope="module")
def url(launch: Any) -> Iterator[str]:
    demo = gr.Interface(greet, ["text", gr.Slider(1, 10, step=1)], "text")
    with launch(demo) as app_url:
        yield app_url


def test_form_is_drawn_without_javascript(browser: Browser, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url)
        first_paint = page.locator("main.fp")
        expect(first_paint.locator(".fp-label", has_text="name")).to_be_visible()
        expect(first_paint.locator("input.fp-input").first).to_be_visible()
        expect(first_paint.get_by_text("Submit")).to_be_visible()
    finally:
        context.close()


def test_app_replaces_the_first_paint_so_each_control_exists_once(
    browser: Browser, url: str
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        expect(page.locator("#gradiate-app")).to_have_attribute("data-ready", "true")
        expect(page.locator("main.fp")).to_have_count(0)
        expect(page.locator("input:not([type=range]):not([type=number])")).to_have_count(2)
        page.get_by_role("textbox", name="name").fill("Ada")
        page.get_by_role("button", name="Submit").click()
        expect(page.get_by_role("textbox", name="output")).to_have_value("Hello, Ada!")
    finally:
        context.close()
