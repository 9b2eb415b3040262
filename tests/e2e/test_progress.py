"""While an event runs, its output shows an announced pending state that goes away after."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

import gradiate as gr

RUN_SECONDS = 1.2
# Live regions: explicit aria-live, or a role whose aria-live is implicitly "polite".
LIVE = '[aria-live]:not([aria-live="off"]), [role="status"]'


def slow(text: str) -> str:
    time.sleep(RUN_SECONDS)
    return text[::-1]


def tracked(text: str, progress: Any = gr.Progress()) -> str:  # noqa: B008 (Gradio's idiom)
    progress(0.5, desc="Halfway there")
    time.sleep(RUN_SECONDS)
    return text.upper()


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="text")
        reversed_ = gr.Textbox(label="reversed")
        upper = gr.Textbox(label="upper")
        gr.Button("Reverse").click(slow, text, reversed_)
        gr.Button("Shout").click(tracked, text, upper)
    with launch(demo) as app_url:
        yield app_url


def pending_indicator(page: Page) -> Locator:
    """What assistive technology sees of a pending event: a busy element or live text."""
    busy = page.locator('[aria-busy="true"], [role="progressbar"]')
    live_text = page.locator(LIVE).filter(has_text=re.compile(r"\S"))
    return busy.or_(live_text)


def test_a_slow_event_shows_a_pending_indicator_until_its_result_arrives(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    expect(pending_indicator(page)).to_have_count(0)
    page.get_by_role("textbox", name="text", exact=True).fill("stressed")

    page.get_by_role("button", name="Reverse", exact=True).click()

    expect(pending_indicator(page).first).to_be_visible(timeout=1_000)
    expect(page.get_by_role("textbox", name="reversed", exact=True)).to_have_value("desserts")
    expect(pending_indicator(page)).to_have_count(0)


def test_gr_progress_description_is_announced_while_running(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("textbox", name="text", exact=True).fill("quiet")

    page.get_by_role("button", name="Shout", exact=True).click()

    announced = page.locator(LIVE).filter(has_text="Halfway there")
    expect(announced.first).to_be_visible(timeout=1_500)
    expect(page.get_by_role("textbox", name="upper", exact=True)).to_have_value("QUIET")
    expect(announced).to_have_count(0)


RUNNING_MOTION_JS = """() => document.getAnimations()
    .filter((animation) => animation.playState === "running")
    .map((animation) => animation.effect.getComputedTiming())
    .filter((timing) => timing.iterations === Infinity || timing.activeDuration > 200)
    .map((timing) => ({duration: timing.duration, iterations: timing.iterations}))"""


def test_pending_state_does_not_animate_when_reduced_motion_is_asked(
    new_page: Callable[..., Page], url: str, open_app: Callable[[Page, str], Page]
) -> None:
    page = new_page(reduced_motion="reduce")
    open_app(page, url)
    page.get_by_role("textbox", name="text", exact=True).fill("calm")

    page.get_by_role("button", name="Reverse", exact=True).click()

    expect(pending_indicator(page).first).to_be_visible(timeout=1_000)
    assert page.evaluate(RUNNING_MOTION_JS) == []
    expect(page.get_by_role("textbox", name="reversed", exact=True)).to_have_value("mlac")
