"""``gradiate serve`` and ``uvicorn gradiate.asgi:app`` serve an app file; errors are clear."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

BANNER = "* Running on local URL:  "
APP = textwrap.dedent(
    """
    import gradiate as gr
    from shout_helpers import shout

    demo = gr.Interface(shout, "text", "text", api_name="shout")
    demo.launch(show_error=True)
    print("launch() returned", flush=True)
    """
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def app_file(tmp_path: Path) -> Path:
    (tmp_path / "shout_helpers.py").write_text("def shout(text):\n    return text.upper() + '!'\n")
    path = tmp_path / "shout_app.py"
    path.write_text(APP)
    return path


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRADIATE_", "GRADIO_"))}
    return {**env, "PYTHONUNBUFFERED": "1", "NO_PROXY": "127.0.0.1"}


@contextmanager
def running(command: list[str], log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``command``; yield the URL it prints once it answers /config; stop it after."""
    with log.open("w") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env or environment(),
            cwd=log.parent,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        url = None
        while url is None:
            assert process.poll() is None, f"it exited early: {log.read_text()}"
            assert time.monotonic() < deadline, f"no answer in 20 s: {log.read_text()}"
            lines = [line for line in log.read_text().splitlines() if line.startswith(BANNER)]
            if lines:
                candidate = lines[0].removeprefix(BANNER).strip()
                try:
                    httpx.get(candidate + "/config", timeout=2).raise_for_status()
                    url = candidate
                except httpx.TransportError:
                    pass
            time.sleep(0.05)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def predict(url: str, text: str) -> list[object]:
    with httpx.Client(base_url=url, timeout=10) as client:
        response = client.post("/gradio_api/call/shout", json={"data": [text]})
        event_id = response.json()["event_id"]
        body = client.get(f"/gradio_api/call/shout/{event_id}").text
    lines = body.splitlines()
    index = lines.index("event: complete")
    return json.loads(lines[index + 1].removeprefix("data:"))


def gradiate(*args: str) -> list[str]:
    return [sys.executable, "-m", "gradiate", *args]


def test_serve_answers_config_and_runs_events_in_one_process(
    app_file: Path, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with running(gradiate("serve", str(app_file), "--port", str(port)), log) as url:
        assert url == f"http://127.0.0.1:{port}"
        config = httpx.get(url + "/config", timeout=5).json()
        assert "shout" in [dep["api_name"] for dep in config["dependencies"]]
        assert predict(url, "hi") == ["HI!"]
    text = log.read_text()
    assert "launch() returned" in text  # the file's launch() neither served nor blocked
    assert "one process, front and worker (in-memory backend)" in text
    assert text.count(BANNER) == 1


def test_uvicorn_serves_the_asgi_app_named_by_the_environment(
    app_file: Path, tmp_path: Path
) -> None:
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "gradiate.asgi:app", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning"]  # fmt: skip
    env = {**environment(), "GRADIATE_APP": str(app_file)}
    log = tmp_path / "uvicorn.log"
    # uvicorn prints no banner at warning level: wait for /config instead
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(url + "/config", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
        assert predict(url, "asgi") == ["ASGI!"]
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def run_to_exit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        gradiate(*args), capture_output=True, text=True, timeout=30, env=environment(), cwd=cwd
    )


def test_several_http_processes_need_a_shared_backend(app_file: Path) -> None:
    done = run_to_exit("serve", str(app_file), "--workers", "2", cwd=app_file.parent)
    assert done.returncode == 2
    assert (
        "gradiate serve: --workers 2 runs 2 processes, and the in-memory backend shares "
        "nothing between them; pass --backend redis://host:6379/0" in done.stderr
    )


def test_a_worker_needs_a_shared_backend(app_file: Path) -> None:
    done = run_to_exit("worker", str(app_file), cwd=app_file.parent)
    assert done.returncode == 2
    assert "gradiate worker: a worker needs a shared backend: pass --backend " in done.stderr


def test_a_port_in_use_is_a_clear_error(app_file: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_to_exit("serve", str(app_file), "--port", str(port), cwd=app_file.parent)
    assert done.returncode == 2
    assert f"gradiate serve: Port {port} on 127.0.0.1 is in use" in done.stderr


def test_a_wrong_demo_name_is_a_clear_error(app_file: Path) -> None:
    done = run_to_exit("serve", str(app_file), "--demo-name", "ui", cwd=app_file.parent)
    assert done.returncode == 2
    assert (
        "gradiate serve: shout_app.py: --demo-name 'ui' is not defined; the Blocks it "
        "defines at module level: demo." in done.stderr
    )
