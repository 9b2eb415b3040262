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
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Auto-waiting assertions and actions give up after this many milliseconds.
TIMEOUT_MS = 5_000
READY = '#gradiate-app[data-ready="true"]'

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


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
