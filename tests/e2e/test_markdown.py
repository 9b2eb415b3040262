"""``gr.Markdown`` in Chromium: hostile content stays inert, math and code render,
and an app without Markdown never downloads the Markdown libraries."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.e2e.hostile import (
    ATTRIBUTE_FINDINGS_JS,
    FORBIDDEN_TAGS,
    HOSTILE_HTML,
    HOSTILE_MARKDOWN,
    NOT_PWNED_JS,
)

import gradiate as gr

HOSTILE = "\n\n".join(HOSTILE_HTML + HOSTILE_MARKDOWN)
DOCUMENT = """# Report

Euler: $$e^{i\\pi} + 1 = 0$$

```python
def area(r):
    return 3.14 * r ** 2
```
"""


def hostile_reply() -> str:
    return HOSTILE


def build_demo() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Markdown(HOSTILE, elem_id="static")
        gr.Markdown(DOCUMENT, elem_id="doc", header_links=True)
        shown = gr.Markdown(elem_id="dynamic")
        gr.Button("Load reply").click(hostile_reply, outputs=shown)
    return demo


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with launch(build_demo()) as app_url:
        yield app_url


@pytest.fixture(scope="module")
def plain_url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with launch(gr.Interface(lambda text: text, "text", "text")) as app_url:
        yield app_url


@pytest.fixture(scope="module")
def prose_url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with gr.Blocks() as demo:
        gr.Markdown("# Plain\n\nNo math, and `inline code` only.", elem_id="plain")
    with launch(demo) as app_url:
        yield app_url


def assert_inert(page: Page, selector: str) -> None:
    root = page.locator(selector)
    expect(root.get_by_role("link", name="external")).to_have_attribute(
        "rel", "noopener noreferrer"
    )
    expect(root.get_by_role("link", name="external")).to_have_attribute("target", "_blank")
    assert root.locator(FORBIDDEN_TAGS).count() == 0
    assert root.evaluate(ATTRIBUTE_FINDINGS_JS) == []
    assert page.evaluate(NOT_PWNED_JS)
    expect(page.locator("body")).to_be_visible()


def test_hostile_markdown_runs_no_script_and_drops_dangerous_tags(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, url)
    expect(page.locator("#static").get_by_text("tab link")).to_be_visible()
    assert_inert(page, "#static")

    page.get_by_role("button", name="Load reply").click()
    expect(page.locator("#dynamic").get_by_text("tab link")).to_be_visible()
    assert_inert(page, "#dynamic")
    page.locator("#dynamic").get_by_text("tab link").click()
    page.wait_for_timeout(300)
    assert page.evaluate(NOT_PWNED_JS)
    assert dialogs == []


def test_markdown_shows_typeset_math_and_highlighted_code(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    doc = page.locator("#doc")
    expect(doc.get_by_role("heading", name="Report")).to_have_attribute("id", "user-content-report")
    expect(doc.locator(".katex").first).to_be_visible()
    expect(doc.locator("annotation")).to_have_text("e^{i\\pi} + 1 = 0")
    expect(doc.locator("code .hljs-keyword").first).to_have_text("def")
    assert doc.locator("code .hljs-keyword").first.evaluate(
        "(e) => getComputedStyle(e).color !== getComputedStyle(e.parentElement).color"
    )


def test_an_app_without_markdown_does_not_fetch_the_markdown_libraries(
    page: Page, plain_url: str, open_app: Callable[[Page, str], Page]
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, plain_url)
    page.wait_for_load_state("networkidle")
    assets = [url.rsplit("/", 1)[-1] for url in requested if "/assets/" in url]
    assert assets, requested
    heavy = ("Markdown-", "HTML-", "ProseStyle-", "katex", "highlight_code", "handlebars")
    assert [name for name in assets if name.startswith(heavy)] == []


def test_markdown_without_math_or_fenced_code_does_not_fetch_katex_or_highlight(
    page: Page, prose_url: str, open_app: Callable[[Page, str], Page]
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, prose_url)
    expect(page.get_by_role("heading", name="Plain")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assets = [url.rsplit("/", 1)[-1] for url in requested if "/assets/" in url]
    assert any(name.startswith("Markdown-") for name in assets), assets
    assert [name for name in assets if name.startswith(("katex", "highlight_code"))] == []
