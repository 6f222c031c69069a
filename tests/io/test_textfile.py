"""Encodings, property-based: whatever mix of UTF-8, GB18030, Big5 and UTF-16 pieces and line ends a file
holds, the loader returns a table or raises a KamError (a line in another encoding named by a line the file
has); a file in one encoding is never taken for mixed, and a UTF-8 line in a legacy one is found."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kam.encoding import _COMMON
from kam.errors import KamError
from kam.i18n import Notice
from kam.io.options import OnError, ReadOptions
from kam.io.textfile import utf8_line
from kam.io.transactions import load_transactions

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODECS = ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be"]
ENDS = [b"\n", b"\r\n", b"\r", "\n".encode("utf-16-le"), b""]


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


# common characters that GB2312 and Big5 both have, so that a line can be written in either
BOTH = sorted(ch for ch in _COMMON if _encodes(ch, "gb2312") and _encodes(ch, "big5"))


_TEXT = st.text(
    alphabet=st.sampled_from([*"客戶編號日期金額王五公司台積電有限公司,;\t0123456789-./ab \"'"]), max_size=24
)
_PIECE = st.one_of(
    st.tuples(_TEXT, st.sampled_from(CODECS)).map(lambda p: p[0].encode(p[1], errors="replace")),
    st.binary(max_size=12),
)
_LINE = st.tuples(st.lists(_PIECE, max_size=4), st.sampled_from(ENDS)).map(lambda p: b"".join(p[0]) + p[1])
_HEADER = st.sampled_from(
    ["customer_id,date,amount", "客戶編號,日期,金額", "客户编号,日期,金额", ""]
).flatmap(
    lambda h: st.sampled_from(CODECS).map(lambda c: h.encode(c, errors="replace") + b"\n" if h else b"")
)


def _load(data: bytes) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(data)
        try:
            return load_transactions(path, ReadOptions(on_error=OnError.SKIP))
        except KamError as exc:
            return exc


@BOUNDED
@given(header=_HEADER, lines=st.lists(_LINE, max_size=12))
@example(header=b"customer_id,date,amount\n", lines=[b"A,2024-01-01,1\r", "王,2024-01-02,2\n".encode("big5")])
@example(header="客戶編號,日期,金額\n".encode("big5"), lines=["王五公司,2024-01-02,2\n".encode()])
def test_any_mix_of_encodings_is_read_or_refused_clearly(header: bytes, lines: list[bytes]) -> None:
    data = header + b"".join(lines)
    result = _load(data)
    message = result.message if isinstance(result, KamError) else None
    if isinstance(message, Notice) and message.key in ("mixed_encoding", "undecodable_line"):
        breaks = data.count(b"\n") + data.count(b"\r")
        assert 1 <= message.params["line"] <= breaks + 1


_CHINESE = st.text(alphabet=st.sampled_from(BOTH), min_size=1, max_size=8)
_CSV_LINE = st.tuples(st.integers(0, 999), _CHINESE, st.integers(1, 99999)).map(
    lambda p: f"C{p[0]},{p[1]},2024-01-02,{p[2]}\n"
)


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
@BOUNDED
@given(lines=st.lists(_CSV_LINE, min_size=1, max_size=20))
def test_a_file_in_one_encoding_has_no_line_in_another(encoding: str, lines: list[str]) -> None:
    assert utf8_line("".join(lines).encode(encoding), encoding) is None


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
@BOUNDED
@given(
    before=st.lists(_CSV_LINE, max_size=10),
    name=st.text(alphabet=st.sampled_from(BOTH), min_size=3, max_size=8),
    after=st.lists(_CSV_LINE, max_size=5),
)
def test_a_utf8_line_in_a_legacy_file_is_found(
    encoding: str, before: list[str], name: str, after: list[str]
) -> None:
    head = "".join(before).encode(encoding)
    block = head + f"{name},2024-01-02,5\n".encode() + "".join(after).encode(encoding)
    assert utf8_line(block, encoding) == len(head)
