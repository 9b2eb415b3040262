"""``gr.Request`` built from the plain record the server hands the engine."""

from __future__ import annotations

import gradiate as gr
from gradiate.request import RequestInfo

INFO = RequestInfo(
    headers=(
        (b"host", b"example.org:8080"),
        (b"x-test", b"one"),
        (b"x-test", b"two"),
        (b"cookie", b"theme=dark; token=abc"),
    ),
    client=("10.0.0.7", 51000),
    query_string=b"x=1&x=2&y=",
    path="/gradio_api/queue/join",
    path_params={"api_name": "greet"},
)


def test_headers_are_case_insensitive_and_keep_every_value() -> None:
    request = gr.Request(INFO, session_hash="abc")
    assert request.headers["X-Test"] == "one"
    assert request.headers.getlist("x-test") == ["one", "two"]
    assert "HOST" in request.headers
    assert request.headers.get("missing") is None


def test_client_query_cookies_and_urls() -> None:
    request = gr.Request(INFO, session_hash="abc")
    assert request.client is not None
    assert (request.client.host, request.client.port) == ("10.0.0.7", 51000)
    assert dict(request.query_params) == {"x": "2", "y": ""}
    assert request.query_params.getlist("x") == ["1", "2"]
    assert request.cookies == {"theme": "dark", "token": "abc"}
    assert request.path_params == {"api_name": "greet"}
    assert request.base_url == "http://example.org:8080/"
    assert request.url == "http://example.org:8080/gradio_api/queue/join?x=1&x=2&y="
    assert (request.session_hash, request.username) == ("abc", None)


def test_a_request_without_http_info_is_empty() -> None:
    request = gr.Request()
    assert dict(request.headers) == {}
    assert request.client is None
    assert request.cookies == {}
