"""The theme follows the browser's colour scheme and keeps text readable in both."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gradiate as gr

# Computed in the page: colours are parsed by drawing them on a canvas (so any CSS colour
# syntax works: rgb(), oklch(), color-mix() results), backgrounds are composited from the
# root down (semi-transparent layers included), then WCAG relative luminance and contrast.
COLOURS_JS = """([selector]) => {
    const ctx = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
    const parse = (css) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = "#000";
        ctx.fillStyle = css;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
        return [r, g, b, a / 255];
    };
    const over = (top, base) => [0, 1, 2].map(
        (i) => top[i] * top[3] + base[i] * (1 - top[3])).concat([1]);
    const background = (element) => {
        const layers = [];
        for (let e = element; e; e = e.parentElement) {
            layers.push(parse(getComputedStyle(e).backgroundColor));
        }
        // The canvas below <html>: white unless the page paints something else.
        let colour = [255, 255, 255, 1];
        for (const layer of layers.reverse()) {
            if (layer[3] > 0) colour = over(layer, colour);
        }
        return colour;
    };
    const luminance = ([r, g, b]) => {
        const lin = (c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const contrast = (x, y) => {
        const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
        return (hi + 0.05) / (lo + 0.05);
    };
    const element = document.querySelector(selector);
    const bg = background(document.body);
    const text = over(parse(getComputedStyle(document.body).color), bg);
    const elementBg = background(element);
    const elementText = over(parse(getComputedStyle(element).color), elementBg);
    return {
        body_background: bg, body_luminance: luminance(bg), body_contrast: contrast(text, bg),
        element_background: elementBg, element_contrast: contrast(elementText, elementBg),
    };
}"""


def shout(words: str) -> str:
    return words.upper()


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with launch(gr.Interface(shout, gr.Textbox(label="words"), "text")) as app_url:
        yield app_url


def colours(page: Page) -> dict[str, Any]:
    # The accessible name of the input comes from the visible label text we measure.
    box = page.get_by_role("textbox", name="words", exact=True)
    expect(box).to_be_visible()
    label_id = page.evaluate(
        """() => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (n.textContent.trim() === "words") {
                    n.parentElement.setAttribute("data-e2e-label", "1");
                    return true;
                }
            }
            return false;
        }"""
    )
    assert label_id, "the label text 'words' is not rendered on the page"
    return page.evaluate(COLOURS_JS, ["[data-e2e-label]"])


@pytest.mark.parametrize(
    ("scheme", "dark"), [("dark", True), ("light", False)], ids=["dark", "light"]
)
def test_background_follows_the_colour_scheme_and_text_keeps_aa_contrast(
    new_page: Callable[..., Page],
    url: str,
    open_app: Callable[[Page, str], Page],
    scheme: str,
    dark: bool,
) -> None:
    page = new_page(color_scheme=scheme)
    open_app(page, url)
    measured = colours(page)

    if dark:
        assert measured["body_luminance"] < 0.3, measured
    else:
        assert measured["body_luminance"] > 0.6, measured
    assert measured["body_contrast"] >= 4.5, measured
    assert measured["element_contrast"] >= 4.5, measured
