"""A table of records as a spreadsheet file's bytes: CSV (UTF-8 with a byte-order mark, as accounts.csv)
or an Excel workbook, with every text cell that a spreadsheet would run as a formula neutralised
(kam.report.cells) and numbers left numbers. The headings are the records' field names: stable machine
names that scripts and later imports can rely on, whatever the reader's language."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl

Cell = str | int | float | bool | None


class TableFormat(StrEnum):
    """The file formats an export is written in."""

    CSV = "csv"
    XLSX = "xlsx"

    @property
    def media_type(self) -> str:
        if self is TableFormat.CSV:
            return "text/csv; charset=utf-8"
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_frame(columns: Sequence[str], rows: Sequence[Mapping[str, Cell]]) -> pl.DataFrame:
    """The rows as a frame with these columns, in this order; a column's type is what its cells hold
    (text, whole numbers, numbers or yes/no), a column of blanks is text."""
    import polars as pl  # only when a table is written: the command line starts without it

    data = {name: [row.get(name) for row in rows] for name in columns}
    series = [pl.Series(name, values, strict=False) for name, values in data.items()]
    frame = pl.DataFrame([s.cast(pl.String) if s.dtype == pl.Null else s for s in series])
    return frame if frame.width else pl.DataFrame(schema=dict.fromkeys(columns, pl.String))


def table_bytes(columns: Sequence[str], rows: Sequence[Mapping[str, Cell]], fmt: TableFormat) -> bytes:
    """The file of `fmt` holding `rows` under `columns`, spreadsheet-formula safe."""
    from kam.report.cells import spreadsheet_safe

    safe = spreadsheet_safe(table_frame(columns, rows))
    if fmt is TableFormat.CSV:
        buffer = io.BytesIO()
        safe.write_csv(buffer, include_bom=True)
        return buffer.getvalue()
    return _workbook(safe)


def _workbook(frame: pl.DataFrame) -> bytes:
    """One sheet: the header row (bold, frozen, with filters), then a row per record, cell by cell."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(frame.columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in frame.iter_rows():
        sheet.append([_xlsx_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    if frame.width:
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: Any) -> Any:
    """A cell as openpyxl writes it: text stays text (never read as a formula: it is neutralised)."""
    if isinstance(value, str):
        return "".join(c for c in value if c in "\t\n\r" or ord(c) >= 0x20)  # XML 1.0 holds no others
    return value
