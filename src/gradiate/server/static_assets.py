"""The built front end: ``/assets/*`` served from memory, precompressed, cached forever."""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

FRONTEND_DIR = Path(__file__).resolve().parent.parent / "_frontend"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")
_HASHED_NAME = re.compile(r"[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$")
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8",
          ".woff2": "font/woff2", ".json": "application/json"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Asset:
    """One built file and its precompressed forms."""

    identity: bytes
    gzip: bytes | None
    brotli: bytes | None
    media_type: str
    etag: str
    is_hashed: bool


def accepted_encoding(accept_encoding: str, asset: Asset) -> str | None:
    """``"br"``, ``"gzip"`` or None: the best encoding both sides have."""
    tokens = {part.split(";", 1)[0].strip() for part in accept_encoding.lower().split(",")}
    if asset.brotli is not None and "br" in tokens:
        return "br"
    if asset.gzip is not None and "gzip" in tokens:
        return "gzip"
    return None


class StaticAssets:
    """Serves files under one folder by safe relative names, cached in memory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory.resolve()
        self._cache: dict[str, Asset | None] = {}

    def load(self, name: str) -> Asset | None:
        """The asset called ``name``, or None when the name is unsafe or missing."""
        if name in self._cache:
            return self._cache[name]
        asset = self._read(name) if _SAFE_NAME.match(name) and ".." not in name else None
        if len(self._cache) < 4096:
            self._cache[name] = asset
        return asset

    def _read(self, name: str) -> Asset | None:
        path = (self.directory / name).resolve()
        if not path.is_relative_to(self.directory) or not path.is_file():
            return None
        identity = path.read_bytes()
        gzip_path, brotli_path = (
            path.with_name(path.name + ".gz"),
            path.with_name(path.name + ".br"),
        )
        media_type = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        return Asset(
            identity=identity,
            gzip=gzip_path.read_bytes() if gzip_path.is_file() else None,
            brotli=brotli_path.read_bytes() if brotli_path.is_file() else None,
            media_type=media_type or "application/octet-stream",
            etag='"' + hashlib.blake2b(identity, digest_size=12).hexdigest() + '"',
            is_hashed=bool(_HASHED_NAME.search(path.name)),
        )

    def response(self, request: Request, name: str) -> Response:
        """The asset as an HTTP response (304 when the browser has it, 404 when missing)."""
        asset = self.load(name)
        if asset is None:
            return Response(b'{"error":"not_found","detail":"No such asset."}', 404,
                            media_type="application/json")  # fmt: skip
        headers = {
            "etag": asset.etag,
            "vary": "accept-encoding",
            "cache-control": "public, max-age=31536000, immutable"
            if asset.is_hashed
            else "no-cache",
        }
        if request.headers.get("if-none-match") == asset.etag:
            return Response(status_code=304, headers=headers)
        encoding = accepted_encoding(request.headers.get("accept-encoding", ""), asset)
        body = asset.identity
        if encoding == "br" and asset.brotli is not None:
            body, headers["content-encoding"] = asset.brotli, "br"
        elif encoding == "gzip" and asset.gzip is not None:
            body, headers["content-encoding"] = asset.gzip, "gzip"
        return Response(body, headers=headers, media_type=asset.media_type)
