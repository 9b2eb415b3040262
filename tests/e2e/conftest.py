"""Fixtures for the browser end-to-end tests.

One Debian Chromium per test session, a fresh context and page per test, and
real gradiate servers on loopback, one per test module: a module-scoped ``url``
fixture runs ``with launch(demo) as url: yield url`` (``launch`` comes from
``tests/conftest.py``). Nothing is mocked: the page talks to the app
over a real socket exactly as a user's browser would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

# Auto-waiting assertions and actions give up after this many milliseconds.
TIMEOUT_MS = 5_000
READY = '#gradiate-app[data-ready="true"]'

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open pages in fresh browser contexts; ``new_page(**context_options)``.

    Uncaught JavaScript errors on any of these pages fail the test at teardown:
    a front end that throws is broken even when the assertions happened to pass.
    """
    contexts: list[BrowserContext] = []
    page_errors: list[str] = []

    def _new_page(**context_options: Any) -> Page:
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(f"{error.name}: {error.message}"))
        return page

    yield _new_page
    for context in contexts:
        context.close()
    assert page_errors == [], f"uncaught errors in the page: {page_errors}"


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A page in a fresh desktop-sized (1280 by 800) light-scheme context."""
    return new_page(viewport={"width": 1280, "height": 800}, color_scheme="light")


@pytest.fixture
def open_app() -> Callable[[Page, str], Page]:
    """Navigate ``page`` to ``url`` and wait until the app's first render is complete."""

    def _open_app(page: Page, url: str) -> Page:
        page.goto(url)
        expect(page.locator(READY)).to_be_attached()
        return page

    return _open_app


# Computed in the page. Colours are parsed by drawing them on a canvas, so any CSS colour
# syntax works (rgb(), oklch(), light-dark() and color-mix() results). A background is the
# composite of every ancestor's background colour from the root down; a text colour is
# composited over it after the opacity of its ancestors. WCAG 2 luminance and contrast.
# Text drawn over a background image cannot be measured this way and is reported apart.
CONTRAST_JS = """() => {
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
    const chain = (element) => {
        const elements = [];
        for (let e = element; e; e = e.parentElement) elements.push(e);
        return elements.reverse();
    };
    const background = (element) => {
        // The canvas below <html>: white unless the page paints something else.
        let colour = [255, 255, 255, 1];
        let image = false;
        for (const e of chain(element)) {
            const style = getComputedStyle(e);
            const layer = parse(style.backgroundColor);
            if (layer[3] > 0) colour = over(layer, colour);
            if (style.backgroundImage !== "none") image = true;
        }
        return {colour, image};
    };
    const opacity = (element) => chain(element).reduce(
        (product, e) => product * parseFloat(getComputedStyle(e).opacity), 1);
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
    const measure = (element, text) => {
        const style = getComputedStyle(element);
        const bg = background(element);
        const fg = parse(style.color);
        fg[3] *= opacity(element);
        const size = parseFloat(style.fontSize);
        const weight = parseInt(style.fontWeight, 10);
        // WCAG "large text": 24 px, or 18.66 px and bold; it needs 3:1 instead of 4.5:1.
        const large = size >= 24 || (size >= 18.66 && weight >= 700);
        return {
            text: text.slice(0, 40), tag: element.tagName.toLowerCase(),
            contrast: Math.round(contrast(over(fg, bg.colour), bg.colour) * 100) / 100,
            needed: large ? 3 : 4.5, over_image: bg.image,
            color: style.color, background: bg.colour.slice(0, 3).map(Math.round),
        };
    };
    const shown = (element) => {
        const box = element.getBoundingClientRect();
        return box.width > 2 && box.height > 2
            && element.checkVisibility({opacityProperty: true, visibilityProperty: true});
    };
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        const text = node.textContent.trim();
        if (!text || !element || !shown(element)) continue;
        if (element.closest("[disabled], [aria-disabled='true'], svg, style, script")) continue;
        texts.push(measure(element, text));
    }
    for (const field of document.querySelectorAll("input, textarea, select")) {
        const value = field.tagName === "SELECT"
            ? field.selectedOptions[0]?.textContent ?? "" : field.value;
        const kinds = ["range", "checkbox", "radio", "hidden", "color", "file"];
        if (!value.trim() || kinds.includes(field.type) || field.disabled || !shown(field)) {
            continue;
        }
        texts.push(measure(field, value.trim()));
    }
    const body = background(document.body).colour;
    return {
        body_background: body,
        body_luminance: luminance(body),
        body_contrast: contrast(over(parse(getComputedStyle(document.body).color), body), body),
        texts,
    };
}"""


@pytest.fixture
def measure_contrast() -> Callable[[Page], dict[str, Any]]:
    """Measure the WCAG contrast of every visible text on the page (see ``CONTRAST_JS``).

    Returns ``body_background``, ``body_luminance``, ``body_contrast`` and ``texts``: one
    ``{text, tag, contrast, needed, over_image, color, background}`` per visible text node
    and per filled form field.
    """

    def _measure(page: Page) -> dict[str, Any]:
        return dict(page.evaluate(CONTRAST_JS))

    return _measure
