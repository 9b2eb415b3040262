"""A ``Label`` output shows its top class and the confidences as percentages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gradiate as gr


def classify(text: str) -> dict[str, float]:
    return {"cat": 0.7, "dog": 0.3}


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with launch(gr.Interface(classify, "text", gr.Label())) as app_url:
        yield app_url


def test_label_output_shows_the_top_class_and_confidences_as_percentages(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("textbox", name="text", exact=True).fill("a furry thing")
    page.get_by_role("button", name="Submit", exact=True).click()

    expect(page.get_by_text("cat", exact=True).first).to_be_visible()
    expect(page.get_by_text("70%", exact=True)).to_be_visible()
    expect(page.get_by_text("dog", exact=True)).to_be_visible()
    expect(page.get_by_text("30%", exact=True)).to_be_visible()
