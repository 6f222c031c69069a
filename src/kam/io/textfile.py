"""A text table is in one encoding: a line written in another (a UTF-8 line pasted into a GB18030 export,
a Big5 line appended to a UTF-8 one) is named with its line number and how it reads, never turned into a
garbled customer. The engine reads UTF-8 with LF line ends; other files (GB18030, Big5, UTF-16, the
CR-only line ends of old Macs, a pipe that cannot be read twice) are copied so, block by block.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from kam.encoding import _COMMON as COMMON
from kam.encoding import decode_bytes
from kam.errors import ImportValidationError
from kam.i18n import Notice
from kam.io.scratch import ScratchFile

CHUNK = 1 << 24
LEGACY = ("gb18030", "big5")
_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030", "big5": "Big5"}
# the character sets a Chinese text file mostly keeps to; a line misread decodes into characters outside
_CHARSETS = {"gb18030": ("gb2312",), "big5": ("big5",), "utf-8": ("gb2312", "big5")}
_CHINESE = re.compile("[\u3000-\u9fff\uff00-\uffef]")
# a line (after a line feed) of valid UTF-8 with more than ASCII in it: a bytes pattern, so that a block
# is searched without being decoded, and that from line feeds only
_ASCII = rb"[\x00-\x09\x0b-\x7f]"
_WIDE = rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})"
_UTF8_LINE = re.compile(rb"\n%b*+%b(?:%b|%b)*+(?=\n|\Z)" % (_ASCII, _WIDE, _ASCII, _WIDE))
_PREVIEW = 80


def display_name(encoding: str) -> str:
    """An encoding as users know it: UTF-8, GB18030, Big5, UTF-16."""
    return _NAMES.get(encoding, encoding.upper().replace("-LE", "").replace("-BE", ""))


@dataclass(frozen=True)
class TextCodec:
    """How a text file's bytes are decoded block by block."""

    encoding: str  # as `decode_bytes` names it
    codec: str  # the Python codec (Big5 with the Hong Kong additions, UTF-16 of the BOM's byte order)
    bom: int  # bytes of byte-order mark to skip
    newline: bytes  # the line break, in the file's encoding
    cr_only: bool = False  # old Mac line ends


def text_codec(encoding: str, head: bytes, cr_only: bool = False) -> TextCodec:
    """The codec for a file named `encoding` by `decode_bytes` whose first bytes are `head`."""
    codec, bom = {"big5": ("big5hkscs", 0), "utf-8-sig": ("utf-8", 3)}.get(encoding, (encoding, 0))
    if encoding == "utf-16":
        codec, bom = ("utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"), 2
    return TextCodec(encoding, codec, bom, ("\r" if cr_only else "\n").encode(codec), cr_only)


def head_encoding(head: bytes, label: str, *, cut: bool = False) -> str:
    """The encoding of a text file from its first bytes: whole lines, or with `cut` bytes cut from more
    inside a line (a character cut at the end is then ignored).

    UTF-8 when most lines beyond ASCII are UTF-8, the first line that is not being named (read as a whole,
    the file would be taken for GB18030 or Big5, every line garbled). Else what `decode_bytes` finds, of
    the whole or else of the lines that are not UTF-8 (a UTF-8 line among them is named as the file is
    copied). Else, when most lines are ASCII, the first line that is not is named.
    """
    lines = head.splitlines(keepends=True)
    utf8, other = 0, []
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            other.append(number)
    if other and utf8 > len(other) and b"\x00" not in head:  # (UTF-16 is no UTF-8 with odd lines)
        raise _odd_line(label, other[0], lines[other[0] - 1], text_codec("utf-8", head))
    for data in (head, b"".join(lines[n - 1] for n in other)):
        for drop in (0, 1, 2, 3) if cut else (0,):
            if len(data) <= drop:
                break
            try:
                return decode_bytes(data[: len(data) - drop]).encoding
            except UnicodeError:
                continue
    if other and len(lines) > 2 * len(other):  # a few lines of no encoding among ASCII ones
        raise _odd_line(label, other[0], lines[other[0] - 1], text_codec("utf-8", head))
    raise ImportValidationError(Notice("cannot_decode", file=label))


def utf8_copy(head: bytes, rest: BinaryIO, codec: TextCodec, label: str) -> ScratchFile:
    """A UTF-8 copy with LF line ends, a scratch file its caller owns (and closes), of a text file whose
    first bytes are `head` and the others still in `rest`; every line checked to be in the file's
    encoding (a line that is not: the copy is removed, and the error names the line)."""
    copy = ScratchFile(".utf8.csv")
    chunks = itertools.chain([head[codec.bom :]], iter(lambda: rest.read(CHUNK), b""))
    try:
        with copy.path.open("w", encoding="utf-8", newline="") as out:
            for text in checked_text(chunks, codec, label):
                out.write(text.replace("\r", "\n") if codec.cr_only else text)
    except BaseException:
        copy.close()
        raise
    return copy


def check_file(path: Path, codec: TextCodec, label: str) -> None:
    """Raise for the first line of the text file at `path` that is not in its encoding."""
    with path.open("rb") as handle:
        handle.read(codec.bom)
        for _ in checked_text(iter(lambda: handle.read(CHUNK), b""), codec, label):
            pass


def checked_text(chunks: Iterable[bytes], codec: TextCodec, label: str) -> Iterator[str]:
    """The text of `chunks`, decoded block by block of whole lines; raises ImportValidationError for the
    first line that does not decode, or that is UTF-8 in a GB18030 or Big5 file (which decodes, garbled)."""
    newline = codec.newline.decode(codec.codec)
    lines = 0
    for block in _blocks(chunks, codec.newline):
        try:
            text = block.decode(codec.codec)
        except UnicodeDecodeError as exc:
            number = lines + block[: exc.start].decode(codec.codec, "replace").count(newline) + 1
            raise _odd_line(label, number, _line_at(block, exc.start, codec), codec) from None
        if codec.encoding in LEGACY:
            found = utf8_line(block.replace(b"\r", b"\n") if codec.cr_only else block, codec.encoding)
            if found is not None:
                number = lines + block[:found].count(codec.newline) + 1
                raise _odd_line(label, number, _line_at(block, found, codec), codec)
        lines += text.count(newline)
        yield text


def utf8_line(block: bytes, encoding: str) -> int | None:
    """Offset in `block` (whole lines of a GB18030 or Big5 file, ending in line feeds) of the first line
    written in UTF-8.

    A line is taken for UTF-8 when it decodes as UTF-8 into Chinese, and read so, a greater share of its
    characters are in the everyday character sets (GB2312, Big5), or as great a share and more of them
    are common ones, than read as `encoding`: GB18030 or Big5 that happens to be valid UTF-8 reads as rare
    characters, as UTF-8 read as GB18030 or Big5 does.
    """
    for match in _UTF8_LINE.finditer(b"\n" + block):
        line = match.group()[1:]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:  # an overlong form or a surrogate, which the pattern lets by
            continue
        legacy = line.decode(text_codec(encoding, b"").codec, "replace")
        if _CHINESE.search(text) and _plausibility(text, "utf-8") > _plausibility(legacy, encoding):
            return match.start()
    return None


def _plausibility(text: str, encoding: str) -> tuple[float, float]:
    """The shares of the characters of `text` beyond ASCII that the everyday character sets of `encoding`
    have, and that are common Chinese characters."""
    wide = [ch for ch in text if ord(ch) > 127]
    count = max(len(wide), 1)
    everyday = sum(_everyday(ch, _CHARSETS[encoding]) for ch in wide) / count
    return everyday, sum(ch in COMMON for ch in wide) / count


@cache
def _everyday(ch: str, charsets: tuple[str, ...]) -> bool:
    for charset in charsets:
        try:
            ch.encode(charset)
            return True
        except UnicodeEncodeError:
            continue
    return False


def _blocks(chunks: Iterable[bytes], newline: bytes) -> Iterator[bytes]:
    """The bytes of `chunks` in blocks that end after a line break (the last block: at the end)."""
    pending: list[bytes] = []
    for chunk in chunks:
        if newline not in chunk:
            pending.append(chunk)
            continue
        data = b"".join([*pending, chunk])
        cut = _after_last_break(data, newline)
        if cut:
            yield data[:cut]
        pending = [data[cut:]]
    rest = b"".join(pending)
    if rest:
        yield rest


def _after_last_break(data: bytes, newline: bytes) -> int:
    """Index just past the last line break of `data` at a character boundary (UTF-16's are 2 bytes)."""
    end = len(data)
    while (index := data.rfind(newline, 0, end)) >= 0:
        if index % len(newline) == 0:
            return index + len(newline)
        end = index + len(newline) - 1
    return 0


def _line_at(block: bytes, offset: int, codec: TextCodec) -> bytes | str:
    """The line of `block` that holds byte `offset`: its bytes, or its text where the line break is
    wider than a byte (UTF-16, whose bytes say nothing read otherwise)."""
    newline = codec.newline
    if len(newline) > 1:
        before = block[:offset].decode(codec.codec, "replace").count(newline.decode(codec.codec))
        return block.decode(codec.codec, "replace").split(newline.decode(codec.codec))[before]
    start = block.rfind(newline, 0, offset) + 1
    end = block.find(newline, offset)
    return block[start : end if end >= 0 else len(block)]


def _odd_line(label: str, number: int, line: bytes | str, codec: TextCodec) -> ImportValidationError:
    """The error for line `number`, which is not in the file's encoding: what it is and how it reads."""
    found, text = ("", line) if isinstance(line, str) else _reading(line, codec)
    text = text.rstrip("\r\n")
    text = text if len(text) <= _PREVIEW else text[:_PREVIEW] + "…"
    expected = display_name(codec.encoding)
    if found:
        return ImportValidationError(
            Notice(
                "mixed_encoding",
                file=label,
                line=number,
                found=display_name(found),
                expected=expected,
                text=text,
            )
        )
    return ImportValidationError(
        Notice("undecodable_line", file=label, line=number, expected=expected, text=text)
    )


def _reading(line: bytes, codec: TextCodec) -> tuple[str, str]:
    """How a line that is not in the file's encoding reads: its encoding and text, or no encoding and the
    text with the bytes that fit none shown as �."""
    if codec.encoding in LEGACY:
        try:
            return "utf-8", line.decode("utf-8")
        except UnicodeDecodeError:
            pass
    try:
        decoded = decode_bytes(line)
        if decoded.encoding in ("utf-8", *LEGACY) and decoded.encoding != codec.encoding:
            return decoded.encoding, decoded.text  # (bytes that start like a BOM are no UTF-16 line)
    except UnicodeError:
        pass
    return "", line.decode(codec.codec, "replace")
