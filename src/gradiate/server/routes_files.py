"""``GET|HEAD /gradio_api/file=<path>``: files the app's path policy allows, nothing else.

The policy (``gradiate.data.paths``) decides; this route only serves. A refused, missing or
directory path gets the same 403 (no existence oracle, SECURITY.md T05). A URL is refused,
never fetched or redirected to (T15). Only media types that cannot run script are served
``inline``; anything else from the cache (HTML, SVG, XML, JavaScript, PDF …) comes as an
``application/octet-stream`` attachment, so an uploaded page never runs in the app's
origin (T12). Files in ``allowed_paths`` and static paths keep their type, as in Gradio.
``X-Content-Type-Options: nosniff`` is on every response (the guard). Ranges are
Starlette's ``FileResponse``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from gradiate.data.file_data import guess_mime_type
from gradiate.data.paths import FileNotAllowedError
from gradiate.server.responses import JSONResponse

if TYPE_CHECKING:
    from gradiate.data.app_files import AppFiles

INLINE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
     "text/plain", "application/json", "text/csv"}
)  # fmt: skip
"""Types served inline from the cache; ``audio/*`` and ``video/*`` are inline too."""


def _inline(mime_type: str | None) -> bool:
    if mime_type is None:
        return False
    return mime_type in INLINE_TYPES or mime_type.startswith(("audio/", "video/"))


class FileRoutes:
    """Serves the files of one app."""

    def __init__(self, files: AppFiles) -> None:
        self.files = files

    async def file(self, request: Request) -> Response:
        """``/gradio_api/file=<path>`` (and ``/gradio_api/file/<path>``)."""
        raw = request.path_params["path"]
        policy = self.files.policy
        try:
            path = policy.servable(raw)
        except FileNotAllowedError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=403)
        mime_type = guess_mime_type(path.name)
        if policy.in_cache(path) and not _inline(mime_type):
            return FileResponse(
                path, media_type="application/octet-stream", filename=path.name,
                content_disposition_type="attachment",
            )  # fmt: skip
        return FileResponse(
            path, media_type=mime_type or "application/octet-stream", filename=path.name,
            content_disposition_type="inline",
        )  # fmt: skip
