"""The functions behind `kam needs import|list`: one service in one transaction each."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kam.workspace.account_records import every_page
from kam.workspace.importing import RecordsImported
from kam.workspace.needs.schemas import NeedFilters, NeedPublic
from kam.workspace.needs.service import list_needs
from kam.workspace.run import workspace_session


def run_needs_import(
    url: str, path: Path, mapping: Mapping[str, str] | None = None, as_login: str | None = None
) -> RecordsImported:
    """Read the needs file and import it, all or nothing."""
    from kam.io.records import read_records  # polars: only when a file is imported
    from kam.workspace.needs.importing import NEED_COLUMNS, import_needs

    with workspace_session(url, as_login) as session:
        return import_needs(session, read_records(path, NEED_COLUMNS, mapping=mapping))


def run_needs_list(
    url: str, filters: NeedFilters | None = None, as_login: str | None = None
) -> list[NeedPublic]:
    """Every need the user may see that meets `filters`, oldest first (page after page)."""
    with workspace_session(url, as_login) as session:
        return every_page(lambda request: list_needs(session, filters, request))
