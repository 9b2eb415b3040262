"""``launch()`` options that gradiate honours or ignores with a warning, on a real server."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import httpx
import pytest

import gradiate as gr
from gradiate import unsupported


def test_cosmetic_options_warn_once_and_css_paths_reach_the_page(
    launch: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(unsupported, "_warned", set())
    css = tmp_path / "app.css"
    css.write_text(".from-file { color: red }", "utf-8")
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
    with (
        caplog.at_level(logging.WARNING, logger="gradiate.unsupported"),
        launch(demo, favicon_path="icon.png", ssr_mode=True, css_paths=[css]) as url,
    ):
        config = httpx.get(f"{url}config").json()
    assert ".from-file { color: red }" in config["css"]
    assert sorted(record.getMessage().split(":")[0] for record in caplog.records) == [
        "launch(favicon_path='icon.png')",
        "launch(ssr_mode=True)",
    ]
