"""``POST /gradio_api/upload``: multipart bodies streamed into the app's cache.

The body is parsed as it arrives (``python-multipart``'s ``MultipartParser``); each
``files`` part is written to a ``CacheWriter`` and hashed on the way, never held whole in
memory. ``max_file_size`` is enforced per file while streaming. Parts, part headers and
plain fields are bounded (SECURITY.md T25). Files are committed only once the whole body
parsed: a 413, a malformed body or a client that goes away leaves nothing on disk (R09).
The answer is the JSON list of the stored paths, in order (PROTOCOL.md §5.2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from python_multipart.multipart import MultipartParser, MultipartState, parse_options_header
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from gradiate.data.cache import BadFileNameError, CacheWriter
from gradiate.server.json_body import drain_refused_body
from gradiate.server.responses import BadRequestError, JSONResponse, error_response

if TYPE_CHECKING:
    from gradiate.data.app_files import AppFiles

MAX_PARTS = 1000
MAX_HEADER_BYTES = 8 * 1024
MAX_FIELD_BYTES = 64 * 1024


class _Upload:
    """The state of one multipart body being parsed into cache writers."""

    def __init__(self, files: AppFiles, max_file_size: int | None) -> None:
        self.files = files
        self.max_file_size = max_file_size
        self.writers: list[CacheWriter] = []
        self.parts = 0
        self._headers: dict[bytes, bytes] = {}
        self._field = b""
        self._value = b""
        self._header_bytes = 0
        self._writer: CacheWriter | None = None
        self._plain_bytes = 0

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
            "on_part_end": self._end,
        }

    def _begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise BadRequestError(400, "too_many_parts", f"At most {MAX_PARTS} parts per upload.")
        self._headers, self._header_bytes, self._writer, self._plain_bytes = {}, 0, None, 0

    def _count(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > MAX_HEADER_BYTES:
            raise BadRequestError(400, "bad_multipart", "A part's headers are too long.")

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._count(end - start)
        self._field += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._count(end - start)
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._field.lower()] = self._value
        self._field, self._value = b"", b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        filename = options.get(b"filename")
        if options.get(b"name") != b"files" or filename is None:
            return  # a plain field: counted, then dropped
        try:
            writer: CacheWriter = self.files.new_file(filename.decode("utf-8", "replace"))
        except BadFileNameError as exc:
            raise BadRequestError(400, "bad_file_name", str(exc)) from None
        self._writer = writer
        self.writers.append(writer)

    def _data(self, data: bytes, start: int, end: int) -> None:
        writer = self._writer
        if writer is None:
            self._plain_bytes += end - start
            if self._plain_bytes > MAX_FIELD_BYTES:
                raise BadRequestError(413, "field_too_large", "A form field is too large.")
            return
        writer.write(data[start:end])
        if self.max_file_size is not None and writer.size > self.max_file_size:
            raise BadRequestError(
                413, "file_too_large",
                f"A file is larger than the app's max_file_size ({self.max_file_size} bytes).",
            )  # fmt: skip

    def _end(self) -> None:
        self._writer = None

    def abort(self) -> None:
        for writer in self.writers:
            writer.abort()


class UploadRoutes:
    """The upload route of one app."""

    def __init__(self, files: AppFiles, max_file_size: int | None) -> None:
        self.files = files
        self.max_file_size = max_file_size

    async def upload(self, request: Request) -> Response:
        """Store each ``files`` part; answer the list of their paths."""
        content_type, options = parse_options_header(request.headers.get("content-type", ""))
        boundary = options.get(b"boundary")
        if content_type != b"multipart/form-data" or not boundary:
            return error_response(
                400,
                "bad_multipart",
                "Send multipart/form-data with one part named 'files' per file.",
            )
        upload = _Upload(self.files, self.max_file_size)
        parser = MultipartParser(boundary, upload.callbacks())  # type: ignore[arg-type]
        try:
            async for chunk in request.stream():
                parser.write(chunk)
            parser.finalize()
            if parser.state != MultipartState.END:
                raise BadRequestError(400, "bad_multipart", "The multipart body is cut off.")
        except BadRequestError as exc:
            upload.abort()
            if exc.status == 413:
                await drain_refused_body(request.receive)
            return error_response(exc.status, exc.error, exc.detail)
        except ClientDisconnect:
            upload.abort()
            return Response(status_code=400)
        except Exception as exc:  # python-multipart's parse errors
            upload.abort()
            return error_response(400, "bad_multipart", f"The multipart body is malformed: {exc}")
        paths = [str(writer.commit()) for writer in upload.writers]
        return JSONResponse(paths)
