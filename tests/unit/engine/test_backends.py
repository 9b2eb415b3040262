"""Choosing a backend: queue(backend=...), GRADIATE_QUEUE_URL, and their errors."""

import pytest

import gradiate as gr
from gradiate.engine.backends import app_namespace, backend_url, open_backend
from gradiate.engine.engine import Engine
from gradiate.engine.memory import InMemoryBackend
from gradiate.exceptions import ConfigError
from gradiate.retries import is_idempotent


def echo_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda t: t, box, box, api_name="echo")
    return demo


def test_the_in_memory_backend_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRADIATE_QUEUE_URL", raising=False)
    assert isinstance(open_backend(None, echo_app(), ttl_s=60), InMemoryBackend)


def test_queue_backend_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIATE_QUEUE_URL", "redis://from-env:6379/0")
    demo = echo_app()
    assert backend_url(demo) == "redis://from-env:6379/0"
    demo.queue(backend="redis://from-code:6379/1")
    assert backend_url(demo) == "redis://from-code:6379/1"


def test_an_unknown_backend_is_refused_when_set_without_echoing_its_password() -> None:
    with pytest.raises(ConfigError, match=r"Unknown queue backend 'amqp://\*\*\*@host'") as info:
        echo_app().queue(backend="amqp://user:secret@host")
    assert "secret" not in str(info.value)


def test_one_role_alone_needs_a_shared_backend() -> None:
    with pytest.raises(ValueError, match="must be both front and worker"):
        Engine(echo_app(), roles=frozenset({"front"}))


def test_the_namespace_is_the_same_for_the_same_app_and_differs_for_another() -> None:
    assert app_namespace(echo_app()) == app_namespace(echo_app())
    with gr.Blocks() as other:
        box = gr.Textbox()
        gr.Button().click(lambda t: t, box, box, api_name="other")
    assert app_namespace(other) != app_namespace(echo_app())


def test_non_idempotent_marks_the_function_and_returns_it() -> None:
    @gr.non_idempotent
    def charge(amount: float) -> str:
        return f"charged {amount}"

    assert charge(3) == "charged 3"
    assert not is_idempotent(charge)
    assert is_idempotent(lambda: None)
