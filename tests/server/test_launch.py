"""``launch()``: addresses from arguments and environment, port fallback, clean Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import httpx
import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError
from gradiate.launch_options import LaunchOptions, parse_size
from gradiate.server.running import bind_socket


def build(**overrides: object) -> LaunchOptions:
    arguments: dict[str, object] = {
        "server_name": None,
        "server_port": None,
        "max_threads": 40,
        "max_file_size": None,
    }
    arguments.update(overrides)
    return LaunchOptions.build(**arguments)  # type: ignore[arg-type]


def test_defaults_are_loopback_and_the_port_search(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GRADIO_SERVER_NAME", "GRADIO_SERVER_PORT", "GRADIATE_SERVER_NAME",
                 "GRADIATE_SERVER_PORT"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    options = build()
    assert options.server_name == "127.0.0.1"
    assert options.server_port is None


@pytest.mark.parametrize("prefix", ["GRADIO", "GRADIATE"])
def test_environment_sets_name_and_port(monkeypatch: pytest.MonkeyPatch, prefix: str) -> None:
    monkeypatch.setenv(f"{prefix}_SERVER_NAME", "127.0.0.2")
    monkeypatch.setenv(f"{prefix}_SERVER_PORT", "8123")
    options = build()
    assert (options.server_name, options.server_port) == ("127.0.0.2", 8123)
    assert build(server_name="127.0.0.3", server_port=9000).server_port == 9000


def test_bad_port_in_environment_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_SERVER_PORT", "eighty")
    with pytest.raises(ConfigError, match="GRADIO_SERVER_PORT='eighty'"):
        build()


@pytest.mark.parametrize(("size", "expected"), [(None, None), (10, 10), ("5mb", 5_000_000),
                                                ("2 MiB", 2 * 1024**2), ("100", 100)])  # fmt: skip
def test_max_file_size_accepts_gradio_forms(size: object, expected: int | None) -> None:
    assert parse_size(size) == expected  # type: ignore[arg-type]


def test_unparseable_size_is_refused() -> None:
    with pytest.raises(ConfigError, match="is not a size"):
        parse_size("lots")


def test_taken_fixed_port_is_refused_and_a_free_one_found_without_a_port() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match=f"Port {port} on 127.0.0.1 is in use"):
            bind_socket("127.0.0.1", port)
    sock = bind_socket("127.0.0.1", None)
    try:
        assert 7860 <= sock.getsockname()[1] < 7960
    finally:
        sock.close()


def test_share_and_auth_say_they_are_not_available_yet() -> None:
    demo = gr.Interface(lambda x: x, "text", "text")
    with pytest.raises(ConfigError, match="share links are not available"):
        demo.launch(share=True)
    with pytest.raises(ConfigError, match="login is not available"):
        demo.launch(auth=("u", "p"))


def test_blocking_launch_prints_url_serves_and_stops_cleanly_on_ctrl_c(tmp_path) -> None:
    script = tmp_path / "app.py"
    script.write_text(
        textwrap.dedent(
            """
            import gradiate as gr
            gr.Interface(lambda name: "Hi " + name, "text", "text").launch()
            """
        )
    )
    env = {**os.environ, "GRADIO_SERVER_NAME": "127.0.0.1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env=env, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        assert banner.startswith("* Running on local URL:  http://127.0.0.1:")
        url = banner.split()[-1]
        response = httpx.get(url + "/config", timeout=5)
        assert response.status_code == 200
        process.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        rest = process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == 0
    assert "closing server" in rest
    assert "Traceback" not in rest
