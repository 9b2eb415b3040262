"""Markdown rendering in Debian's Chromium (through Playwright).

The app (``apps/markdown_doc.py``) shows a 256 KB document of headings, lists, tables,
code and links, then streams a 64 KB one in 1000 growing steps. The page sets
``window.__gradiate_profile = true``, so the Markdown component measures each update.

What "rendered" means here: ``gradiate:markdown-shown`` runs from the moment the value
is handed to the Markdown view until the first frame drawn with the whole document laid
out at its full length. A long document that can be cut at headings is shown in parts
(``frontend/src/ui/markdown/markdown_view.ts``): the first ~1 KB (a screen) and the last
section are rendered at once, every part between (8 KB) waits in a placeholder sized
from its source and is rendered when it comes within a screen of the viewport, or else
in the tasks that follow (~12 ms of work each). So at that frame the top of the document
is on screen, the scrollbar has its (estimated) length, and what is further down is
either there or rendered on the way to it; but text in a part not rendered yet is not in
the DOM (so not found by Ctrl+F) until ``gradiate:markdown-complete``, which ends when
every block is. The condition that goes with it: no main-thread task over 50 ms until
then (Chromium's ``longtask`` entries; 0 when there were none), code highlighting
included, which now runs in tasks of ~12 ms too. ``gradiate:markdown`` is the
synchronous part of the update. The click comes ``SETTLE_MS`` after the page is ready,
as a person's would. (Documents that cannot be cut, e.g. with ``header_links``, math or
reference definitions, are still shown in ~30 ms slices, in order: for them the whole
length is laid out only at ``gradiate:markdown-complete``.)

Measured on the 2-core benchmark machine while other jobs loaded it (load average 1-6,
which swings wall times by up to 2x; so also Chromium trace thread times), median of 3:

- Before (4 KB first slice, then ~30 ms slices in order, the page growing as they came):
  first slice 59 ms, whole document 649 ms, longest task 64 ms, highlighted 824 ms.
  Traced: the update 46-49 ms of thread; the whole length laid out only with the last
  slice, 430-476 ms of thread (wall 0.7-1.0 s); highlighted at 633-692 ms of thread.
- Parts (approach 2) alone: the update still took ~50 ms of thread. Half was marked's
  first kilobyte on a fresh page: V8 compiling its regular expressions (``gfm.lheading``
  ~9 ms, ``gfm.paragraph`` ~6 ms, ...), now done in idle tasks of ~10 ms after the
  component mounts (a document in the value at mount still pays it); a first version of
  the cut search took ~17 ms (now one match per fence, 1-4 ms).
- After (two runs, load average 5 and 3): laid out on screen 43.9 / 45 ms, update
  18.6 / 18.3 ms, every block in the DOM 676 / 450 ms, no task over 50 ms, highlighted
  697 / 588 ms, streamed step mean 1.7 / 1.2 ms (worst 32 / 14 ms).
  Traced: update 17-21 ms of thread, then a ~17 ms frame (laid out at 39-59 ms of
  thread, wall 46-67 ms); every block at 409-421 ms of thread (wall 0.44-0.6 s; with
  the parts at background priority, behind the highlighting, it was 1.1-1.3 s);
  longest task 27 ms of thread.
- markdown-it instead of marked (approach 1; Node 22, this document, first parse in a
  fresh process): 320-336 ms with linkify (needed for GFM's bare-URL links), 259-274 ms
  without, against marked's 281-286 ms; 2x faster only once warm, and 48 KB against
  16 KB gzipped. Not adopted.
- Lexing in a Web Worker (approach 3), measured in a stand-alone page (worker lexes and
  renders 8 KB parts, the page inserts each into a content-visibility chunk as it
  arrives): worker started on demand, first part in the page at 119-190 ms, every part
  at 505-1003 ms, 209-423 ms of main-thread inserting, a longest task of 106-136 ms;
  started at page load, 71-114 / 448-603 / 206-312 ms, longest task 140-163 ms. Parsing
  the HTML stays on the main thread whatever lexes it (~120 ms of thread traced here), and
  on two busy cores the worker competes with the page. Not adopted: the parts show the
  screen sooner and keep every task short; a worker could still feed them the HTML.

Each figure is the median of ``LOADS`` fresh pages.
"""

from __future__ import annotations

from typing import Any

from app_server import AppServer
from bench_page_load import CHROMIUM, CHROMIUM_ARGS
from harness import Figure, emit, parse_args

LOADS = 3
BUDGET_RENDER_MS = 50.0
BUDGET_LONGEST_TASK_MS = 50.0
"""No main-thread task may take longer than this while a long document renders."""
BUDGET_STREAM_STEP_MS = 16.0
"""A streamed step must fit in one 60 Hz frame."""

LONG_TASKS_JS = """
window.__gradiate_profile = true;
window.__long_tasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__long_tasks.push(entry.duration);
}).observe({ type: "longtask" });
"""
MEASURES_JS = """(name) => performance.getEntriesByName(name).map((m) => m.duration)"""
READY = '#gradiate-app[data-ready="true"]'
SETTLE_MS = 500
"""The page is left idle this long before the click, as a person reads it before clicking."""
QUIET_MS = 1000
STREAM_TIMEOUT_MS = 120_000


def wait_until_steady(page: Any) -> list[float]:
    """The stream's step durations, once no step has been added for ``QUIET_MS``."""
    seen = -1
    steps: list[float] = []
    for _ in range(int(STREAM_TIMEOUT_MS / QUIET_MS)):
        page.wait_for_timeout(QUIET_MS)
        steps = page.evaluate(MEASURES_JS, "gradiate:markdown")
        if len(steps) == seen and seen > 0:
            return steps
        seen = len(steps)
    raise RuntimeError(f"the stream did not finish within {STREAM_TIMEOUT_MS} ms")


def render_once(browser: Any, url: str) -> tuple[float, ...]:
    """Laid out, update, every block, longest task, highlighted, stream mean and worst (ms)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(LONG_TASKS_JS)
        page.goto(url)
        page.wait_for_selector(READY, state="attached", timeout=30_000)
        page.wait_for_timeout(SETTLE_MS)
        page.evaluate("performance.clearMeasures()")
        page.evaluate("window.__long_tasks = []")
        page.get_by_role("button", name="Show", exact=True).click()
        page.wait_for_function(
            "performance.getEntriesByName('gradiate:markdown-enhanced').length > 0",
            timeout=60_000,
        )
        first_ms = max(page.evaluate(MEASURES_JS, "gradiate:markdown"))
        shown_ms = max(page.evaluate(MEASURES_JS, "gradiate:markdown-shown"))
        whole_ms = max(page.evaluate(MEASURES_JS, "gradiate:markdown-complete"))
        longest_ms = max([0.0, *page.evaluate("window.__long_tasks")])
        enhanced_ms = max(page.evaluate(MEASURES_JS, "gradiate:markdown-enhanced"))
        page.evaluate("performance.clearMeasures()")
        page.get_by_role("button", name="Stream", exact=True).click()
        steps = wait_until_steady(page)
        mean_step = sum(steps) / len(steps)
        return shown_ms, first_ms, whole_ms, longest_ms, enhanced_ms, mean_step, max(steps)
    finally:
        context.close()


def main() -> None:
    """Report the 256 KB render time and the streamed step times."""
    args = parse_args(__doc__ or "")
    from playwright.sync_api import sync_playwright

    server = AppServer("markdown_doc", args.impl, python=args.app_python)
    with server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            render_once(browser, server.base_url + "/")  # warm-up
            runs = [render_once(browser, server.base_url + "/") for _ in range(LOADS)]
        finally:
            browser.close()
    column = [sorted(values)[len(values) // 2] for values in zip(*runs, strict=True)]
    figures = [
        Figure(
            "markdown: 256 KB, laid out on screen (median)",
            column[0],
            "ms",
            BUDGET_RENDER_MS,
            note="first frame with the whole length laid out; parts below fill in",
        ),
        Figure("markdown: 256 KB, update (synchronous part)", column[1], "ms"),
        Figure("markdown: 256 KB, every block in the DOM", column[2], "ms"),
        Figure(
            "markdown: 256 KB, longest main-thread task",
            column[3],
            "ms",
            BUDGET_LONGEST_TASK_MS,
            note="Chromium longtask entries; 0 = none over 50 ms",
        ),
        Figure("markdown: 256 KB, with code highlighted", column[4], "ms"),
        Figure(
            "markdown: streamed step, mean (64 KB, 1000 steps)",
            column[5],
            "ms",
            BUDGET_STREAM_STEP_MS,
        ),
        Figure("markdown: streamed step, worst", column[6], "ms"),
    ]
    emit("markdown", args.impl, figures)


if __name__ == "__main__":
    main()
