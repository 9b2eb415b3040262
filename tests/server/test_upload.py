"""``/gradio_api/upload``: streamed into the cache, bounded, nothing left by a refusal."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import gradiate as gr

pytestmark = pytest.mark.anyio

LIMIT = 4096


@pytest.fixture(scope="module")
def demo() -> gr.Blocks:
    with gr.Blocks() as app:
        gr.Button().click(lambda: None, api_name="noop")
    return app


@pytest.fixture(scope="module")
def base_url(launch: Any, demo: gr.Blocks) -> Iterator[str]:
    with launch(demo, max_file_size=LIMIT) as url:
        yield url


def cache_dir(paths: list[str]) -> Path:
    return Path(paths[0]).parent.parent


def inside(root: Path, path: str) -> bool:
    return Path(path).resolve().is_relative_to(root)


def stored_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


async def test_files_are_stored_by_content_with_safe_names_and_read_back(
    client: httpx.AsyncClient,
) -> None:
    files = [("files", ("hello.txt", b"hello")), ("files", ("../../evil.txt", b"evil")),
             ("files", ("a\\b.txt", b"hello")), ("other", (None, b"a plain field"))]  # fmt: skip
    response = await client.post("gradio_api/upload", files=files)
    assert response.status_code == 200, response.text
    paths = response.json()
    assert len(paths) == 3
    root = cache_dir(paths)
    assert [Path(p).name for p in paths] == ["hello.txt", "evil.txt", "b.txt"]
    assert all(inside(root, p) for p in paths)
    assert Path(paths[0]).parent == Path(paths[2]).parent  # same bytes, same folder
    served = await client.get(f"gradio_api/file={paths[1]}")
    assert served.status_code == 200
    assert served.content == b"evil"


async def test_oversized_malformed_and_hostile_uploads_leave_nothing(
    client: httpx.AsyncClient,
) -> None:
    first = (await client.post("gradio_api/upload", files=[("files", ("k.txt", b"k"))])).json()
    root = cache_dir(first)
    before = stored_files(root)
    cases = [
        ({"files": [("files", ("small.txt", b"ok")),
                    ("files", ("big.bin", os.urandom(LIMIT + 1)))]}, 413),  # T24: all refused
        ({"files": [("files", ("..", b"x"))]}, 400),  # T26
        ({"content": b"not multipart", "headers": {"content-type": "text/plain"}}, 400),
        ({"content": b"--xyz\r\nContent-Disposition: form-data; name=\"files\"; "
          b"filename=\"cut.txt\"\r\n\r\nabc", "headers": {
              "content-type": "multipart/form-data; boundary=xyz"}}, 400),  # cut off
        ({"content": b"".join(b"--xyz\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n\r\n"
                              for _ in range(1001)) + b"--xyz--\r\n",
          "headers": {"content-type": "multipart/form-data; boundary=xyz"}}, 400),  # T25
        ({"content": b"--xyz\r\nX: " + b"a" * 9000 + b"\r\n\r\nv\r\n--xyz--\r\n",
          "headers": {"content-type": "multipart/form-data; boundary=xyz"}}, 400),
    ]  # fmt: skip
    for kwargs, status in cases:
        response = await client.post("gradio_api/upload", **kwargs)
        assert response.status_code == status, (kwargs.get("headers"), response.text)
        assert "error" in response.json()
    assert stored_files(root) == before
    assert not any((root / ".partial").iterdir())
