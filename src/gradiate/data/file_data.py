"""``FileData``: how a file travels in payloads (PROTOCOL.md §5.1)."""

from __future__ import annotations

import mimetypes
from typing import Any, TypedDict

FILE_DATA_TYPE = "gradio.FileData"
META: dict[str, str] = {"_type": FILE_DATA_TYPE}


class FileData(TypedDict, total=False):
    """A file in a payload; ``meta._type == "gradio.FileData"`` marks a dict as one."""

    path: str
    url: str | None
    size: int | None
    orig_name: str | None
    mime_type: str | None
    is_stream: bool
    meta: dict[str, str]


def is_file_data(value: Any) -> bool:
    """Whether ``value`` is a FileData dict (a dict with the FileData ``meta`` marker).

    A dict with a ``path`` but no marker is data, not a file (SECURITY.md T17).
    """
    if not isinstance(value, dict):
        return False
    meta = value.get("meta")
    return isinstance(meta, dict) and meta.get("_type") == FILE_DATA_TYPE


def guess_mime_type(name: str) -> str | None:
    """The media type a file name suggests, or None."""
    return mimetypes.guess_type(name, strict=False)[0]


def make_file_data(
    path: str,
    *,
    url: str | None = None,
    size: int | None = None,
    orig_name: str | None = None,
    mime_type: str | None = None,
    is_stream: bool = False,
) -> FileData:
    """A FileData dict for a file at ``path`` (usually in the app's cache)."""
    return {
        "path": path,
        "url": url,
        "size": size,
        "orig_name": orig_name,
        "mime_type": mime_type,
        "is_stream": is_stream,
        "meta": dict(META),
    }


def file_url(root_url: str, path: str) -> str:
    """The URL a browser downloads ``path`` from: ``<root>/gradio_api/file=<path>``."""
    return f"{root_url.rstrip('/')}/gradio_api/file={path}"


FILE_DATA_SCHEMA: dict[str, Any] = {
    "properties": {
        "path": {"title": "Path", "type": "string"},
        "url": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Url"},
        "size": {
            "anyOf": [{"type": "integer"}, {"type": "null"}],
            "default": None,
            "title": "Size",
        },
        "orig_name": {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "default": None,
            "title": "Orig Name",
        },
        "mime_type": {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "default": None,
            "title": "Mime Type",
        },
        "is_stream": {"default": False, "title": "Is Stream", "type": "boolean"},
        "meta": {"$ref": "#/$defs/FileDataMeta"},
    },
    "required": ["path"],
    "title": "FileData",
    "type": "object",
}
"""Gradio's ``api_info`` schema of one FileData (``$defs.FileDataMeta`` goes beside it)."""

FILE_DATA_META_DEF: dict[str, Any] = {
    "FileDataMeta": {
        "properties": {"_type": {"const": FILE_DATA_TYPE, "title": "Type", "type": "string"}},
        "required": ["_type"],
        "title": "FileDataMeta",
        "type": "object",
    }
}
