"""Every route passes the guard: an inventory of the router plus the raw hot routes.

The inventory below must list every route the app serves; a new route that is not added
here fails ``test_every_route_of_the_app_is_in_the_inventory``, and once added, it is sent
a foreign Host (421), a cross-site write when it takes POST (403, function not called) and
checked for the security headers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

import gradiate as gr
from gradiate.server.guard import Guard
from gradiate.server.hot_routes import DATA_PATH, JOIN_PATH, HotRoutes

pytestmark = pytest.mark.anyio

SECURITY_HEADERS = ("x-content-type-options", "referrer-policy", "content-security-policy")

INVENTORY: dict[str, tuple[str, frozenset[str]]] = {
    # route path: (a concrete path, the methods it takes besides HEAD)
    "/": ("/", frozenset({"GET"})),
    "/config": ("/config", frozenset({"GET"})),
    "/config/": ("/config/", frozenset({"GET"})),
    "/theme.css": ("/theme.css", frozenset({"GET"})),
    "/login": ("/login", frozenset({"GET", "POST"})),
    "/assets/{path:path}": ("/assets/index.js", frozenset({"GET"})),
    "/gradio_api/info": ("/gradio_api/info", frozenset({"GET"})),
    "/gradio_api/info/": ("/gradio_api/info/", frozenset({"GET"})),
    "/gradio_api/app_id": ("/gradio_api/app_id", frozenset({"GET"})),
    "/gradio_api/theme.css": ("/gradio_api/theme.css", frozenset({"GET"})),
    "/gradio_api/startup-events": ("/gradio_api/startup-events", frozenset({"GET"})),
    "/gradio_api/login_check": ("/gradio_api/login_check", frozenset({"GET"})),
    "/gradio_api/user": ("/gradio_api/user", frozenset({"GET"})),
    "/gradio_api/token": ("/gradio_api/token", frozenset({"GET"})),
    "/gradio_api/upload": ("/gradio_api/upload", frozenset({"POST"})),
    "/gradio_api/file={path:path}": ("/gradio_api/file=/etc/hostname", frozenset({"GET"})),
    "/gradio_api/file/{path:path}": ("/gradio_api/file/etc/hostname", frozenset({"GET"})),
    "/gradio_api/queue/status": ("/gradio_api/queue/status", frozenset({"GET"})),
    "/gradio_api/cancel": ("/gradio_api/cancel", frozenset({"POST"})),
    "/gradio_api/reset": ("/gradio_api/reset", frozenset({"POST"})),
    "/gradio_api/reset/": ("/gradio_api/reset/", frozenset({"POST"})),
    "/gradio_api/heartbeat/{session_hash}": ("/gradio_api/heartbeat/s1", frozenset({"GET"})),
    "/gradio_api/call/v2/{api_name}": ("/gradio_api/call/v2/spy", frozenset({"POST"})),
    "/gradio_api/call/v2/{api_name}/{event_id}": ("/gradio_api/call/v2/spy/e1", frozenset({"GET"})),
    "/gradio_api/call/{api_name}": ("/gradio_api/call/spy", frozenset({"POST"})),
    "/gradio_api/call/{api_name}/": ("/gradio_api/call/spy/", frozenset({"POST"})),
    "/gradio_api/call/{api_name}/{event_id}": ("/gradio_api/call/spy/e1", frozenset({"GET"})),
    "/gradio_api/run/{api_name}": ("/gradio_api/run/spy", frozenset({"POST"})),
    "/gradio_api/run/{api_name}/": ("/gradio_api/run/spy/", frozenset({"POST"})),
    JOIN_PATH: (JOIN_PATH, frozenset({"POST"})),
    DATA_PATH: (DATA_PATH + "?session_hash=s1", frozenset({"GET"})),
}
HOT_ROUTES = {JOIN_PATH: frozenset({"POST"}), DATA_PATH: frozenset({"GET"})}
# A body that runs the spy on every write route that runs functions (the rest ignore it).
WRITE_BODY = b'{"data": ["x"], "text": "x", "fn_index": 0, "session_hash": "s1", "event_id": "e"}'

CASES = [(path, method) for path, (_, methods) in INVENTORY.items() for method in sorted(methods)]


class Spy:
    def __init__(self) -> None:
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, text: str) -> str:
        with self.lock:
            self.calls += 1
        return text


@pytest.fixture(scope="module")
def spy() -> Spy:
    return Spy()


@pytest.fixture(scope="module")
def demo(launch: Any, spy: Spy) -> Iterator[gr.Blocks]:
    with gr.Blocks() as blocks:
        text = gr.Textbox(label="text")
        gr.Button().click(spy, text, text, api_name="spy")
    with launch(blocks):
        yield blocks


@pytest.fixture(scope="module")
def base_url(demo: gr.Blocks) -> str:
    return str(demo.local_url)


def starlette_app(demo: gr.Blocks) -> Starlette:
    guard = demo.app
    assert isinstance(guard, Guard)
    assert isinstance(guard.app, HotRoutes)
    fallback = guard.app.fallback
    assert isinstance(fallback, Starlette)
    return fallback


def test_the_guard_is_the_outermost_app_the_server_runs(demo: gr.Blocks) -> None:
    assert isinstance(demo.app, Guard)
    assert demo.server is not None
    assert demo.server.server.config.app is demo.app
    starlette_app(demo)  # Guard → HotRoutes → Starlette, nothing else around or between


def test_every_route_of_the_app_is_in_the_inventory(demo: gr.Blocks) -> None:
    served: dict[str, frozenset[str]] = dict(HOT_ROUTES)
    for route in starlette_app(demo).routes:
        assert isinstance(route, Route), f"{route!r} is not a plain Route; add it to the test"
        served[route.path] = frozenset(route.methods or ()) - {"HEAD"}
    listed = {path: methods for path, (_, methods) in INVENTORY.items()}
    assert served == listed


@pytest.mark.parametrize(("route", "method"), CASES)
async def test_every_route_refuses_a_foreign_host(
    client: httpx.AsyncClient, spy: Spy, route: str, method: str
) -> None:
    before = spy.calls
    response = await client.request(
        method,
        INVENTORY[route][0].lstrip("/"),
        content=WRITE_BODY if method == "POST" else None,
        headers={"host": "evil.example", "content-type": "application/json"},
    )
    assert response.status_code == 421, (route, response.status_code, response.text)
    for name in SECURITY_HEADERS:
        assert name in response.headers, (route, name)
    assert spy.calls == before


@pytest.mark.parametrize(("route", "method"), [case for case in CASES if case[1] == "POST"])
async def test_every_write_route_refuses_a_foreign_origin_without_running(
    client: httpx.AsyncClient, demo: gr.Blocks, spy: Spy, route: str, method: str
) -> None:
    engine = starlette_app(demo).state.engine
    before, stats = spy.calls, (await engine.stats())
    response = await client.post(
        INVENTORY[route][0].lstrip("/"),
        content=WRITE_BODY,
        headers={"origin": "https://evil.example", "content-type": "text/plain"},
    )
    assert response.status_code == 403, (route, response.status_code, response.text)
    for name in SECURITY_HEADERS:
        assert name in response.headers, (route, name)
    assert "access-control-allow-origin" not in response.headers
    assert spy.calls == before
    assert (await engine.stats()) == stats


@pytest.mark.parametrize(("route", "method"), CASES)
async def test_every_route_answers_with_the_security_headers(
    client: httpx.AsyncClient, route: str, method: str
) -> None:
    async with client.stream(
        method,
        INVENTORY[route][0].lstrip("/"),
        content=WRITE_BODY if method == "POST" else None,
        headers={"content-type": "application/json"},
    ) as response:
        assert response.status_code < 500, (route, response.status_code)
        for name in SECURITY_HEADERS:
            assert name in response.headers, (route, name)
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_the_write_body_does_run_the_function_without_the_hostile_headers(
    client: httpx.AsyncClient, wire: Any, spy: Spy
) -> None:
    # The positive control: the refusals above are the guard's, not a body that cannot run.
    before = spy.calls
    response = await client.post("gradio_api/run/spy", content=WRITE_BODY)
    assert response.status_code == 200, response.text
    assert response.json()["data"] == ["x"]
    assert spy.calls == before + 1
