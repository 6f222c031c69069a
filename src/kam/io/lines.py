"""A text file of one item a line (statements to classify, a list of names): UTF-8 with or without a
byte-order mark, UTF-16 with one, GB18030 or Big5, every line checked to be in the file's encoding as
the table readers check theirs (kam.io.textfile)."""

from __future__ import annotations

from pathlib import Path

from kam.errors import ImportValidationError
from kam.i18n import Notice
from kam.io.textfile import checked_text, head_encoding, text_codec


def read_lines(path: Path) -> list[str]:
    """The lines of the file that hold something, stripped of surrounding blanks, in order. A line in
    another encoding than the file's is an ImportValidationError naming its number and how it reads."""
    label = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportValidationError(Notice("text_file_unreadable", file=path, reason=exc.strerror)) from None
    if not data.strip():
        return []
    codec = text_codec(head_encoding(data, label), data)
    text = "".join(checked_text([data[codec.bom :]], codec, label))
    return [line.strip() for line in text.splitlines() if line.strip()]
