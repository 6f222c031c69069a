"""`kam export`: every record of a kind that a user may see, as a CSV or Excel file that is written
only where no file is (kam never overwrites a file it was not asked to write, nor one of the user's)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kam.i18n import Notice
from kam.report.output import OutputFolderError
from kam.report.tables import TableFormat, table_bytes
from kam.workspace.db import display_url
from kam.workspace.exports import export_records
from kam.workspace.run import workspace_session
from kam.workspace.vocabulary import ExportEntity


@dataclass(frozen=True)
class ExportResult:
    """Where the export was written, from which workspace, and how many records it holds."""

    file: Path
    where: str
    entity: ExportEntity
    records: int


def run_export(
    url: str, entity: ExportEntity, fmt: TableFormat, out: Path, as_login: str | None = None
) -> ExportResult:
    """Export `entity` as the user `as_login` sees it (the local operator: everything) into the new file
    `out`; an existing file is refused and left as it was."""
    if out.exists() or out.is_symlink():
        raise OutputFolderError(Notice("export_file_exists", file=str(out)))
    with workspace_session(url, as_login) as session:
        exported = export_records(session, entity)
    write_new_file(out, table_bytes(exported.columns, exported.rows, fmt))
    return ExportResult(out, display_url(url), entity, len(exported.rows))


def write_new_file(path: Path, data: bytes) -> None:
    """Write `data` to `path`, which must not exist: written whole beside it first, then linked into
    place in one step that fails if a file appeared there meanwhile (nothing half-written, nothing
    replaced)."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, staged = tempfile.mkstemp(prefix=".kam-export.", dir=folder)
    except OSError as exc:
        raise OutputFolderError(Notice("out_cannot_write", path=str(path), reason=_reason(exc))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(staged, path)
    except FileExistsError:
        raise OutputFolderError(Notice("export_file_exists", file=str(path))) from None
    except OSError as exc:
        raise OutputFolderError(Notice("out_cannot_write", path=str(path), reason=_reason(exc))) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(staged)


def _reason(exc: OSError) -> str:
    return os.strerror(exc.errno) if exc.errno else str(exc)
