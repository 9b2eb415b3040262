"""File-handling components run their processing in a worker thread, inside their app's files.

A minimal component stands in for the media components: its payload is a FileData, its
``preprocess`` reads the file the client named through the app's path policy, its
``postprocess`` stores bytes in the app's cache.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import gradiate as gr
from gradiate.components.base import Component
from gradiate.data.app_files import current_files

pytestmark = pytest.mark.anyio

SEEN: dict[str, Any] = {}


class BytesFile(Component):
    """A file whose bytes the function gets and returns."""

    processes_files = True

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        SEEN["preprocess_thread"] = threading.current_thread().name
        return Path(current_files().input_path(payload, label="file")).read_bytes()

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        SEEN["postprocess_thread"] = threading.current_thread().name
        return current_files().output_bytes(value, "out.bin")


def read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def build_demo() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        file_in = BytesFile()
        file_out = BytesFile()
        gr.Button().click(lambda s: s.encode(), text, file_out, api_name="make")
        gr.Button().click(lambda b: b[::-1], file_in, file_out, api_name="reverse")
    return demo


@pytest.fixture(scope="module")
def base_url(launch: Any) -> Iterator[str]:
    with launch(build_demo()) as url:
        yield url


async def test_output_is_stored_in_the_app_cache_and_reads_back_as_input(
    client: httpx.AsyncClient, wire: Any
) -> None:
    (made,) = await wire.predict(client, "make", ["hello"])
    assert made["meta"] == {"_type": "gradio.FileData"}
    assert read(made["path"]) == b"hello"
    assert "/apps/" in made["path"]
    assert made["url"].endswith(f"/gradio_api/file={made['path']}")
    assert made["url"].startswith(str(client.base_url).rstrip("/"))
    (reversed_,) = await wire.predict(client, "reverse", [made])
    assert read(reversed_["path"]) == b"olleh"
    assert SEEN["preprocess_thread"] == SEEN["postprocess_thread"] == "gradiate-worker"


async def test_a_path_the_app_did_not_make_fails_the_event_and_leaks_nothing(
    client: httpx.AsyncClient, wire: Any, tmp_path: Path
) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text("c4n4ry-7f3e")
    for path in (str(canary), "/etc/hostname", "../../etc/hostname", "http://127.0.0.1:9/x"):
        payload = {"path": path, "meta": {"_type": "gradio.FileData"}}
        messages = await wire.run(client, "reverse", [payload])
        (completed,) = [m for m in messages if m["msg"] == "process_completed"]
        assert completed["success"] is False
        assert "c4n4ry" not in str(messages)
        assert completed["output"]["error"]
