"""A generator's intermediate values stream into the page before its final one."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gradiate as gr

STEP_SECONDS = 0.4


def spell() -> Iterator[str]:
    text = ""
    for letter in "abc":
        text += letter
        yield text
        if letter != "c":
            time.sleep(STEP_SECONDS)


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with gr.Blocks() as demo:
        out = gr.Textbox(label="spelled")
        gr.Button("Spell").click(spell, None, out)
    with launch(demo) as app_url:
        yield app_url


def test_generator_output_streams_intermediate_values_and_ends_at_the_last(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    out = page.get_by_role("textbox", name="spelled", exact=True)
    expect(out).to_have_value("")
    handle = out.element_handle()

    page.get_by_role("button", name="Spell", exact=True).click()

    # Polled on every animation frame: each intermediate value stays ≥ 0.4 s.
    page.wait_for_function(
        "element => element.value === 'a' || element.value === 'ab'",
        arg=handle,
        polling="raf",
        timeout=3_000,
    )
    expect(out).to_have_value("abc")
