"""A real browser on a foreign page cannot run a local app's function (SECURITY.md T34, T38).

The foreign page is served by a second loopback server, so it is another origin; the
browser then sends its requests, with the ``Origin`` it chooses, to the live app. DNS rebinding is
played with Chromium's host resolver rules: ``rebind.example`` resolves to 127.0.0.1.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import Page, Playwright
from tests.browser import CHROMIUM, CHROMIUM_ARGS

import gradiate as gr

CALLS: list[str] = []
LOCK = threading.Lock()


def record(text: str) -> str:
    with LOCK:
        CALLS.append(text)
    return text


@pytest.fixture(scope="module")
def url(launch: Any) -> Iterator[str]:
    with gr.Blocks() as demo:
        box = gr.Textbox(label="Text")
        gr.Button("Go").click(record, box, box, api_name="record")
    with launch(demo) as app_url:
        yield app_url


@pytest.fixture(scope="module")
def foreign_site() -> Iterator[Callable[[str], str]]:
    """A second loopback server: ``foreign_site(html)`` serves ``html`` and returns its URL.

    It must be a real loopback server: Chromium refuses a page it cannot place on this
    machine any fetch to loopback (Local Network Access), which would hide the guard.
    """
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("content-type", "text/html")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(html: str) -> str:
        path = f"/page{len(pages)}.html"
        pages[path] = html.encode()
        return f"http://127.0.0.1:{server.server_address[1]}{path}"

    yield serve
    server.shutdown()
    server.server_close()


def attack_script(url: str, text: str) -> str:
    body = f'{{"data": ["{text}"], "fn_index": 0, "session_hash": "victim"}}'
    return f"""
        async () => {{
            const sent = [];
            for (const path of ["gradio_api/queue/join", "gradio_api/run/record",
                                "gradio_api/call/record"]) {{
                try {{
                    await fetch("{url}" + path, {{method: "POST", mode: "no-cors",
                        headers: {{"Content-Type": "text/plain"}}, body: '{body}'}});
                    sent.push(path);
                }} catch (error) {{
                    sent.push("failed " + path + ": " + error);
                }}
            }}
            return sent;
        }}
    """


def test_fetch_from_a_foreign_page_reaches_the_app_but_runs_nothing(
    page: Page, url: str, foreign_site: Callable[[str], str]
) -> None:
    CALLS.clear()
    page.goto(foreign_site("<!doctype html><title>evil</title>"))
    responses: list[int] = []
    page.on("response", lambda response: responses.append(response.status))
    sent = page.evaluate(attack_script(url, "csrf"))
    page.wait_for_timeout(300)
    assert sent == ["gradio_api/queue/join", "gradio_api/run/record", "gradio_api/call/record"]
    assert responses.count(403) == 3, responses  # the requests did arrive, and were refused
    assert CALLS == []


def test_a_form_posted_from_a_foreign_page_runs_nothing(
    page: Page, url: str, foreign_site: Callable[[str], str]
) -> None:
    CALLS.clear()
    form = (
        f'<form method="POST" action="{url}gradio_api/run/record" enctype="text/plain">'
        '<input name=\'{"data": ["form"], "x": "\' value=\'"}\'></form>'
        "<script>document.forms[0].submit()</script>"
    )
    page.goto(foreign_site(form))
    page.wait_for_url(f"{url}gradio_api/run/record")
    assert "cross_origin_refused" in page.content()
    assert CALLS == []


def test_the_same_fetch_from_the_app_itself_runs(page: Page, url: str) -> None:
    CALLS.clear()
    page.goto(url)
    page.evaluate(attack_script(url, "own"))
    page.wait_for_timeout(300)
    assert CALLS.count("own") >= 2  # the join and the run (the call needs its result read)


@pytest.fixture
def rebinding_page(playwright: Playwright) -> Iterator[Callable[[], Page]]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP rebind.example 127.0.0.1"],
    )
    yield lambda: browser.new_context().new_page()
    browser.close()


def test_a_rebound_name_gets_421_and_no_config(
    rebinding_page: Callable[[], Page], url: str
) -> None:
    port = url.rstrip("/").rsplit(":", 1)[1]
    page = rebinding_page()
    response = page.goto(f"http://rebind.example:{port}/")
    assert response is not None
    assert response.status == 421
    assert "gradio_config" not in page.content()
    config = page.goto(f"http://rebind.example:{port}/config")
    assert config is not None
    assert config.status == 421
