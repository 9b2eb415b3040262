"""Capture Gradio's ``/gradio_api/info`` and ``view_api()`` for the every-component test app.

Run with a Python that has Gradio 6.31 installed; it rewrites the two fixture files the
API-parity test compares gradiate against. The app's URL is stored as ``{root}``.

    python scripts/capture_gradio_api_info.py
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import socket
from pathlib import Path

import gradio
import httpx
from gradio_client import Client

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def main() -> None:
    """Launch the app under Gradio, fetch its API description, write the fixtures."""
    spec = importlib.util.spec_from_file_location("app", FIXTURES / "every_component_app.py")
    if spec is None or spec.loader is None:
        raise SystemExit("tests/fixtures/every_component_app.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    demo = module.build(gradio)
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    root = f"http://127.0.0.1:{port}"
    try:
        info = httpx.get(f"{root}/gradio_api/info").json()
        text = json.dumps(info, indent=1).replace(root, "{root}")
        (FIXTURES / "gradio_6_31_api_info.json").write_text(text, "utf-8")
        client = Client(root + "/", verbose=False)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            client.view_api()
        client.close()
        view = printed.getvalue().replace(root, "{root}")
        (FIXTURES / "gradio_6_31_view_api.txt").write_text(view, "utf-8")
    finally:
        demo.close()


if __name__ == "__main__":
    main()
