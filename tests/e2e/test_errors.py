"""Errors raised by the user's function reach the page as an alert, and only what is meant to."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gradiate as gr

SECRET = "db password is hunter2"


def check_name(name: str) -> str:
    if not name:
        raise gr.Error("Name must not be empty")
    return "ok: " + name


def crash(name: str) -> str:
    raise RuntimeError(SECRET)


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="name")
        result = gr.Textbox(label="result")
        gr.Button("Check").click(check_name, name, result)
        gr.Button("Crash").click(crash, name, result)
    with launch(demo) as app_url:
        yield app_url


def test_gr_error_message_is_shown_in_an_alert(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("button", name="Check", exact=True).click()

    expect(page.get_by_role("alert").filter(has_text="Name must not be empty")).to_be_visible()


def test_after_an_error_the_same_event_still_works(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Name must not be empty")).to_be_visible()

    page.get_by_role("textbox", name="name", exact=True).fill("Ada")
    page.get_by_role("button", name="Check", exact=True).click()

    expect(page.get_by_role("textbox", name="result", exact=True)).to_have_value("ok: Ada")


def test_plain_exception_shows_a_generic_error_without_its_message_or_traceback(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("textbox", name="name", exact=True).fill("Ada")
    page.get_by_role("button", name="Crash", exact=True).click()

    alert = page.get_by_role("alert").filter(has_text=re.compile("error", re.IGNORECASE))
    expect(alert).to_be_visible()
    expect(alert).not_to_contain_text(SECRET)
    expect(alert).not_to_contain_text("Traceback")
    expect(alert).not_to_contain_text("RuntimeError")
    expect(page.locator("body")).not_to_contain_text(SECRET)
    expect(page.locator("body")).not_to_contain_text("Traceback")


def test_an_error_alert_can_be_dismissed_from_the_keyboard(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("button", name="Check", exact=True).click()
    alert = page.get_by_role("alert").filter(has_text="Name must not be empty")
    expect(alert).to_be_visible()

    close = alert.get_by_role("button")
    expect(close).to_have_count(1)
    expect(close).to_have_accessible_name(re.compile(r"\S"))
    close.focus()
    page.keyboard.press("Enter")

    expect(alert).to_have_count(0)
