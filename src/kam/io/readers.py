"""Read a table as the user exported it (CSV/TSV/TXT, Excel, Parquet, a database table), columns untouched.

Text files keep every value as a string so that validation can name the exact cell that fails;
typed sources (Parquet, Excel, databases) keep their types.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

import narwhals as nw
import polars as pl

from kam.errors import ImportValidationError
from kam.hints import Hint, HintedNotice, HintKey
from kam.i18n import Notice
from kam.io.scratch import ScratchFile
from kam.io.textfile import TextCodec, check_file, head_encoding, text_codec, utf8_copy

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".dat"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
_NUMBERISH = re.compile(r"^[\s\d.,:/\-+]+$")


@dataclass(frozen=True)
class RawTable:
    """A source table before mapping: its label for messages, lazy frame, and how it was read. A text
    file read through a UTF-8 copy owns the copy: close the table (or use it in a `with` block) when done."""

    label: str
    frame: pl.LazyFrame
    columns: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    has_header: bool = True
    first_data_line: int | None = None  # text files: the file's line number of the first data row
    notes: tuple[str, ...] = ()  # what the user is told about how the table was found
    file: Path | None = None  # text files: the UTF-8 file the engine scans (the file itself or a copy)
    scratch: ScratchFile | None = field(default=None, compare=False)  # the copy, which the table owns

    def close(self) -> None:
        """Done with the table: its UTF-8 copy, if it has one, is removed (a lazy frame that still reads
        it can no longer be collected). Copies of the table made with `replace` share the copy."""
        if self.scratch is not None:
            self.scratch.close()

    def __enter__(self) -> RawTable:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _sniff_delimiter(lines: list[str], suffix: str) -> str:
    """The delimiter that splits most lines into the same number of fields: a title or a note above the
    header (common in ERP report exports) is outvoted by the table's rows."""
    if suffix in {".tsv", ".tab"}:
        return "\t"
    best, best_score = "", (0, 0)
    for candidate in (",", "\t", ";", "|"):
        counts = [line.count(candidate) for line in lines if line.strip()]
        positive = [c for c in counts if c > 0]
        if not positive:
            continue
        width = max(set(positive), key=lambda c: (positive.count(c), c))
        score = (counts.count(width), width)
        if score > best_score:
            best, best_score = candidate, score
    return best or " "


def _split(line: str, delimiter: str) -> list[str]:
    """The fields of one line of a delimited file (quotes honoured)."""
    return next(csv.reader([line], delimiter=delimiter), [])


def _filled_fields(line: str, delimiter: str) -> int:
    """How many fields of a line are not empty (a sheet saved as CSV pads a title line with delimiters)."""
    return sum(1 for field in _split(line, delimiter) if field.strip())


def _header_index(counts: list[int]) -> int:
    """Index of a table's header among its first lines or rows, given how many filled fields each has: the
    first with as many as most of the table's rows (the last ones of the sample), give or take one blank.
    Lines above it with fewer (a report title, a date range, blank lines) are a preamble, not data."""
    body = [c for c in counts[-min(len(counts), 20) :] if c]
    if len(body) < 2:
        return next((i for i, c in enumerate(counts) if c), 0)
    width = max(set(body), key=body.count)
    # a header may leave one cell blank (the index column of a CSV written by pandas), a title never
    # fills more than a few
    enough = width - 1 if width >= 4 else width
    return next((i for i, c in enumerate(counts) if c >= enough), 0)


def _table_start(lines: list[str], delimiter: str) -> int:
    """Index in `lines` of a text table's header (see `_header_index`)."""
    return _header_index([_filled_fields(line, delimiter) for line in lines])


def _looks_like_data(fields: list[str]) -> bool:
    return bool(fields) and all(_NUMBERISH.match(f) for f in fields if f.strip())


def read_text_table(path: Path, head_size: int = 1 << 16) -> RawTable:
    """A delimited text file, read lazily. A file the engine cannot scan as it is (not UTF-8, CR-only line
    ends, a pipe) is copied to UTF-8 with LF line ends on the way, every line checked (see `textfile`);
    the table owns the copy: closing the table removes it (as does a failure to read the table)."""
    label = str(path)
    with path.open("rb") as handle:
        head = handle.read(head_size)
        if not head.strip():
            raise ImportValidationError(Notice("empty_file", file=path))
        whole = head[: head.rfind(b"\n") + 1] if len(head) == head_size else head  # no line cut short
        encoding = head_encoding(whole or head, label, cut=not whole)
        codec = text_codec(encoding, head)
        head_text = head[codec.bom :].decode(codec.codec, "ignore")
        if not head_text.strip():  # a byte-order mark alone
            raise ImportValidationError(Notice("empty_file", file=path))
        codec = text_codec(encoding, head, cr_only="\r" in head_text and "\n" not in head_text)
        physical = head_text.splitlines()[:60]
        if len(head) == head_size and len(physical) > 1:
            physical = physical[:-1]  # the last line of the sample may be cut
        delimiter = _sniff_delimiter([line for line in physical if line.strip()], path.suffix.lower())
        whitespace = delimiter == " "
        if whitespace:
            physical = [",".join(line.split()) for line in physical]
            delimiter = ","
        start = _table_start(physical, delimiter)  # lines above it are a title or notes
        has_header = not _looks_like_data(_split(physical[start], delimiter))
        # the engine scans UTF-8 files lazily, never holding them whole in memory; others are copied so
        copied = not encoding.startswith("utf-8") or codec.cr_only or not path.is_file()
        scratch = utf8_copy(head, handle, codec, label) if copied else None
    file = scratch.path if scratch is not None else path
    try:
        return _text_frame(path, file, scratch, encoding, codec, delimiter, has_header, start, whitespace)
    except BaseException:
        if scratch is not None:
            scratch.close()
        raise


def _text_frame(
    path: Path,
    file: Path,
    scratch: ScratchFile | None,
    encoding: str,
    codec: TextCodec,
    delimiter: str,
    has_header: bool,
    start: int,
    whitespace: bool,
) -> RawTable:
    """The lazy table of a text file that the engine can scan (`file`: the file itself, or its UTF-8
    copy `scratch`), once its encoding, delimiter, header and first line are known."""
    label, copied = str(path), scratch is not None
    options = {"separator": delimiter, "has_header": has_header, "infer_schema": False, "skip_rows": start}
    first_data_line = start + (2 if has_header else 1)
    frame: pl.LazyFrame
    if not whitespace:
        frame = pl.scan_csv(file, **options)  # type: ignore[arg-type]
    else:
        if not copied:
            check_file(file, codec, label)
        text = file.read_text(encoding="utf-8-sig")  # a copy, or a UTF-8 file (with a BOM or not)
        lines = [",".join(line.split()) for line in text.splitlines()[start:] if line.strip()]
        options["skip_rows"] = 0
        try:
            frame = pl.read_csv(io.StringIO("\n".join(lines)), **options).lazy()  # type: ignore[arg-type]
        except pl.exceptions.PolarsError as exc:
            raise ImportValidationError(
                Notice("cannot_parse_table", file=path, detail=_first_line(exc))
            ) from exc
    try:
        columns = frame.collect_schema().names()
    except pl.exceptions.PolarsError as exc:
        raise ImportValidationError(Notice("cannot_parse_table", file=path, detail=_first_line(exc))) from exc
    renames = {c: (c.strip() if has_header else f"column_{i + 1}") for i, c in enumerate(columns)}
    frame = frame.rename(renames)
    return RawTable(
        label,
        frame,
        list(renames.values()),
        encoding,
        delimiter,
        has_header,
        first_data_line,
        file=file,
        scratch=scratch,
    )


def read_excel_table(path: Path, sheet: str | None = None) -> RawTable:
    """A worksheet with its types. A title or notes above the header row (ERP report exports) leave blank
    header cells; the header is then the first row with as many cells as the table's rows."""
    header_row = 0
    try:
        frame = _read_sheet(path, sheet, header_row)
        if any(str(c).startswith("__UNNAMED__") for c in frame.columns):
            header_row = _sheet_table_start(path, sheet)
            if header_row:
                frame = _read_sheet(path, sheet, header_row)
    except Exception as exc:  # the engines raise their own types for corrupt workbooks
        raise ImportValidationError(Notice("cannot_read_workbook", file=path, detail=str(exc))) from exc
    frame = frame.rename({c: str(c).strip() for c in frame.columns})
    label = f"{path} [{sheet}]" if sheet else str(path)
    return RawTable(label, frame.lazy(), frame.columns, first_data_line=header_row + 2)


def sheet_names(path: Path) -> list[str]:
    """The worksheets of a workbook, in order."""
    import fastexcel

    try:
        return list(fastexcel.read_excel(path).sheet_names)
    except Exception as exc:  # the engine raises its own types for corrupt workbooks
        raise ImportValidationError(Notice("cannot_read_workbook", file=path, detail=str(exc))) from exc


def is_workbook(source: str | Path) -> bool:
    return Path(source).suffix.lower() in EXCEL_SUFFIXES


def sheet_with(first: RawTable, path: Path, wanted: Callable[[RawTable], bool]) -> RawTable:
    """The workbook's first sheet if it is `wanted`, else the first sheet that is (a cover or notes sheet
    often comes first), with a note naming it. None is: the first sheet, with a note listing the sheets
    for the error its missing columns will raise."""
    if wanted(first):
        return first
    names = sheet_names(path)
    for name in names[1:]:
        candidate = read_table(path, sheet=name)
        if wanted(candidate):
            found = HintedNotice("sheet_found", Hint(HintKey.CHOOSE_SHEET), sheet=name, first=names[0])
            return replace(candidate, notes=(*candidate.notes, found))
    if len(names) > 1:
        listed = HintedNotice("sheets", Hint(HintKey.CHOOSE_SHEET), sheets=", ".join(repr(n) for n in names))
        return replace(first, notes=(*first.notes, listed))
    return first


def _read_sheet(path: Path, sheet: str | None, header_row: int) -> pl.DataFrame:
    options = {"header_row": header_row} if header_row else None
    if sheet:
        return pl.read_excel(path, sheet_name=sheet, read_options=options)
    return pl.read_excel(path, read_options=options)


def _sheet_table_start(path: Path, sheet: str | None) -> int:
    """Index of the header row among a sheet's first rows (blank rows kept, so it is the sheet's own)."""
    import fastexcel

    preview = fastexcel.read_excel(path).load_sheet(sheet or 0, header_row=None, n_rows=60).to_polars()
    return _header_index(
        [sum(value is not None and str(value).strip() != "" for value in row) for row in preview.iter_rows()]
    )


def read_parquet_table(path: Path) -> RawTable:
    try:
        frame = pl.scan_parquet(path)
        columns = frame.collect_schema().names()
    except Exception as exc:  # pyarrow/polars raise several types for broken files
        raise ImportValidationError(Notice("cannot_read_parquet", file=path, detail=str(exc))) from exc
    return RawTable(str(path), frame, columns)


@contextlib.contextmanager
def table_errors(raw: RawTable) -> Iterator[None]:
    """Turn the engine's failure to read a text file (found only when the lazily read file is scanned) into
    a clear error naming the file, and the line when it can be found: one in another encoding, or with
    another number of fields."""
    try:
        yield
    except (pl.exceptions.ComputeError, nw.exceptions.ComputeError) as exc:  # narwhals wraps the engine's
        if raw.file is not None:
            check_file(raw.file, text_codec("utf-8", b""), raw.label)
        ragged = _first_ragged_line(raw)
        if ragged is not None:
            line, fields, expected = ragged
            raise ImportValidationError(
                Notice("ragged_line", file=raw.label, line=line, fields=fields, expected=expected)
            ) from exc
        raise ImportValidationError(
            Notice("cannot_parse_table", file=raw.label, detail=_first_line(exc))
        ) from exc


def _first_ragged_line(raw: RawTable) -> tuple[int, int, int] | None:
    """(line number, fields on it, fields of the table's first line) of the first line of a text table
    with another number of fields than the first, read as the engine reads it (delimiter, preamble)."""
    if raw.delimiter is None or raw.file is None or raw.first_data_line is None:
        return None
    start = raw.first_data_line - (2 if raw.has_header else 1)  # lines above the table
    with open(raw.file, encoding="utf-8-sig", errors="replace", newline="") as handle:
        for _ in range(start):
            handle.readline()
        rows = csv.reader(handle, delimiter=raw.delimiter)
        expected = None
        for row in rows:
            if not row:
                continue
            if expected is None:
                expected = len(row)
            elif len(row) != expected:
                return start + rows.line_num, len(row), expected
    return None


def _first_line(exc: Exception) -> str:
    """The first line of an engine's error message (the rest is advice about the engine's own options)."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def read_table(source: str | Path, *, table: str | None = None, sheet: str | None = None) -> RawTable:
    """Read `source` by its kind: a database URL with `table`, or a file by its suffix."""
    if table is not None:
        from kam.io.database import read_database_table

        return read_database_table(str(source), table)
    path = Path(source)
    if not path.exists():
        raise ImportValidationError(Notice("no_such_file", file=path))
    if path.is_dir():
        raise ImportValidationError(Notice("is_folder", file=path))
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return read_parquet_table(path)
    if suffix in EXCEL_SUFFIXES:
        return read_excel_table(path, sheet)
    if suffix in TEXT_SUFFIXES or not suffix:
        return read_text_table(path)
    raise ImportValidationError(Notice("unknown_file_type", file=path, suffix=suffix))
