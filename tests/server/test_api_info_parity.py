"""``/gradio_api/info`` and ``gradio_client``'s ``view_api()`` are the same as Gradio's.

The expected documents in ``tests/fixtures/gradio_6_31_*`` were captured from Gradio
6.31.0 serving the very same app (``tests/fixtures/every_component_app.py``) with
``scripts/capture_gradio_api_info.py``; the app's URL is stored there as ``{root}``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from gradio_client import Client

import gradiate as gr

pytestmark = pytest.mark.anyio

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def build_every_component_app() -> Any:
    spec = importlib.util.spec_from_file_location("app", FIXTURES / "every_component_app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(gr)


@pytest.fixture(scope="module")
def base_url(launch: Any) -> Iterator[str]:
    with launch(build_every_component_app()) as url:
        yield url


async def test_api_info_is_identical_to_gradios(client: httpx.AsyncClient, base_url: str) -> None:
    response = await client.get("gradio_api/info")
    assert response.status_code == 200
    ours = json.loads(response.text.replace(base_url.rstrip("/"), "{root}"))
    expected = json.loads((FIXTURES / "gradio_6_31_api_info.json").read_text("utf-8"))
    assert ours == expected


def test_view_api_prints_what_it_prints_for_gradio(base_url: str) -> None:
    client = Client(base_url, verbose=False)
    printed = io.StringIO()
    with contextlib.closing(client), contextlib.redirect_stdout(printed):
        client.view_api()
    ours = printed.getvalue().replace(base_url.rstrip("/"), "{root}")
    assert ours == (FIXTURES / "gradio_6_31_view_api.txt").read_text("utf-8")


async def test_undocumented_endpoints_are_listed_only_with_all_endpoints(
    launch: Any,
) -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(str.upper, box, box, api_name="shout", api_visibility="undocumented")
    with launch(demo) as url:
        async with httpx.AsyncClient(base_url=url) as http:
            default = (await http.get("gradio_api/info")).json()
            every = (await http.get("gradio_api/info", params={"all_endpoints": "true"})).json()
    assert default["named_endpoints"] == {}
    assert list(every["named_endpoints"]) == ["/shout"]
