"""A long ``gr.Markdown`` document in Chromium: laid out at once, shown whole, in order,
evenly spaced.

A long document is shown in parts: the first screen and the end at once, each part
between in a chunk element, a sized placeholder until it is rendered (near the viewport,
or in idle time), which the long-document style lets Chromium skip as a whole; these
tests check what a reader sees of that: the full length at once, every section, in
order, and the same space between two kinds of block at a chunk boundary as anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import gradiate as gr

SECTIONS = 400


def section(index: int) -> str:
    return (
        f"## Section {index}\n\n"
        f"Text with *emphasis* and a [link](https://example.com/{index}).\n\n"
        "- first item\n- second item\n\n"
        f"```python\nx = {index}\n```\n\n"
        f"> quoted line {index}\n\n"
    )


LONG_DOCUMENT = "".join(section(index) for index in range(SECTIONS))

# For each chunk boundary: the tags of the blocks on each side, the space between them,
# and the space between the same two kinds of block inside that chunk (null if none).
BOUNDARY_GAPS_JS = """(root) => {
  const gaps = [];
  for (const chunk of root.querySelectorAll(':scope > .md-chunk')) {
    chunk.scrollIntoView();
    const before = chunk.previousElementSibling;
    const last = before.classList.contains('md-chunk') ? before.lastElementChild : before;
    last.scrollIntoView();
    const first = chunk.firstElementChild;
    const gap = first.getBoundingClientRect().top - last.getBoundingClientRect().bottom;
    let inside = null;
    for (const block of chunk.children) {
      const next = block.nextElementSibling;
      if (next && block.tagName === last.tagName && next.tagName === first.tagName) {
        inside = next.getBoundingClientRect().top - block.getBoundingClientRect().bottom;
        break;
      }
    }
    gaps.push([last.tagName, first.tagName, gap, inside]);
  }
  return gaps;
}"""


def build_demo() -> gr.Blocks:
    with gr.Blocks() as demo:
        shown = gr.Markdown(elem_id="long")
        gr.Button("Show").click(lambda: LONG_DOCUMENT, outputs=shown)
    return demo


@pytest.fixture(scope="module")
def url(launch: Callable[[Any], AbstractContextManager[str]]) -> Iterator[str]:
    with launch(build_demo()) as app_url:
        yield app_url


def show_long_document(page: Page, url: str, open_app: Callable[[Page, str], Page]) -> Any:
    open_app(page, url)
    page.get_by_role("button", name="Show").click()
    doc = page.locator("#long .md")
    expect(doc.locator("h2")).to_have_count(SECTIONS, timeout=30_000)
    return doc


def test_a_long_document_is_laid_out_at_its_length_at_once(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    open_app(page, url)
    page.get_by_role("button", name="Show").click()
    doc = page.locator("#long .md")
    expect(doc.get_by_role("heading", name="Section 0", exact=True)).to_be_visible()
    first_height = doc.evaluate("(root) => root.scrollHeight")
    middle = doc.locator(":scope > .md-chunk").nth(3)
    middle.scroll_into_view_if_needed()
    # Scrolled to at once, a part far down is there on the way to it.
    expect(middle.get_by_role("heading").first).to_be_visible(timeout=2_000)
    expect(doc.locator("h2")).to_have_count(SECTIONS, timeout=30_000)
    # Its placeholders were sized from their source: the page did not grow from a screen.
    assert first_height > 0.5 * doc.evaluate("(root) => root.scrollHeight")


def test_a_long_document_shows_every_section_in_order(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    doc = show_long_document(page, url, open_app)
    headings = doc.locator("h2").all_text_contents()
    assert headings == [f"Section {index}" for index in range(SECTIONS)]
    last_quote = doc.get_by_text(f"quoted line {SECTIONS - 1}", exact=True)
    last_quote.scroll_into_view_if_needed()
    expect(last_quote).to_be_visible()
    assert doc.locator("a[href='https://example.com/399']").get_attribute("target") == "_blank"


def test_a_long_document_is_spaced_the_same_across_its_slices(
    page: Page, url: str, open_app: Callable[[Page, str], Page]
) -> None:
    doc = show_long_document(page, url, open_app)
    gaps = doc.evaluate(BOUNDARY_GAPS_JS)
    assert gaps, "the document was shown in one piece: nothing to compare"
    compared = [gap for gap in gaps if gap[3] is not None]
    assert compared, gaps
    # A heading after a boundary keeps the block before's margin, not its own larger one.
    assert all(abs(gap - inside) <= 3 for _, _, gap, inside in compared), gaps
