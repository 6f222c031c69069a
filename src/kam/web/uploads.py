"""A page's file upload read as it streams in, whatever its size: the form's fields and, of each file, its
name, its size and its first bytes up to the page's own limit (and one more, so "too large" is known); the
rest of the body is read and dropped, never held. So a page can say beside its file field that the file is
too large (in the reader's language), where the API's request-body limit (kam.api.limits) would answer
with its JSON error: the routes named in `STREAMED` are left out of that limit and keep their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request
from starlette.types import Scope

FIELD_BYTES = 65_536  # of each text field, at most (the rest is dropped)
MAX_PARTS = 20  # fields and files of one form, at most (the rest are dropped)
# the routes that read their body themselves, with a limit of their own: (method, path)
STREAMED = (("POST", re.compile(r"/accounts/[^/]+/calls")),)


def reads_own_body(scope: Scope) -> bool:
    """Whether the request goes to a page that reads its upload itself (`STREAMED`)."""
    method, path = scope.get("method", ""), scope.get("path", "")
    return any(method == m and pattern.fullmatch(path) for m, pattern in STREAMED)


@dataclass
class UploadedFile:
    """A file of the form: its name as sent, its size in bytes, and its first bytes (up to the limit + 1)."""

    filename: str
    size: int = 0
    head: bytearray = field(default_factory=bytearray)


@dataclass
class UploadForm:
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    broken: bool = False  # the body was not a readable form


@dataclass
class _Part:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    name: str = ""
    file: UploadedFile | None = None
    data: bytearray = field(default_factory=bytearray)


class _Reader:
    """python-multipart's callbacks, keeping what `read_upload` promises and dropping the rest."""

    def __init__(self, file_limit: int) -> None:
        self.file_limit = file_limit
        self.form = UploadForm()
        self.part = _Part()
        self.parts = 0
        self.header_name, self.header_value = b"", b""

    def on_part_begin(self) -> None:
        self.part = _Part()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.part.headers[self.header_name.lower()] = self.header_value
        self.header_name, self.header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.part.headers.get(b"content-disposition", b""))
        self.part.name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            self.part.file = UploadedFile(options[b"filename"].decode("utf-8", "replace"))

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self.part
        if part.file is None:
            part.data += data[start : min(end, start + FIELD_BYTES - len(part.data))]
            return
        room = self.file_limit + 1 - len(part.file.head)
        if room > 0:
            part.file.head += data[start : min(end, start + room)]
        part.file.size += end - start

    def on_part_end(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS or not self.part.name:
            return
        if self.part.file is not None:
            self.form.files.setdefault(self.part.name, self.part.file)
        else:
            self.form.fields.setdefault(self.part.name, self.part.data.decode("utf-8", "replace"))


async def read_upload(request: Request, file_limit: int) -> UploadForm:
    """The form of `request` (multipart, or URL-encoded without files), read to its end as it streams in,
    holding at most `file_limit` + 1 bytes of each file and FIELD_BYTES of each field."""
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    reader = _Reader(file_limit)
    if kind == b"multipart/form-data" and b"boundary" in options:
        callbacks = {name: getattr(reader, name) for name in dir(reader) if name.startswith("on_")}
        parser = MultipartParser(options[b"boundary"], callbacks)  # type: ignore[arg-type]
        async for chunk in request.stream():
            if not reader.form.broken:
                try:
                    parser.write(chunk)
                except MultipartParseError:
                    reader.form.broken = True  # the rest is read and dropped
        if not reader.form.broken:
            try:
                parser.finalize()
            except MultipartParseError:
                reader.form.broken = True
        return reader.form
    head = bytearray()
    async for chunk in request.stream():
        head += chunk[: max(0, FIELD_BYTES - len(head))]
    if kind == b"application/x-www-form-urlencoded":
        pairs = parse_qsl(head.decode("latin-1"), keep_blank_values=True)[:MAX_PARTS]
        reader.form.fields = {k: v for k, v in reversed(pairs)}
    return reader.form
