"""Rows, Sliders, interactivity, event data and layout outputs behave as in Gradio 6.31.

Each expectation was measured on the same app under Gradio 6.31 in this Chromium.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, Literal

import pytest
from playwright.sync_api import FloatRect, Page, Request, expect

import gradiate as gr


def show(*values: Any) -> str:
    return repr(values)


@pytest.fixture(scope="module")
def url(launch: Any) -> Iterator[str]:
    with gr.Blocks() as demo:
        with gr.Row():
            text = gr.Textbox(label="Prompt", scale=2)
            gr.Number(label="Count")
            slider = gr.Slider(0.1, 2.0, value=1.0, step=0.1, label="Temperature")
            pick = gr.Dropdown(["apple", "banana"], label="Fruit")
        with gr.Row():
            hide = gr.Button("Hide")
            unhide = gr.Button("Show", scale=2)
        gr.Textbox(label="Free")
        gr.Textbox("hello", label="Filled")
        out = gr.Textbox(label="Out")
        radio = gr.Radio(["x", "y"], label="Mode")
        tags = gr.CheckboxGroup(["p", "q"], label="Tags")
        with gr.Column() as panel:
            gr.Markdown("Inside the panel")
        radio.select(show, None, out)
        tags.select(show, None, out)
        pick.select(show, pick, out)
        pick.key_up(show, None, out)
        text.submit(show, text, out)
        slider.release(show, slider, out)
        hide.click(lambda: gr.update(visible=False), None, panel)
        unhide.click(lambda: gr.update(visible=True), None, panel)
    with launch(demo) as app_url:
        yield app_url


Role = Literal["textbox", "spinbutton", "slider", "combobox", "button"]


def _box(page: Page, role: Role, name: str) -> FloatRect:
    box = page.get_by_role(role, name=name, exact=True).bounding_box()
    assert box is not None, f"{role} {name!r} is not laid out"
    return box


def test_row_lays_form_inputs_side_by_side_with_widths_by_scale(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    prompt = _box(page, "textbox", "Prompt")
    count = _box(page, "spinbutton", "Count")
    fruit = _box(page, "combobox", "Fruit")
    assert prompt["y"] == count["y"] == fruit["y"]
    assert prompt["x"] < count["x"] < fruit["x"]
    # Gradio: scale=2 is twice the width of scale=1 (471 px against 248 px at 1280 wide).
    assert prompt["width"] == pytest.approx(2 * count["width"], rel=0.05)
    hide, show_button = _box(page, "button", "Hide"), _box(page, "button", "Show")
    assert hide["y"] == show_button["y"]
    assert show_button["width"] == pytest.approx(2 * hide["width"], rel=0.05)


def test_row_wraps_on_a_phone_keeping_each_input_at_its_min_width(
    new_page: Callable[..., Page], url: str, open_app: Callable[[Page, str], Page]
) -> None:
    page = open_app(new_page(viewport={"width": 375, "height": 700}), url)
    names: list[tuple[Role, str]] = [
        ("textbox", "Prompt"),
        ("spinbutton", "Count"),
        ("slider", "Temperature"),
        ("combobox", "Fruit"),
    ]
    boxes = [_box(page, role, name) for role, name in names]
    # Four inputs of min_width 160 px cannot share one 359-px line: the row wraps.
    assert len({box["y"] for box in boxes}) >= 2
    assert boxes[3]["y"] > boxes[0]["y"]
    # 160-px blocks less their padding (the slider's track also holds its bounds).
    assert all(box["width"] >= 138 for box in (boxes[0], boxes[1], boxes[3]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_slider_starts_at_its_value_and_arrow_keys_step_from_it(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    handle = page.get_by_role("slider", name="Temperature")
    number = page.get_by_role("spinbutton", name="Temperature value")
    expect(handle).to_have_value("1")
    expect(number).to_have_value("1")
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(handle).to_have_value("1.2")
    expect(number).to_have_value("1.2")


@pytest.mark.parametrize(
    ("typed", "key", "shown"),
    [("1.25", "Enter", "1.3"), ("5", "Enter", "2"), ("-3", "Tab", "0.1"), ("", "Tab", "1")],
)
def test_slider_box_shows_the_value_the_slider_holds(
    page: Page, url: str, open_app: Callable[[Page, str], Page], typed: str, key: str, shown: str
) -> None:
    open_app(page, url)
    number = page.get_by_role("spinbutton", name="Temperature value")
    number.fill(typed)
    number.press(key)
    expect(number).to_have_value(shown)
    expect(page.get_by_role("slider", name="Temperature")).to_have_value(shown)


def test_unset_interactive_follows_gradios_rule(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    expect(page.get_by_role("textbox", name="Free")).to_be_editable()
    expect(page.get_by_role("textbox", name="Prompt")).to_be_editable()
    expect(page.get_by_role("textbox", name="Filled")).not_to_be_editable()
    expect(page.get_by_role("textbox", name="Out")).not_to_be_editable()


def _joins(page: Page) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []

    def record(request: Request) -> None:
        if request.url.endswith("/queue/join"):
            bodies.append(json.loads(request.post_data or "{}"))

    page.on("request", record)
    return bodies


def test_browser_sends_event_data_as_gradio_does(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    joins = _joins(page)
    open_app(page, url)
    out = page.get_by_role("textbox", name="Out")
    page.get_by_role("radio", name="y").check()
    expect(out).to_have_value("()")
    page.get_by_role("checkbox", name="p").check()
    page.get_by_role("combobox", name="Fruit").select_option("banana")
    expect(out).to_have_value("('banana',)")
    page.get_by_role("combobox", name="Fruit").press("Shift")  # a key that picks nothing
    page.get_by_role("textbox", name="Prompt").fill("hi")
    page.get_by_role("textbox", name="Prompt").press("Enter")
    expect(out).to_have_value("('hi',)")
    assert [join["event_data"] for join in joins] == [
        {"value": "y", "index": 1},
        {"index": 0, "value": "p", "selected": True},
        {"index": 1, "value": "banana", "selected": True},
        {"key": "Shift", "input_value": "banana"},
        None,
    ]


def test_a_column_output_hides_and_shows_again(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    inside = page.get_by_text("Inside the panel")
    expect(inside).to_be_visible()
    page.get_by_role("button", name="Hide").click()
    expect(inside).to_be_hidden()
    page.get_by_role("button", name="Show").click()
    expect(inside).to_be_visible()


def test_equal_height_stretches_a_rows_children_and_the_default_does_not(
    page: Page, launch: Any, open_app: Callable[[Page, str], Page]
) -> None:
    with gr.Blocks() as demo:
        with gr.Row(equal_height=True):
            gr.Textbox(label="Tall", lines=4)
            gr.Button("Stretched")
        with gr.Row():
            gr.Textbox(label="Also tall", lines=4)
            gr.Button("Natural")
    with launch(demo) as app_url:
        open_app(page, app_url)
        tall = page.locator(".block", has=page.get_by_role("textbox", name="Tall", exact=True))
        tall_box = tall.bounding_box()
        assert tall_box is not None
        stretched = _box(page, "button", "Stretched")
        natural = _box(page, "button", "Natural")
        assert stretched["height"] == pytest.approx(tall_box["height"], abs=3)
        assert natural["height"] < tall_box["height"] / 2
