"""The HTML page with the app's config inlined, so the browser starts without a round trip."""

from __future__ import annotations

import gzip
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from gradiate.server.first_paint import render_first_paint

if TYPE_CHECKING:
    from gradiate.blocks import Blocks

HEAD_MARKER = "<!--gradiate:head-->"
BODY_MARKER = "<!--gradiate:body-->"
_ROOT_PLACEHOLDER = "__gradiate_root_placeholder__"
_UNBUILT_PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    + HEAD_MARKER
    + "</head><body><p>The gradiate front end is not built. Reinstall the package "
    "(<code>pip install .</code> builds it with Node.js).</p></body></html>"
)


def public_root(request: Request) -> str:
    """The app's base URL as the browser sees it, without a trailing slash."""
    return str(request.base_url).rstrip("/")


def script_safe_json(value: Any) -> bytes:
    """JSON that cannot end an inline ``<script>`` early."""
    return (
        orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY)
        .replace(b"<", b"\\u003c")
        .replace(b">", b"\\u003e")
        .replace(b"&", b"\\u0026")
    )


class AppPage:
    """Renders ``/`` and ``/config`` from one cached copy of the config."""

    def __init__(self, blocks: Blocks, frontend_dir: Path) -> None:
        self.blocks = blocks
        index = frontend_dir / "index.html"
        template = index.read_text("utf-8") if index.is_file() else _UNBUILT_PAGE
        before, _, after = template.partition(HEAD_MARKER)
        config = blocks.get_config(_ROOT_PLACEHOLDER)
        after = after.replace(BODY_MARKER, render_first_paint(config), 1)
        self._before = before.encode()
        self._after = after.encode()
        self._config_json = orjson.dumps(config, option=orjson.OPT_SERIALIZE_NUMPY)
        self._config_script_json = script_safe_json(config)
        self._title = html.escape(blocks.title).encode()
        self._head = (blocks.head or "").encode()

    def _with_root(self, template: bytes, request: Request) -> bytes:
        root = script_safe_json(public_root(request))
        return template.replace(b'"' + _ROOT_PLACEHOLDER.encode() + b'"', root, 1)

    def config(self, request: Request) -> Response:
        """``GET /config``: the config as JSON."""
        return Response(self._with_root(self._config_json, request), media_type="application/json")

    def index(self, request: Request) -> Response:
        """``GET /``: the page, gzip-compressed when the browser accepts it."""
        config = self._with_root(self._config_script_json, request)
        body = b"".join(
            (
                self._before,
                b"<title>",
                self._title,
                b"</title>",
                b"<script>window.gradio_config = ",
                config,
                b";</script>",
                self._head,
                self._after,
            )
        )
        headers = {"cache-control": "no-cache", "vary": "accept-encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            headers["content-encoding"] = "gzip"
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)
