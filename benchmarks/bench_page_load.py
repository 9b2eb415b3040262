"""Page load: Debian's Chromium (through Playwright) opening the greet app.

Each load uses a fresh browser context (empty cache) and asks for
``Accept-Encoding: gzip, br``. Figures: requests the page makes until the
network has been quiet for a moment, the encoded (on-the-wire) body bytes of
those responses, and the time from navigation start to the first ``input`` /
``textarea`` having a layout box, taken in the page with ``performance.now()``
(whose origin is navigation start) by a MutationObserver plus a frame poll.
Hosts other than 127.0.0.1 resolve to nothing, so a page that reaches out
(fonts, CDNs) does so quickly and is counted, not waited on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from app_server import AppServer
from harness import Figure, emit, median, parse_args

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
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOADS = 5
QUIET_S = 0.5
"""The page counts as loaded once no request has started for this long."""
MAX_SETTLE_S = 8.0
BUDGET_KB = 60.0
BUDGET_REQUESTS = 6
BUDGET_S = 0.25

FIRST_INPUT_SCRIPT = """
(() => {
  const check = () => {
    if (window.__first_input_ms !== undefined) return true;
    for (const el of document.querySelectorAll("input, textarea")) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden") {
        window.__first_input_ms = performance.now();
        return true;
      }
    }
    return false;
  };
  new MutationObserver((_, observer) => { if (check()) observer.disconnect(); })
    .observe(document, { childList: true, subtree: true, attributes: true });
  const poll = () => { if (!check()) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
})();
"""


@dataclass(frozen=True, slots=True)
class PageLoad:
    """What one cold load of the page cost."""

    first_input_s: float
    requests: int
    external_requests: int
    body_bytes: int


def load_once(browser: Any, url: str) -> PageLoad:
    """Open ``url`` in a fresh context and measure it."""
    context = browser.new_context(extra_http_headers={"Accept-Encoding": "gzip, br"})
    try:
        page = context.new_page()
        page.add_init_script(FIRST_INPUT_SCRIPT)
        requests: list[Any] = []
        finished: list[Any] = []
        last_request_at = [time.perf_counter()]

        def on_request(request: Any) -> None:
            requests.append(request)
            last_request_at[0] = time.perf_counter()

        def on_finished(request: Any) -> None:
            finished.append(request)

        page.on("request", on_request)
        page.on("requestfinished", on_finished)
        failures: list[str] = []

        def on_response(response: Any) -> None:
            if response.status >= 400:
                failures.append(f"{response.status} {response.url}")

        page.on("response", on_response)
        page.goto(url, wait_until="commit")
        try:
            page.wait_for_function("window.__first_input_ms !== undefined", timeout=30_000)
        except Exception as exc:  # say why the page never showed an input
            raise RuntimeError(
                f"no input/textarea laid out within 30 s at {url}; "
                f"{len(requests)} requests, failed responses: {failures or 'none'}"
            ) from exc
        first_input_ms = float(page.evaluate("window.__first_input_ms"))
        deadline = time.perf_counter() + MAX_SETTLE_S
        while time.perf_counter() < deadline and time.perf_counter() - last_request_at[0] < QUIET_S:
            page.wait_for_timeout(50)
        local = [r for r in requests if r.url.startswith(url.rstrip("/"))]
        body_bytes = sum(r.sizes()["responseBodySize"] for r in finished if r in local)
        return PageLoad(
            first_input_s=first_input_ms / 1000,
            requests=len(requests),
            external_requests=len(requests) - len(local),
            body_bytes=body_bytes,
        )
    finally:
        context.close()


def measure(url: str) -> list[PageLoad]:
    """One warm-up load, then ``LOADS`` measured cold loads."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            load_once(browser, url)
            return [load_once(browser, url) for _ in range(LOADS)]
        finally:
            browser.close()


def main() -> None:
    """Report requests, bytes and time to first input for the greet app's page."""
    args = parse_args(__doc__ or "")
    try:
        import playwright  # noqa: F401  # only checking it is installed
    except ImportError:
        note = "skipped: pip install playwright into this interpreter"
        emit(
            "page_load",
            args.impl,
            [Figure("page load: first input laid out", None, "s", BUDGET_S, note=note)],
        )
        return
    with AppServer("greet", args.impl, python=args.app_python) as server:
        loads = measure(server.base_url + "/")
    last = loads[-1]
    note = f"+ {last.external_requests} to other hosts (blocked)" if last.external_requests else ""
    figures = [
        Figure("page load: transferred body bytes", last.body_bytes / 1000, "KB", BUDGET_KB),
        Figure("page load: requests", float(last.requests), "requests", BUDGET_REQUESTS, note=note),
        Figure(
            "page load: first input laid out (median)",
            median([load.first_input_s for load in loads]),
            "s",
            BUDGET_S,
        ),
    ]
    emit("page_load", args.impl, figures)


if __name__ == "__main__":
    main()
