"""A page's upload read as it streams in: the fields and each file's name, size and first bytes up to the
limit (and one more), the rest read and dropped, whatever the size; which routes read their own body."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from starlette.requests import Request
from starlette.types import Message

from kam.web.uploads import FIELD_BYTES, read_upload, reads_own_body

BOUNDARY = "kamtestboundary"


def _body(file_size: int, filler: bytes = b"x") -> Iterator[bytes]:
    """A multipart form (csrf token, the file, then two fields), in chunks of 64 KiB."""
    yield (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\ntoken\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="transcript"; filename="call.vtt"\r\n'
        "Content-Type: text/vtt\r\n\r\n"
    ).encode()
    chunk = filler * 65_536
    sent = 0
    while sent < file_size:
        part = chunk[: file_size - sent]
        sent += len(part)
        yield part
    yield (
        f'\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="sales"\r\n\r\n張志明\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="at"\r\n\r\n2026-03-02T09:15\r\n'
        f"--{BOUNDARY}--\r\n"
    ).encode()


def _read(chunks: Iterator[bytes], limit: int, content_type: str) -> tuple[object, int]:
    """The form read from `chunks`, and the most bytes one chunk held while it was read."""
    pending = list(chunks)
    largest = max(len(c) for c in pending)

    async def receive() -> Message:
        body = pending.pop(0) if pending else b""
        return {"type": "http.request", "body": body, "more_body": bool(pending)}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "headers": [(b"content-type", content_type.encode())],
    }
    return asyncio.run(read_upload(Request(scope, receive), limit)), largest


@pytest.mark.parametrize(
    ("size", "kept"),
    [(0, 0), (1_000, 1_000), (1_024, 1_024), (1_025, 1_025), (1_026, 1_025), (20 * 1024 * 1024, 1_025)],
)
def test_a_file_is_kept_up_to_one_byte_over_the_limit_and_its_size_counted(size: int, kept: int) -> None:
    form, _ = _read(_body(size), 1_024, f"multipart/form-data; boundary={BOUNDARY}")
    sent = form.files["transcript"]  # type: ignore[attr-defined]
    assert (sent.filename, sent.size, len(sent.head)) == ("call.vtt", size, kept)
    assert form.fields == {"csrf_token": "token", "sales": "張志明", "at": "2026-03-02T09:15"}  # type: ignore[attr-defined]


def test_a_long_field_is_cut_and_a_broken_body_is_marked() -> None:
    body = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="sales"\r\n\r\n'.encode()
    form, _ = _read(
        iter([body, b"a" * (FIELD_BYTES * 2), f"\r\n--{BOUNDARY}--\r\n".encode()]),
        10,
        f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert len(form.fields["sales"]) == FIELD_BYTES and not form.broken  # type: ignore[attr-defined]
    broken, _ = _read(iter([b"not a multipart body at all"]), 10, f"multipart/form-data; boundary={BOUNDARY}")
    assert broken.broken and broken.fields == {} and broken.files == {}  # type: ignore[attr-defined]


def test_a_url_encoded_form_has_fields_only() -> None:
    form, _ = _read(
        iter([b"csrf_token=t&sales=Amy+Chen&sales=second"]), 10, "application/x-www-form-urlencoded"
    )
    assert form.fields == {"csrf_token": "t", "sales": "Amy Chen"} and form.files == {}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("method", "path", "own"),
    [
        ("POST", "/accounts/A/calls", True),
        ("POST", "/accounts/C%2F1/calls", True),
        ("GET", "/accounts/A/calls", False),
        ("POST", "/accounts/A/calls/1", False),
        ("POST", "/accounts/A/stakeholders", False),
        ("POST", "/api/v1/interactions", False),
    ],
)
def test_only_the_calls_upload_reads_its_own_body(method: str, path: str, own: bool) -> None:
    assert reads_own_body({"type": "http", "method": method, "path": path}) is own
