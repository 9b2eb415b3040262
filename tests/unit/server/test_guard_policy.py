"""The guard's decisions: exact Origin/Host parsing, bind policies and option checks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError
from gradiate.launch_options import LaunchOptions
from gradiate.server.app import create_app
from gradiate.server.guard import Guard, GuardPolicy
from gradiate.server.origins import Origin, is_loopback, is_loopback_bind, parse_host, parse_origin

pytestmark = pytest.mark.anyio


def options(**kwargs: Any) -> LaunchOptions:
    return LaunchOptions.build(
        server_name=kwargs.pop("server_name", "127.0.0.1"), server_port=None, max_threads=4,
        max_file_size=None, **kwargs,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://localhost:7860", Origin("http", "localhost", 7860)),
        ("HTTPS://LocalHost", Origin("https", "localhost", 443)),
        ("http://[::1]:8000", Origin("http", "::1", 8000)),
        ("http://127.0.0.1", Origin("http", "127.0.0.1", 80)),
    ],
)
def test_origins_parse_exactly(value: str, expected: Origin) -> None:
    assert parse_origin(value) == expected


@pytest.mark.parametrize("value", [
    "null", "", "localhost:7860", "http://evil.com#@localhost", "http://localhost@evil.com",
    "http://localhost/", "http://localhost:7860/path", "ftp://localhost", "http://local host",
    "http://127.0.0.1:7860.evil.com", "http://localhost:99999999", "http://-evil.com",
    "http://localhost\r\nx: y",
])  # fmt: skip
def test_anything_but_scheme_host_port_is_not_an_origin(value: str) -> None:
    assert parse_origin(value) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("localhost:7860", ("localhost", 7860)), ("127.0.0.1", ("127.0.0.1", 80)),
    ("[::1]:7860", ("::1", 7860)), ("App.Example", ("app.example", 80)),
])  # fmt: skip
def test_hosts_parse(value: str, expected: tuple[str, int]) -> None:
    assert parse_host(value, "http") == expected


@pytest.mark.parametrize("name", ["localhost", "127.0.0.1", "127.8.9.10", "::1", "0.0.0.0"])
def test_loopback_names(name: str) -> None:
    assert is_loopback(name)


@pytest.mark.parametrize("name", ["localhost.evil.com", "127.0.0.1.nip.io", "10.0.0.1", "::2"])
def test_other_names_are_not_loopback(name: str) -> None:
    assert not is_loopback(name)


def test_wildcard_binds_are_not_loopback_binds() -> None:
    assert is_loopback_bind("127.0.0.1")
    assert is_loopback_bind("localhost")
    assert not is_loopback_bind("0.0.0.0")
    assert not is_loopback_bind("::")
    assert not is_loopback_bind("192.168.1.5")


def test_loopback_bind_allows_loopback_names_and_server_name_only() -> None:
    policy = GuardPolicy.from_options(options(server_name="localhost"))
    assert policy.allowed_hosts == {"localhost", "127.0.0.1", "::1"}


def test_public_bind_allows_any_host_unless_allowed_hosts_are_given() -> None:
    assert GuardPolicy.from_options(options(server_name="0.0.0.0")).allowed_hosts is None
    policy = GuardPolicy.from_options(options(server_name="0.0.0.0", allowed_hosts=["a.example"]))
    assert policy.allowed_hosts == {"localhost", "127.0.0.1", "::1", "a.example"}
    star = GuardPolicy.from_options(options(allowed_hosts=["*"]))
    assert star.allowed_hosts is None


def test_allowed_hosts_come_from_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIATE_ALLOWED_HOSTS", "one.example, Two.Example")
    policy = GuardPolicy.from_options(options())
    assert policy.allowed_hosts is not None
    assert {"one.example", "two.example"} <= policy.allowed_hosts


def test_full_url_root_path_host_is_allowed() -> None:
    policy = GuardPolicy.from_options(options(root_path="https://proxy.example/app"))
    assert policy.allowed_hosts is not None
    assert "proxy.example" in policy.allowed_hosts


@pytest.mark.parametrize("hosts", [["http://a.example"], ["a.example:80"], ["a b"], [""], [3]])
def test_bad_allowed_hosts_are_refused_at_launch(hosts: list[Any]) -> None:
    with pytest.raises(ConfigError, match="allowed_hosts"):
        options(allowed_hosts=hosts)


@pytest.mark.parametrize("sources", [[], ["self"], ["'none'", "'self'"], ["a;b"], ["https://a b"],
                                     ["*; script-src *"]])  # fmt: skip
def test_bad_frame_ancestors_are_refused_at_launch(sources: list[str]) -> None:
    with pytest.raises(ConfigError, match="frame_ancestors"):
        options(frame_ancestors=sources)


def test_frame_ancestors_accept_csp_sources() -> None:
    assert options(frame_ancestors="'self' https://a.example").frame_ancestors == (
        "'self'", "https://a.example",
    )  # fmt: skip
    assert options(frame_ancestors=["'none'"]).frame_ancestors == ("'none'",)
    assert options().frame_ancestors == ("*",)


@pytest.mark.parametrize("name", ["max_sessions", "max_events_per_session"])
@pytest.mark.parametrize("value", [0, -1, True, 2.5])
def test_bad_caps_are_refused_at_launch(name: str, value: Any) -> None:
    with pytest.raises(ConfigError, match=name):
        options(**{name: value})


def test_launch_refuses_bad_guard_options_before_serving() -> None:
    demo = gr.Interface(lambda text: text, "text", "text")
    with pytest.raises(ConfigError, match="frame_ancestors"):
        demo.launch(frame_ancestors=["javascript:alert(1); x"], prevent_thread_lock=True)
    assert demo.server is None


# ------------------------------------------------------------------ through the ASGI app


def app_for(**kwargs: Any) -> Guard:
    return create_app(gr.Interface(lambda text: text, "text", "text"), options(**kwargs))


async def get_config(app: Guard, host: str, origin: str | None = None) -> httpx.Response:
    headers = {"host": host} | ({"origin": origin} if origin else {})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:7860") as http:
        return await http.get("/config", headers=headers)


async def test_a_wildcard_bind_answers_any_host_as_gradio() -> None:
    response = await get_config(app_for(server_name="0.0.0.0"), "192.168.1.5:7860")
    assert response.status_code == 200
    assert response.json()["root"] == "http://192.168.1.5:7860"


async def test_a_wildcard_bind_with_allowed_hosts_refuses_others() -> None:
    app = app_for(server_name="0.0.0.0", allowed_hosts=["app.example"])
    assert (await get_config(app, "app.example")).status_code == 200
    assert (await get_config(app, "evil.example")).status_code == 421


async def test_a_non_local_host_grants_any_origin_reading_without_credentials() -> None:
    response = await get_config(app_for(server_name="0.0.0.0"), "app.example", "https://x.example")
    assert response.headers["access-control-allow-origin"] == "https://x.example"
    assert "access-control-allow-credentials" not in response.headers


async def test_hosts_added_after_launch_are_served() -> None:
    app = app_for()
    assert (await get_config(app, "abc.share.example")).status_code == 421
    app.allow_hosts("abc.share.example")
    assert (await get_config(app, "abc.share.example")).status_code == 200


async def test_a_second_host_header_cannot_hide_a_foreign_first_one() -> None:
    transport = httpx.ASGITransport(app=app_for())
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:7860") as http:
        response = await http.get(
            "/config", headers=[("host", "evil.example"), ("host", "127.0.0.1:7860")]
        )
    assert response.status_code == 421
