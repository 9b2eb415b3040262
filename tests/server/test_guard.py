"""The guard in front of every route: Host allow-list, Origin rules, CORS, security headers.

A live loopback server (SECURITY.md T34-T38). "Refused" means the status, and also that the
user's function did not run and the session's ``gr.State`` did not change.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import gradiate as gr

pytestmark = pytest.mark.anyio

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "content-security-policy": "frame-ancestors *",
}
FOREIGN_ORIGINS = [
    "https://evil.example",
    "http://localhost.evil.com",
    "http://127.0.0.1.nip.io",
    "http://evil.com#@localhost",
    "http://localhost@evil.com",
    "http://evil.com/@localhost",
    "http://LOCALHOST:1",
    "http://localhost",
    "ftp://localhost",
    "http://127.0.0.1:{port}.evil.com",
    "http://127.0.0.1:{other_port}",
    "https://127.0.0.1:{port}",
    "http://127.0.0.1:{port}/",
    "",
]


class Spy:
    """Counts calls of the app's function, across the server thread."""

    def __init__(self) -> None:
        self.calls = 0
        self.lock = threading.Lock()

    def add(self, text: str, total: int) -> tuple[str, int]:
        with self.lock:
            self.calls += 1
        return text, total + 1


def build_demo(spy: Spy) -> gr.Blocks:
    """``add`` (fn_index 0) counts its calls and adds one to a State; ``peek`` shows it."""
    with gr.Blocks() as demo:
        box = gr.Textbox(label="Text")
        total = gr.State(0)
        out = gr.Textbox(label="Out")
        gr.Button("Add").click(spy.add, [box, total], [out, total], api_name="add")
        gr.Button("Peek").click(str, total, out, api_name="peek")
    return demo


@pytest.fixture(scope="module")
def spy() -> Spy:
    return Spy()


@pytest.fixture(scope="module")
def base_url(launch: Any, spy: Spy) -> Iterator[str]:
    with launch(build_demo(spy)) as url:
        yield url


@pytest.fixture
def port(base_url: str) -> int:
    return int(base_url.rstrip("/").rsplit(":", 1)[1])


def assert_security_headers(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (name, response.url, response.headers)


def join_body(session_hash: str) -> bytes:
    return b'{"data": ["x", null], "fn_index": 0, "session_hash": "' + session_hash.encode() + b'"}'


async def state_total(client: httpx.AsyncClient, wire: Any, session_hash: str) -> int:
    """The session's State total, read with ``peek`` (no Origin)."""
    config = await wire.config(client)
    event_id = await wire.join(client, wire.fn_index(config, "peek"), [None], session_hash)
    messages = await wire.session_messages(client, session_hash)
    done = [m for m in messages if m.get("event_id") == event_id and "output" in m]
    return int(done[-1]["output"]["data"][0])


async def add_once(client: httpx.AsyncClient, wire: Any, session_hash: str) -> None:
    await wire.join(client, 0, ["x", None], session_hash)
    await wire.session_messages(client, session_hash)


# ------------------------------------------------------------------ Host


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "localhost.", "a b"]
)
@pytest.mark.parametrize("path", ["", "config", "gradio_api/info", "gradio_api/queue/data"])
async def test_request_for_a_foreign_host_is_421_before_routing(
    client: httpx.AsyncClient, port: int, host: str, path: str
) -> None:
    response = await client.get(path, headers={"host": host.format(port=port)})
    assert response.status_code == 421, response.text
    assert response.json()["error"] == "misdirected_request"
    assert "allowed_hosts" in response.json()["detail"]
    assert "evil" not in response.headers.get("content-type", "")
    assert_security_headers(response)


async def test_join_for_a_foreign_host_is_421_and_runs_nothing(
    client: httpx.AsyncClient, spy: Spy, port: int
) -> None:
    before = spy.calls
    response = await client.post(
        "gradio_api/queue/join",
        content=join_body("host-check"),
        headers={"host": f"evil.example:{port}", "content-type": "application/json"},
    )
    assert response.status_code == 421
    assert spy.calls == before


@pytest.mark.parametrize("host", ["localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}",
                                  "LOCALHOST:{port}", "127.0.0.1"])  # fmt: skip
async def test_loopback_hosts_are_served_and_the_config_root_uses_them(
    client: httpx.AsyncClient, port: int, host: str
) -> None:
    value = host.format(port=port)
    response = await client.get("config", headers={"host": value})
    assert response.status_code == 200
    assert response.json()["root"].lower() == "http://" + value.lower()
    assert_security_headers(response)


# ------------------------------------------------------------------ Origin on writes


@pytest.mark.parametrize("origin", FOREIGN_ORIGINS)
@pytest.mark.parametrize("content_type", ["text/plain", "application/json"])
async def test_cross_site_join_is_403_and_neither_runs_nor_changes_state(
    client: httpx.AsyncClient, wire: Any, spy: Spy, port: int, origin: str, content_type: str
) -> None:
    session_hash = wire.new_session()
    await add_once(client, wire, session_hash)
    assert await state_total(client, wire, session_hash) == 1
    before = spy.calls
    response = await client.post(
        "gradio_api/queue/join",
        content=join_body(session_hash),
        headers={
            "origin": origin.format(port=port, other_port=port + 1),
            "content-type": content_type,
            "cookie": "session=valid-looking-cookie",  # cookies do not relax the check (T36)
        },
    )
    assert response.status_code == 403, response.text
    assert response.json()["error"] == "cross_origin_refused"
    assert "access-control-allow-origin" not in response.headers
    assert_security_headers(response)
    assert spy.calls == before
    assert await state_total(client, wire, session_hash) == 1  # the refused join changed nothing


async def test_null_origin_is_refused_and_names_strict_cors(
    client: httpx.AsyncClient, spy: Spy
) -> None:
    before = spy.calls
    response = await client.post(
        "gradio_api/queue/join",
        content=join_body("null-origin"),
        headers={"origin": "null", "content-type": "text/plain"},
    )
    assert response.status_code == 403
    assert "strict_cors=False" in response.json()["detail"]
    assert spy.calls == before


@pytest.mark.parametrize("path", ["gradio_api/cancel", "gradio_api/reset", "gradio_api/run/add",
                                  "gradio_api/call/add", "login"])  # fmt: skip
async def test_every_write_route_refuses_a_foreign_origin(
    client: httpx.AsyncClient, spy: Spy, path: str
) -> None:
    before = spy.calls
    response = await client.post(
        path,
        content=b'{"data": ["x", null], "event_id": "e"}',
        headers={"origin": "https://evil.example", "content-type": "text/plain"},
    )
    assert response.status_code == 403, (path, response.text)
    assert_security_headers(response)
    assert spy.calls == before


@pytest.mark.parametrize("origin", ["http://127.0.0.1:{port}", "HTTP://127.0.0.1:{port}"])
async def test_same_origin_join_runs(
    client: httpx.AsyncClient, wire: Any, port: int, origin: str
) -> None:
    session_hash = wire.new_session()
    response = await client.post(
        "gradio_api/queue/join",
        content=join_body(session_hash),
        headers={"origin": origin.format(port=port), "content-type": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-credentials"] == "true"
    messages = await wire.session_messages(client, session_hash)
    assert any(m["msg"] == "process_completed" and m["success"] for m in messages)


async def test_same_origin_through_localhost_name_runs(
    client: httpx.AsyncClient, wire: Any, port: int
) -> None:
    response = await client.post(
        "gradio_api/queue/join",
        content=join_body(wire.new_session()),
        headers={"host": f"localhost:{port}", "origin": f"http://localhost:{port}",
                 "content-type": "application/json"},
    )  # fmt: skip
    assert response.status_code == 200, response.text


async def test_join_without_origin_runs(client: httpx.AsyncClient, wire: Any) -> None:
    assert await wire.predict(client, "add", ["a", 0]) == ["a", None]  # State shows as None


# ------------------------------------------------------------------ CORS answers


async def test_cors_on_a_local_app_follows_gradio_without_credentials_to_others(
    client: httpx.AsyncClient, port: int
) -> None:
    same = await client.get("config", headers={"origin": f"http://127.0.0.1:{port}"})
    assert same.headers["access-control-allow-origin"] == f"http://127.0.0.1:{port}"
    assert same.headers["access-control-allow-credentials"] == "true"
    loopback = await client.get("config", headers={"origin": "http://localhost:3000"})
    assert loopback.headers["access-control-allow-origin"] == "http://localhost:3000"
    assert "access-control-allow-credentials" not in loopback.headers
    assert "Origin" in loopback.headers["vary"]
    for origin in ("https://evil.example", "null", "http://localhost.evil.com"):
        foreign = await client.get("config", headers={"origin": origin})
        assert foreign.status_code == 200
        assert "access-control-allow-origin" not in foreign.headers, origin
        assert "access-control-allow-credentials" not in foreign.headers, origin


async def test_preflight_from_a_foreign_origin_gets_no_allow_origin(
    client: httpx.AsyncClient,
) -> None:
    response = await client.options(
        "gradio_api/queue/join",
        headers={"origin": "https://evil.example", "access-control-request-method": "POST",
                 "access-control-request-headers": "content-type"},
    )  # fmt: skip
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-credentials" not in response.headers
    assert_security_headers(response)


async def test_preflight_for_a_read_from_a_loopback_origin_is_answered(
    client: httpx.AsyncClient,
) -> None:
    response = await client.options(
        "config",
        headers={"origin": "http://localhost:3000", "access-control-request-method": "GET",
                 "access-control-request-headers": "x-custom, content-type"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://localhost:3000"
    assert response.headers["access-control-allow-headers"] == "x-custom, content-type"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in response.headers
    assert_security_headers(response)


async def test_preflight_for_a_write_from_another_loopback_port_is_refused(
    client: httpx.AsyncClient,
) -> None:
    response = await client.options(
        "gradio_api/queue/join",
        headers={"origin": "http://localhost:3000", "access-control-request-method": "POST"},
    )
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers


# ------------------------------------------------------------------ headers everywhere


@pytest.mark.parametrize("path", ["", "config", "gradio_api/info", "assets/missing.js",
                                  "no/such/route", "gradio_api/queue/status"])  # fmt: skip
async def test_security_headers_are_on_plain_responses(
    client: httpx.AsyncClient, path: str
) -> None:
    assert_security_headers(await client.get(path))


async def test_security_headers_are_on_streams_and_hot_routes(
    client: httpx.AsyncClient, wire: Any
) -> None:
    session_hash = wire.new_session()
    join = await client.post(
        "gradio_api/queue/join",
        json={"data": ["s", None], "fn_index": 0, "session_hash": session_hash},
    )
    assert_security_headers(join)
    async with client.stream(
        "GET", "gradio_api/queue/data", params={"session_hash": session_hash}
    ) as stream:
        assert_security_headers(stream)
        await stream.aread()
    bad_join = await client.post("gradio_api/queue/join", content=b"{")
    assert bad_join.status_code == 400
    assert_security_headers(bad_join)
    async with client.stream("GET", f"gradio_api/heartbeat/{session_hash}") as heartbeat:
        assert_security_headers(heartbeat)
    call = await client.post("gradio_api/call/add", json={"data": ["c", None]})
    async with client.stream("GET", f"gradio_api/call/add/{call.json()['event_id']}") as result:
        assert_security_headers(result)
        await result.aread()


# ------------------------------------------------------------------ launch options


async def test_strict_cors_false_lets_a_null_origin_write(launch: Any, wire: Any) -> None:
    spy = Spy()
    with launch(build_demo(spy), strict_cors=False) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            response = await http.post(
                "gradio_api/queue/join",
                content=join_body("null-ok"),
                headers={"origin": "null", "content-type": "text/plain"},
            )
            assert response.status_code == 200, response.text
            assert response.headers["access-control-allow-origin"] == "null"
            assert "access-control-allow-credentials" not in response.headers
            await wire.session_messages(http, "null-ok")
            evil = await http.post(
                "gradio_api/queue/join",
                content=join_body("evil"),
                headers={"origin": "https://evil.example", "content-type": "text/plain"},
            )
            assert evil.status_code == 403
    assert spy.calls == 1


async def test_allowed_hosts_serve_a_public_name_with_cross_site_api_use(
    launch: Any, wire: Any
) -> None:
    spy = Spy()
    with launch(build_demo(spy), allowed_hosts=["MyApp.example"]) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            config = await http.get("config", headers={"host": "myapp.example"})
            assert config.status_code == 200
            assert config.json()["root"] == "http://myapp.example"
            # A public name is not a local app: any site may use its API (@gradio/client),
            # but never with credentials.
            join = await http.post(
                "gradio_api/queue/join",
                content=join_body("public"),
                headers={"host": "myapp.example", "origin": "https://other.example",
                         "content-type": "application/json"},
            )  # fmt: skip
            assert join.status_code == 200, join.text
            assert join.headers["access-control-allow-origin"] == "https://other.example"
            assert "access-control-allow-credentials" not in join.headers
            await wire.session_messages(http, "public")
            other = await http.get("config", headers={"host": "evil.example"})
            assert other.status_code == 421
            assert "myapp.example" in other.json()["detail"]
    assert spy.calls == 1


async def test_frame_ancestors_option_sets_the_csp(launch: Any) -> None:
    with launch(build_demo(Spy()), frame_ancestors=["'self'", "https://embed.example"]) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            for path in ("", "gradio_api/queue/data?session_hash=x"):
                response = await http.get(path)
                assert response.headers["content-security-policy"] == (
                    "frame-ancestors 'self' https://embed.example"
                )
