"""A text file of one item a line, in the encodings Chinese tools write."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam.errors import ImportValidationError
from kam.io.lines import read_lines


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        ("需求一\n需要二\n".encode("big5"), ["需求一", "需要二"]),
        ("需求一\r需要二\r".encode("gb18030"), ["需求一", "需要二"]),  # old Mac line ends
        (b"\xef\xbb\xbf  first  \n\n\t\nsecond", ["first", "second"]),
        (b"", []),
        (b" \n \n", []),
    ],
)
def test_the_lines_that_hold_something_stripped_in_order(
    tmp_path: Path, data: bytes, lines: list[str]
) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(data)
    assert read_lines(path) == lines


def test_a_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(ImportValidationError, match=r"Cannot read .*folder: Is a directory"):
        read_lines(folder)
