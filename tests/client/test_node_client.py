"""The real ``@gradio/client`` (npm, 2.x) on Node talks to a live gradiate server.

``tests/client/node/`` pins the client in its committed ``package-lock.json``; ``make
install`` installs it there (``npm ci``), so the tests fetch nothing and only run node: the
one ``scripts/build_frontend.py`` picks (``PATH``'s when >= 20.19, else Node from PyPI).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import gradiate as gr

NODE_DIR = Path(__file__).parent / "node"
SCRIPT = NODE_DIR / "predict.mjs"
BUILD_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_frontend.py"


def greet(name: str, intensity: int) -> str:
    return "Hello, " + name + "!" * int(intensity)


def spell(word: str) -> Iterator[str]:
    for end in range(1, len(word) + 1):
        time.sleep(0.05)
        yield word[:end]


@pytest.fixture(scope="session")
def node() -> str:
    spec = importlib.util.spec_from_file_location("gradiate_build_frontend", BUILD_SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    build_script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_script)
    installed = NODE_DIR / "node_modules" / "@gradio" / "client" / "package.json"
    assert installed.is_file(), f"{installed} is missing: run `make install`, which installs it"
    return str(build_script.node_bin() / "node")


@pytest.fixture(scope="module")
def app_url(launch: Any) -> Iterator[str]:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        intensity = gr.Slider(1, 10, step=1, label="Intensity")
        out = gr.Textbox(label="Greeting")
        gr.Button("Greet").click(greet, [name, intensity], out, api_name="greet")
        word = gr.Textbox(label="Word")
        gr.Button("Spell").click(spell, word, out, api_name="gen")
    with launch(demo) as url:
        yield url


def run_node(node: str, url: str, mode: str) -> dict[str, Any]:
    result = subprocess.run(
        [node, str(SCRIPT), url, mode],
        cwd=NODE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    last_line = result.stdout.strip().splitlines()[-1]
    return json.loads(last_line)


def test_node_client_predict_returns_the_greeting(node: str, app_url: str) -> None:
    assert run_node(node, app_url, "predict") == {"data": ["Hello, Ada!!!"]}


def test_node_client_submit_streams_generator_values(node: str, app_url: str) -> None:
    result = run_node(node, app_url, "submit")
    # One data message per yield, then the final value with the completion.
    assert result["data"][:3] == [["h"], ["he"], ["hey"]]
    assert result["data"][-1] == ["hey"]
    assert result["stages"][-1] == "complete"
    assert "generating" in result["stages"]
    assert "error" not in result["stages"]
