"""Chromium keeps its result when the connection holding its event stream dies mid-event.

The browser's queue stream reconnects (0.5 s backoff, doubling, five tries) with the same
session; the proxy sends the new request to a front that is alive, which reads the
session's messages from the shared backend.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, Response, expect
from tests.multiproc.procs import Cluster, Nginx, Proc, free_port, gradiate_command, wait_http
from tests.multiproc.scale import APPS, wait_for_runs

READY = '#gradiate-app[data-ready="true"]'
RESULT_TIMEOUT_MS = 60_000


def stream_fronts(page: Page) -> list[str]:
    """The front (``127.0.0.1:port``) answering each queue/data request, as they come."""
    fronts: list[str] = []

    def seen(response: Response) -> None:
        if "/queue/data" in response.url:
            upstream = response.headers.get("x-upstream", "")
            fronts.append(upstream.split(",")[-1].strip())

    page.on("response", seen)
    return fronts


def run_slow(page: Page, url: str, text: str) -> None:
    page.goto(url)
    expect(page.locator(READY)).to_be_attached()
    page.get_by_label("Text", exact=True).fill(text)
    page.get_by_role("button", name="Slow").click()


def test_a_stream_cut_by_the_proxy_is_reopened_and_the_result_shown(
    page: Page, tmp_path: Path
) -> None:
    port = free_port()
    command = gradiate_command("serve", str(APPS / "plain_app.py"), "--port", str(port))
    front = Proc("front", command, tmp_path).start()
    # nginx cuts a stream silent for 1 s: the 2.5 s event's stream drops mid-event
    nginx = Nginx(tmp_path / "nginx", [port], read_timeout_s=1).start()
    try:
        wait_http(f"http://127.0.0.1:{port}/config", proc=front)
        fronts = stream_fronts(page)
        run_slow(page, nginx.url, "cut")
        expect(page.get_by_label("Out", exact=True)).to_have_value("done cut", timeout=15_000)
        assert len(fronts) >= 2, f"the stream was not reopened: {fronts}"
    finally:
        nginx.proc.kill9()
        front.kill9()


def test_the_result_arrives_after_the_front_holding_the_stream_is_killed(
    page: Page, scale_cluster: Cluster, module_records: Path
) -> None:
    fronts = stream_fronts(page)
    run_slow(page, scale_cluster.url, "failover")
    wait_for_runs(module_records, "failover")  # the job runs on a worker now
    for _ in range(100):  # Playwright hands over its events only while it is called
        if fronts:
            break
        page.wait_for_timeout(50)
    assert fronts, "no queue/data stream was opened"
    holder = scale_cluster.front_at(fronts[-1])
    holder.kill9()
    try:
        expect(page.get_by_label("Out", exact=True)).to_have_value(
            "done failover", timeout=RESULT_TIMEOUT_MS
        )
        assert fronts[-1] != fronts[0], f"the stream did not move to the other front: {fronts}"
    finally:
        scale_cluster.restart_front(holder)
