"""``/gradio_api/file=``: the path policy against the real server (SECURITY.md T01-T15)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import gradiate as gr
from gradiate.components.base import Component
from gradiate.data.app_files import current_files

pytestmark = pytest.mark.anyio

TOKEN = "9d1c0ffee5ca1ab1e5ecre7c4a7a0001"


class NamedBytes(Component):
    """Outputs ``(name, bytes)`` as a cached file."""

    processes_files = True

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        name, data = value
        return current_files().output_bytes(data, name)


@pytest.fixture(scope="module")
def dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("files")
    allowed = root / "allowed"
    (allowed / "private").mkdir(parents=True)
    (allowed / "ok.txt").write_text("ok")
    (allowed / "page.html").write_text("<p>static</p>")
    (allowed / "private" / "secret.txt").write_text(TOKEN)
    big = os.urandom(1 << 20)
    (allowed / "big.bin").write_bytes(big)
    (root / "allowed_evil").mkdir()
    (root / "allowed_evil" / "secret.txt").write_text(TOKEN)
    (root / "outside").mkdir()
    canary = root / "outside" / "canary.txt"
    canary.write_text(TOKEN)
    (allowed / "link.txt").symlink_to(canary)
    (allowed / "dirlink").symlink_to(canary.parent)
    (allowed / "inner.txt").symlink_to(allowed / "ok.txt")
    return {"root": root, "allowed": allowed, "canary": canary, "big": big}


@pytest.fixture(scope="module")
def base_url(launch: Any, dirs: dict[str, Any]) -> Iterator[str]:
    with gr.Blocks() as demo:
        out = NamedBytes()
        gr.Button().click(lambda n, d: (n, d.encode()), [gr.Textbox(), gr.Textbox()], out,
                          api_name="make")  # fmt: skip
    allowed, private = str(dirs["allowed"]), str(dirs["allowed"] / "private")
    with launch(demo, allowed_paths=[allowed], blocked_paths=[private]) as url:
        yield url


async def get(client: httpx.AsyncClient, path: str, **kwargs: Any) -> httpx.Response:
    return await client.get(f"gradio_api/file={path}", **kwargs)


async def test_allowed_files_are_served_and_symlinks_inside_too(
    client: httpx.AsyncClient, dirs: dict[str, Any]
) -> None:
    response = await get(client, str(dirs["allowed"] / "ok.txt"))
    assert response.status_code == 200
    assert response.text == "ok"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert (await get(client, str(dirs["allowed"] / "inner.txt"))).text == "ok"


async def test_every_path_outside_the_policy_gets_the_same_403(
    client: httpx.AsyncClient, dirs: dict[str, Any]
) -> None:
    allowed, canary = dirs["allowed"], dirs["canary"]
    refused = [
        str(canary),  # T03
        f"{allowed}/../outside/canary.txt",  # T01
        f"{allowed}/x/../../outside/canary.txt",
        str(allowed / "link.txt"),  # T06
        str(allowed / "dirlink" / "canary.txt"),
        str(allowed / "private" / "secret.txt"),  # T07
        str(dirs["root"] / "allowed_evil" / "secret.txt"),  # T08
        f"{allowed}/../allowed_evil/secret.txt",
        str(allowed),  # T14
        "/nonexistent/zzz.txt",  # T05
        "app.py", ".env", "pyproject.toml",  # T04: the working directory is not served
        "//10.0.0.1/share/x", "\\\\10.0.0.1\\share\\x", "file:///etc/hostname",  # T11
        "http://127.0.0.1:9/x", "https://example.invalid/a.png", "//evil.example/x",  # T15
        "/etc/passwd",
    ]  # fmt: skip
    for path in refused:
        response = await get(client, path)
        assert response.status_code == 403, path
        assert TOKEN not in response.text
        assert "location" not in response.headers
        assert response.json()["detail"].startswith("File not allowed: ")


async def test_cached_active_content_is_an_attachment_and_images_are_inline(
    client: httpx.AsyncClient, wire: Any
) -> None:
    for name, body in [("x.html", "<script>alert(1)</script>"), ("x.svg", "<svg onload=x>"),
                       ("x.js", "alert(1)"), ("x.xml", "<a/>"), ("x.pdf", "%PDF")]:  # fmt: skip
        (made,) = await wire.predict(client, "make", [name, body])
        response = await get(client, made["path"])
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/octet-stream"
        assert response.headers["content-disposition"].startswith("attachment")
        assert response.headers["x-content-type-options"] == "nosniff"
    (png,) = await wire.predict(client, "make", ["x.png", "<html>not a png</html>"])
    response = await get(client, png["path"])
    assert response.headers["content-type"] == "image/png"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_ranges_are_served_and_abusive_ranges_bounded(
    client: httpx.AsyncClient, dirs: dict[str, Any]
) -> None:
    path = str(dirs["allowed"] / "big.bin")
    data: bytes = dirs["big"]
    response = await get(client, path, headers={"Range": "bytes=10-19"})
    assert response.status_code == 206
    assert response.content == data[10:20]
    head = await client.head(f"gradio_api/file={path}")
    assert head.status_code == 200
    assert head.headers["content-length"] == str(len(data))
    many = ",".join(f"{i}-{i}" for i in range(0, 10000, 2))  # T13: 5,000 ranges
    response = await get(client, path, headers={"Range": f"bytes={many}"})
    assert response.status_code in (200, 206, 416)
    assert len(response.content) < 4 * len(data)


async def test_static_paths_set_inside_an_app_serve_there_only(launch: Any, tmp_path: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "page.txt").write_text("static page")
    with gr.Blocks() as app_a:
        gr.set_static_paths([str(static)])
        gr.Textbox()
    with gr.Blocks() as app_b:
        gr.Textbox()
    path = f"gradio_api/file={static / 'page.txt'}"
    with launch(app_a) as url_a, launch(app_b) as url_b:
        async with httpx.AsyncClient(timeout=10) as http:
            served = await http.get(url_a + path)
            refused = await http.get(url_b + path)  # T06a
    assert served.status_code == 200
    assert served.text == "static page"
    assert refused.status_code == 403
