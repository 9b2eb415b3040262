"""``launch()`` takes Gradio's parameters and nothing else; bad ones fail before serving."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError


def demo() -> gr.Blocks:
    with gr.Blocks() as app:
        gr.Textbox()
    return app


def test_a_misspelt_keyword_raises_type_error_naming_it_and_the_right_one() -> None:
    app = demo()
    with pytest.raises(TypeError) as caught:
        app.launch(sevrer_port=7860)  # type: ignore[call-arg]  # the misspelling under test
    message = str(caught.value)
    assert message.startswith(
        "launch() got unexpected keyword argument(s) 'sevrer_port' (did you mean 'server_port'?)"
    )
    assert app.server is None


def test_an_unknown_keyword_without_a_close_match_is_named() -> None:
    with pytest.raises(TypeError) as caught:
        demo().launch(enable_everything=True)  # type: ignore[call-arg]  # under test
    assert str(caught.value) == (
        "launch() got unexpected keyword argument(s) 'enable_everything'; check the spelling "
        "against Gradio's launch() options (help(gr.Blocks.launch) lists them)."
    )


def test_gradio_5_show_api_is_rejected_as_gradio_6_does() -> None:
    with pytest.raises(TypeError, match="'show_api'"):
        demo().launch(show_api=False)  # type: ignore[call-arg]  # under test


@pytest.mark.parametrize(
    ("port", "message"),
    [
        ("7860", "launch(server_port='7860'): a port is an int, got str. Use server_port=7860."),
        (7860.0, "launch(server_port=7860.0): a port is an int, got float."),
        (True, "launch(server_port=True): a port is an int, got bool."),
    ],
)
def test_a_port_that_is_not_an_int_gets_a_clear_error(port: Any, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        demo().launch(server_port=port)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"mcp_server": True}, "mcp_server"),
        ({"num_workers": 2}, "num_workers"),
        ({"state_session_capacity": 5}, "state_session_capacity"),
        ({"js": "() => 1"}, "js"),
        ({"i18n": object()}, "i18n"),
        ({"share_server_address": "x:1"}, "share_server_address"),
    ],
)
def test_an_option_gradiate_cannot_honour_fails_before_serving(
    options: dict[str, Any], name: str
) -> None:
    app = demo()
    with pytest.raises(ConfigError, match=name):
        app.launch(**options)
    assert app.server is None


def test_launch_keeps_gradios_positional_parameters() -> None:
    params = list(inspect.signature(gr.Blocks.launch).parameters.values())
    positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert positional == [
        "blocks", "inline", "inbrowser", "share", "debug", "max_threads", "auth",
        "auth_message", "prevent_thread_lock", "show_error", "server_name", "server_port",
    ]  # fmt: skip
