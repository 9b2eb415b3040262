"""The theme follows the browser's colour scheme and keeps all text readable in both."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gradiate as gr


def shout(words: str, times: int) -> str:
    return (words.upper() + " ") * int(times)


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    demo = gr.Interface(
        shout, [gr.Textbox(label="words"), gr.Slider(1, 3, step=1, label="times")], "text"
    )
    with launch(demo) as app_url:
        yield app_url


@pytest.mark.parametrize(("scheme", "dark"), [("dark", True), ("light", False)], ids=str)
def test_background_follows_the_colour_scheme_and_all_text_meets_aa_contrast(
    new_page: Callable[..., Page],
    url: str,
    open_app: Callable[[Page, str], Page],
    measure_contrast: Callable[[Page], dict[str, Any]],
    scheme: str,
    dark: bool,
) -> None:
    page = new_page(color_scheme=scheme)
    open_app(page, url)
    # Fill inputs and outputs so that their text is measured too.
    page.get_by_role("textbox", name="words", exact=True).fill("hey")
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_role("textbox", name="output", exact=True)).to_have_value("HEY ")

    measured = measure_contrast(page)

    if dark:
        assert measured["body_luminance"] < 0.3, measured["body_background"]
    else:
        assert measured["body_luminance"] > 0.6, measured["body_background"]
    assert measured["body_contrast"] >= 4.5, measured
    texts = measured["texts"]
    # The labels, the slider's bounds and box, both buttons and both text fields.
    assert {"words", "times", "Submit", "Clear", "output", "hey", "HEY"} <= {
        t["text"] for t in texts
    }, texts
    assert [t for t in texts if t["over_image"]] == []
    too_faint = [t for t in texts if t["contrast"] < t["needed"]]
    assert too_faint == [], too_faint
