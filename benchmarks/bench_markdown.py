"""Markdown rendering in Debian's Chromium (through Playwright).

The app (``apps/markdown_doc.py``) shows a 256 KB document of headings, lists, tables,
code and links, then streams a 64 KB one in 1000 growing steps. The page sets
``window.__gradiate_profile = true``, so the Markdown component measures each update:
``gradiate:markdown`` is the synchronous part (parse, sanitise, insert into the DOM); a
long document is shown in slices one task apart (4 KB first, then sized to ~30 ms of
work), so for it that is the first slice, and ``gradiate:markdown-complete`` ends when
the whole document is shown. In one piece that is ~300 ms of main thread on the 2-core
benchmark machine (half of it marked's lexer), so the slicing stays: it keeps every task
under the 100 ms budget. The longest main-thread task while rendering comes from
Chromium's ``longtask`` entries (tasks over 50 ms; 0 when there were none). Code
highlighting runs after and is reported without a budget. Each figure is the median of
``LOADS`` fresh pages.
"""

from __future__ import annotations

from typing import Any

from app_server import AppServer
from bench_page_load import CHROMIUM, CHROMIUM_ARGS
from harness import Figure, emit, parse_args

LOADS = 3
BUDGET_RENDER_MS = 50.0
BUDGET_LONGEST_TASK_MS = 100.0
"""No single task may freeze the page longer than this while a long document renders."""
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


def render_once(browser: Any, url: str) -> tuple[float, float, float, float, float, float]:
    """First slice, whole, longest task, highlighted, mean and worst stream step (ms)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(LONG_TASKS_JS)
        page.goto(url)
        page.wait_for_selector(READY, state="attached", timeout=30_000)
        page.evaluate("performance.clearMeasures()")
        page.evaluate("window.__long_tasks = []")
        page.get_by_role("button", name="Show", exact=True).click()
        page.wait_for_function(
            "performance.getEntriesByName('gradiate:markdown-enhanced').length > 0",
            timeout=60_000,
        )
        first_ms = max(page.evaluate(MEASURES_JS, "gradiate:markdown"))
        whole_ms = max(page.evaluate(MEASURES_JS, "gradiate:markdown-complete"))
        longest_ms = max([0.0, *page.evaluate("window.__long_tasks")])
        enhanced_ms = max(page.evaluate(MEASURES_JS, "gradiate:markdown-enhanced"))
        page.evaluate("performance.clearMeasures()")
        page.get_by_role("button", name="Stream", exact=True).click()
        steps = wait_until_steady(page)
        return first_ms, whole_ms, longest_ms, enhanced_ms, sum(steps) / len(steps), max(steps)
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
        Figure("markdown: 256 KB, first slice shown (median)", column[0], "ms", BUDGET_RENDER_MS),
        Figure("markdown: 256 KB, whole document shown", column[1], "ms"),
        Figure(
            "markdown: 256 KB, longest main-thread task",
            column[2],
            "ms",
            BUDGET_LONGEST_TASK_MS,
            note="Chromium longtask entries; 0 = none over 50 ms",
        ),
        Figure("markdown: 256 KB, with code highlighted", column[3], "ms"),
        Figure(
            "markdown: streamed step, mean (64 KB, 1000 steps)",
            column[4],
            "ms",
            BUDGET_STREAM_STEP_MS,
        ),
        Figure("markdown: streamed step, worst", column[5], "ms"),
    ]
    emit("markdown", args.impl, figures)


if __name__ == "__main__":
    main()
