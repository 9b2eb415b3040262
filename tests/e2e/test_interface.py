"""The flagship ``Interface``: mouse, Enter, Clear, a phone-sized screen, and keyboard only."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

import gradiate as gr


def greet(name: str, intensity: int) -> str:
    return "Hello, " + name + "!" * int(intensity)


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with launch(gr.Interface(greet, ["text", gr.Slider(1, 10, step=1)], "text")) as app_url:
        yield app_url


def name_box(page: Page) -> Locator:
    return page.get_by_role("textbox", name="name", exact=True)


def slider(page: Page) -> Locator:
    return page.get_by_role("slider", name="intensity", exact=True)


def output_box(page: Page) -> Locator:
    return page.get_by_role("textbox", name="output", exact=True)


def submit_button(page: Page) -> Locator:
    return page.get_by_role("button", name="Submit", exact=True)


def is_focused(locator: Locator) -> bool:
    return bool(locator.evaluate("element => element === document.activeElement"))


def tab_until_focused(page: Page, target: Locator, max_presses: int = 12) -> int:
    """Press Tab until ``target`` has the focus; return how many presses it took."""
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if is_focused(target):
            return presses
    raise AssertionError(f"{target} never got the focus after {max_presses} Tab presses")


FOCUS_RING_JS = """element => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
    return {outline, shadow, outlineStyle: style.outlineStyle,
            outlineWidth: style.outlineWidth, boxShadow: style.boxShadow};
}"""


def assert_focus_ring(locator: Locator) -> None:
    ring = locator.evaluate(FOCUS_RING_JS)
    assert ring["outline"] or ring["shadow"], f"no visible focus ring on {locator}: {ring}"


def test_typing_a_name_setting_the_slider_and_clicking_submit_greets(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    name_box(page).fill("Ada")
    slider(page).focus()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(slider(page)).to_have_value("3")

    submit_button(page).click()

    expect(output_box(page)).to_have_value("Hello, Ada!!!")
    expect(output_box(page)).not_to_be_editable()


def test_the_number_box_beside_the_slider_sets_its_value(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    number = page.get_by_role("spinbutton")
    expect(number).to_have_count(1)
    # Its name ties it to its slider (with two sliders, two boxes named "Value" are a guess).
    expect(number).to_have_accessible_name(re.compile(r"\bintensity\b"))
    number.fill("4")
    number.press("Tab")
    expect(slider(page)).to_have_value("4")
    name_box(page).fill("Bo")

    submit_button(page).click()

    expect(output_box(page)).to_have_value("Hello, Bo!!!!")


def test_enter_in_the_single_line_name_box_submits(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    name_box(page).fill("Grace")
    name_box(page).press("Enter")
    # The slider starts at its minimum, 1.
    expect(output_box(page)).to_have_value("Hello, Grace!")


def test_clear_empties_the_inputs_and_the_output(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    name_box(page).fill("Ada")
    submit_button(page).click()
    expect(output_box(page)).to_have_value("Hello, Ada!")

    page.get_by_role("button", name="Clear", exact=True).click()

    expect(name_box(page)).to_have_value("")
    expect(output_box(page)).to_have_value("")


def test_on_a_phone_the_flow_works_without_horizontal_scrolling(
    new_page: Callable[..., Page], url: str, open_app: Callable[[Page, str], Page]
) -> None:
    page = new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    open_app(page, url)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"the page is {scroll_width}px wide on a 375px screen"

    name_box(page).fill("Ada")
    page.get_by_role("spinbutton").fill("2")
    page.get_by_role("spinbutton").press("Tab")
    expect(slider(page)).to_have_value("2")
    submit = submit_button(page)
    submit.scroll_into_view_if_needed()
    expect(submit).to_be_in_viewport(ratio=1)
    submit.tap()

    expect(output_box(page)).to_have_value("Hello, Ada!!")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"after the result the page is {scroll_width}px wide"


def test_keyboard_only_flow_with_visible_focus_rings(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    # Start from the top of the document, as a keyboard user arriving on the page.
    page.locator("body").focus()

    tab_until_focused(page, name_box(page))
    assert_focus_ring(name_box(page))
    page.keyboard.type("Lin")

    tab_until_focused(page, slider(page), max_presses=4)
    assert_focus_ring(slider(page))
    before = slider(page).input_value()
    page.keyboard.press("ArrowRight")
    expect(slider(page)).not_to_have_value(before)
    expect(slider(page)).to_have_value(str(int(before) + 1))

    tab_until_focused(page, submit_button(page), max_presses=6)
    assert_focus_ring(submit_button(page))
    page.keyboard.press("Enter")

    expect(output_box(page)).to_have_value("Hello, Lin" + "!" * (int(before) + 1))
