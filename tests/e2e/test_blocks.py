"""A ``Blocks`` app: layouts, live events, chains, many input kinds, state, rich text, load."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gradiate as gr

XSS_HTML = '<b>hi</b><img src=x onerror="window.__xss=1">'


def describe(
    number: float, agree: bool, letter: str, fruit: str, colors: list[str]
) -> dict[str, Any]:
    return {"number": number, "agree": agree, "letter": letter, "fruit": fruit, "colors": colors}


def count(clicks: int) -> tuple[int, str]:
    return clicks + 1, str(clicks + 1)


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with gr.Blocks() as demo:
        gr.Markdown("# Title **bold**")
        # Raw HTML in Markdown is sanitised; gr.HTML trusts its author's value as Gradio
        # does (tests/e2e/test_html.py checks that a function's HTML is sanitised).
        gr.Markdown(XSS_HTML)
        greeting = gr.Textbox(label="greeting")
        with gr.Row():
            with gr.Column():
                typed = gr.Textbox(label="typed")
            with gr.Column():
                shouted = gr.Textbox(label="shouted")
        typed.input(lambda s: s.upper(), typed, shouted)

        with gr.Row():
            first = gr.Textbox(label="first")
            second = gr.Textbox(label="second")
        gr.Button("Chain").click(lambda: "one", None, first).then(
            lambda s: s + " then two", first, second
        )

        with gr.Column():
            number = gr.Number(label="number")
            agree = gr.Checkbox(label="agree")
            letter = gr.Radio(["alpha", "beta", "gamma"], label="letter")
            fruit = gr.Dropdown(["apple", "banana", "cherry"], label="fruit")
            colors = gr.CheckboxGroup(["red", "green", "blue"], label="colors")
            values = gr.JSON(label="values")
            gr.Button("Describe").click(describe, [number, agree, letter, fruit, colors], values)

        clicks = gr.State(0)
        clicked = gr.Textbox(label="clicked")
        gr.Button("Count").click(count, clicks, [clicks, clicked])

        demo.load(lambda: "loaded", None, greeting)
    with launch(demo) as app_url:
        yield app_url


def test_load_event_sets_an_initial_value(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    expect(page.get_by_role("textbox", name="greeting", exact=True)).to_have_value("loaded")


def test_typing_updates_a_second_textbox_live(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    typed = page.get_by_role("textbox", name="typed", exact=True)
    shouted = page.get_by_role("textbox", name="shouted", exact=True)

    typed.press_sequentially("hi")
    expect(shouted).to_have_value("HI")
    typed.press_sequentially(" there")
    expect(shouted).to_have_value("HI THERE")


def test_row_places_its_columns_side_by_side(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    typed = page.get_by_role("textbox", name="typed", exact=True).bounding_box()
    shouted = page.get_by_role("textbox", name="shouted", exact=True).bounding_box()
    assert typed is not None
    assert shouted is not None
    assert shouted["x"] >= typed["x"] + typed["width"], (typed, shouted)
    assert abs(shouted["y"] - typed["y"]) < 5, (typed, shouted)


def test_click_then_chain_writes_both_outputs_in_order(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("button", name="Chain", exact=True).click()

    expect(page.get_by_role("textbox", name="first", exact=True)).to_have_value("one")
    expect(page.get_by_role("textbox", name="second", exact=True)).to_have_value("one then two")


def test_number_checkbox_radio_dropdown_and_checkbox_group_values_reach_the_function(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("spinbutton", name="number", exact=True).fill("42.5")
    page.get_by_role("checkbox", name="agree", exact=True).check()
    letter = page.get_by_role("radiogroup", name="letter", exact=True)
    letter.get_by_role("radio", name="beta", exact=True).check()
    fruit = page.get_by_role("combobox", name="fruit", exact=True).or_(
        page.get_by_role("listbox", name="fruit", exact=True)
    )
    fruit.select_option("banana")
    colors = page.get_by_role("group", name="colors", exact=True)
    colors.get_by_role("checkbox", name="red", exact=True).check()
    colors.get_by_role("checkbox", name="blue", exact=True).check()

    expect(letter.get_by_role("radio", name="beta", exact=True)).to_be_checked()
    expect(letter.get_by_role("radio", name="alpha", exact=True)).not_to_be_checked()
    expect(colors.get_by_role("checkbox", name="green", exact=True)).not_to_be_checked()

    page.get_by_role("button", name="Describe", exact=True).click()

    expected = {
        "number": 42.5,
        "agree": True,
        "letter": "beta",
        "fruit": "banana",
        "colors": ["red", "blue"],
    }
    shown = page.get_by_label("values", exact=True)
    for key, value in expected.items():
        expect(shown).to_contain_text(key)
        rendered = value if isinstance(value, str) else json.dumps(value)
        if isinstance(value, list):
            for item in value:
                expect(shown).to_contain_text(item)
        else:
            expect(shown).to_contain_text(rendered)


def test_state_counts_clicks_per_session(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    count_button = page.get_by_role("button", name="Count", exact=True)
    clicked = page.get_by_role("textbox", name="clicked", exact=True)

    count_button.click()
    expect(clicked).to_have_value("1")
    count_button.click()
    expect(clicked).to_have_value("2")


def test_state_is_not_shared_between_sessions(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    # test_state_counts_clicks_per_session clicked twice in another page; this one starts at 0.
    open_app(page, url)
    page.get_by_role("button", name="Count", exact=True).click()
    expect(page.get_by_role("textbox", name="clicked", exact=True)).to_have_value("1")


def test_markdown_renders_a_heading_with_bold_text(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    heading = page.get_by_role("heading", name="Title bold", level=1)
    expect(heading).to_be_visible()
    expect(heading.locator("strong, b")).to_have_text("bold")
    expect(page.get_by_text("**bold**")).to_have_count(0)


def test_raw_html_in_markdown_renders_markup_but_not_event_handler_scripts(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    expect(page.locator("b").filter(has_text="hi")).to_be_visible()
    # Let every image finish loading or failing, so an onerror handler would have run.
    page.wait_for_function("() => [...document.images].every((image) => image.complete)")
    # The error event of a failed image is queued as a task; read the flag a task later.
    xss = page.evaluate(
        "() => new Promise((done) => setTimeout(() => done(typeof window.__xss), 100))"
    )
    assert xss == "undefined"


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_every_text_on_a_filled_blocks_page_meets_aa_contrast(
    new_page: Callable[..., Page],
    url: str,
    open_app: Callable[[Page, str], Page],
    measure_contrast: Callable[[Page], dict[str, Any]],
    scheme: str,
) -> None:
    page = new_page(color_scheme=scheme)
    open_app(page, url)
    page.get_by_role("checkbox", name="agree", exact=True).check()
    page.get_by_role("radio", name="beta", exact=True).check()
    page.get_by_role("checkbox", name="red", exact=True).check()
    page.get_by_role("button", name="Describe", exact=True).click()
    expect(page.get_by_label("values", exact=True)).to_contain_text("beta")

    texts = measure_contrast(page)["texts"]

    assert {"Title", "bold", "hi", "agree", "beta", "red", "Describe"} <= {
        t["text"] for t in texts
    }, texts
    too_faint = [t for t in texts if t["contrast"] < t["needed"]]
    assert too_faint == [], too_faint


FOCUSED_JS = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    return {
        tag: element.tagName.toLowerCase(),
        type: element.getAttribute("type"),
        name: element.getAttribute("aria-label") || element.labels?.[0]?.textContent?.trim()
            || element.textContent.trim().slice(0, 30),
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || (style.boxShadow !== "none" && style.boxShadow !== ""),
        outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow,
    };
}"""


def test_every_control_is_reachable_by_tab_and_shows_a_focus_ring(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    seen: list[dict[str, Any]] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None or focused in seen[:1]:
            break
        seen.append(focused)

    names = {f["name"] for f in seen}
    # The radio group is one tab stop (arrow keys move inside it), hence one radio at most.
    assert {"typed", "shouted", "first", "Chain", "number", "agree", "red", "blue"} <= names, seen
    assert {"Describe", "Count", "fruit"} <= names, seen
    assert [f for f in seen if f["tag"] == "input" and f["type"] == "radio"], seen
    assert [f for f in seen if not f["ring"]] == [], seen
