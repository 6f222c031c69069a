"""Read a table as the user exported it (CSV/TSV/TXT, Excel, Parquet, a database table), columns untouched.

Text files keep every value as a string so that validation can name the exact cell that fails;
typed sources (Parquet, Excel, databases) keep their types.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kam.encoding import decode_bytes
from kam.errors import ImportValidationError
from kam.i18n import Notice

TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".dat"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
_NUMBERISH = re.compile(r"^[\s\d.,:/\-+]+$")


@dataclass(frozen=True)
class RawTable:
    """A source table before mapping: its label for messages, lazy frame, and how it was read."""

    label: str
    frame: pl.LazyFrame
    columns: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    has_header: bool = True


def _sniff_delimiter(lines: list[str], suffix: str) -> str:
    if suffix in {".tsv", ".tab"}:
        return "\t"
    best, best_score = "", 0
    for candidate in (",", "\t", ";", "|"):
        counts = [line.count(candidate) for line in lines if line.strip()]
        if counts and min(counts) > 0 and min(counts) == max(counts):
            score = min(counts) + 1
        else:
            score = 1 if counts and min(counts) > 0 else 0
        if score > best_score:
            best, best_score = candidate, score
    return best or " "


def _looks_like_data(fields: list[str]) -> bool:
    return bool(fields) and all(_NUMBERISH.match(f) for f in fields if f.strip())


def _decode_head(data: bytes, path: Path) -> str:
    """Decode the first bytes of a file to learn its encoding; a character cut at the end is ignored."""
    try:
        return decode_bytes(data).encoding
    except UnicodeError:
        for cut in (1, 2, 3):
            try:
                return decode_bytes(data[:-cut]).encoding
            except UnicodeError:
                continue
    raise ImportValidationError(Notice("cannot_decode", file=path))


def read_text_table(path: Path, head_size: int = 1 << 16) -> RawTable:
    with path.open("rb") as handle:
        head = handle.read(head_size)
    if not head.strip():
        raise ImportValidationError(Notice("empty_file", file=path))
    encoding = _decode_head(head, path)
    head_text = head.decode(encoding, errors="ignore")
    head_lines = [line for line in head_text.splitlines()[:50] if line.strip()]
    delimiter = _sniff_delimiter(head_lines, path.suffix.lower())
    whitespace = delimiter == " "
    if whitespace:
        head_lines = [",".join(line.split()) for line in head_lines]
        delimiter = ","
    first = pl.read_csv(io.StringIO(head_lines[0]), has_header=False, infer_schema=False, separator=delimiter)
    has_header = not _looks_like_data([str(f or "") for f in first.row(0)])
    options = {"separator": delimiter, "has_header": has_header, "infer_schema": False}
    frame: pl.LazyFrame
    if encoding.startswith("utf-8") and not whitespace:
        frame = pl.scan_csv(path, **options)  # type: ignore[arg-type]
    else:
        try:
            text = path.read_bytes().decode(encoding)
        except UnicodeDecodeError as exc:
            raise ImportValidationError(
                f"{path}: byte {exc.start} is not valid {encoding}; save the file in one encoding"
            ) from exc
        if whitespace:
            text = "\n".join(",".join(line.split()) for line in text.splitlines() if line.strip())
        frame = pl.read_csv(io.StringIO(text), **options).lazy()  # type: ignore[arg-type]
    try:
        columns = frame.collect_schema().names()
    except pl.exceptions.PolarsError as exc:
        raise ImportValidationError(f"{path}: cannot parse as a delimited table ({exc})") from exc
    renames = {c: (c.strip() if has_header else f"column_{i + 1}") for i, c in enumerate(columns)}
    frame = frame.rename(renames)
    return RawTable(str(path), frame, list(renames.values()), encoding, delimiter, has_header)


def read_excel_table(path: Path, sheet: str | None = None) -> RawTable:
    try:
        frame = pl.read_excel(path, sheet_name=sheet) if sheet else pl.read_excel(path)
    except Exception as exc:  # the engines raise their own types for corrupt workbooks
        raise ImportValidationError(f"{path}: cannot read the workbook ({exc})") from exc
    frame = frame.rename({c: str(c).strip() for c in frame.columns})
    return RawTable(str(path), frame.lazy(), frame.columns)


def read_parquet_table(path: Path) -> RawTable:
    try:
        frame = pl.scan_parquet(path)
        columns = frame.collect_schema().names()
    except Exception as exc:  # pyarrow/polars raise several types for broken files
        raise ImportValidationError(f"{path}: cannot read the Parquet file ({exc})") from exc
    return RawTable(str(path), frame, columns)


def read_database_table(url: str, table: str) -> RawTable:
    """Read a whole table through SQLAlchemy; the table name is reflected, never formatted into SQL."""
    import sqlalchemy as sa

    try:
        engine = sa.create_engine(url)
    except Exception as exc:  # bad URL or missing driver
        raise ImportValidationError(f"{url}: not a usable database URL ({exc})") from exc
    schema, _, name = table.rpartition(".")
    try:
        reflected = sa.Table(name, sa.MetaData(), schema=schema or None, autoload_with=engine)
        with engine.connect() as connection:
            frame = pl.read_database(sa.select(reflected), connection)
    except sa.exc.NoSuchTableError as exc:
        raise ImportValidationError(f"{_safe_url(url)}: table {table!r} does not exist") from exc
    except sa.exc.SQLAlchemyError as exc:
        raise ImportValidationError(f"{_safe_url(url)}: cannot read table {table!r} ({exc})") from exc
    finally:
        engine.dispose()
    return RawTable(f"{_safe_url(url)} table {table}", frame.lazy(), frame.columns)


def _safe_url(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]+@", r"//\1:***@", url)


def read_table(source: str | Path, *, table: str | None = None, sheet: str | None = None) -> RawTable:
    """Read `source` by its kind: a database URL with `table`, or a file by its suffix."""
    if table is not None:
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
    raise ImportValidationError(
        f"{path}: unknown file type {suffix!r}; kam reads .csv, .tsv, .txt, .xlsx, .parquet or a database table"
    )
