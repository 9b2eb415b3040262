"""Interface with a generator: Submit turns into Stop, which cancels the run (as Gradio)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gradiate as gr


def count_slowly(start: str) -> Iterator[str]:
    for step in range(100):
        yield f"{start} {step}"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def url(launch: Any) -> Iterator[str]:
    with launch(gr.Interface(count_slowly, "text", "text")) as app_url:
        yield app_url


def test_stop_cancels_the_generator_and_submit_comes_back(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    submit = page.get_by_role("button", name="Submit")
    stop = page.get_by_role("button", name="Stop")
    expect(stop).to_be_hidden()
    page.get_by_role("textbox", name="start").fill("tick")
    submit.click()
    output = page.get_by_role("textbox", name="output")
    expect(output).to_have_value(re.compile(r"tick [1-9]"))
    expect(submit).to_be_hidden()
    stop.click()
    expect(submit).to_be_visible()
    expect(stop).to_be_hidden()
    stopped_at = output.input_value()
    page.wait_for_timeout(800)  # four more steps would have come by now
    assert output.input_value() == stopped_at
    assert int(stopped_at.split()[1]) < 99  # stopped, not run to its end


def test_a_plain_function_gets_no_stop_button(
    page: Page, launch: Any, open_app: Callable[[Page, str], Page]
) -> None:
    with launch(gr.Interface(lambda text: text, "text", "text")) as app_url:
        open_app(page, app_url)
        expect(page.get_by_role("button", name="Submit")).to_be_visible()
        expect(page.get_by_role("button", name="Stop")).to_have_count(0)
