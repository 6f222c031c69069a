"""The functions behind `kam deals import|list`: one service in one transaction each."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kam.workspace.account_records import every_page
from kam.workspace.deals.schemas import DealFilters, DealPublic
from kam.workspace.deals.service import list_deals
from kam.workspace.importing import RecordsImported
from kam.workspace.run import workspace_session


def run_deals_import(
    url: str, path: Path, mapping: Mapping[str, str] | None = None, as_login: str | None = None
) -> RecordsImported:
    """Read the deals file and import it, all or nothing."""
    from kam.io.records import read_records  # polars: only when a file is imported
    from kam.workspace.deals.importing import DEAL_COLUMNS, import_deals

    with workspace_session(url, as_login) as session:
        return import_deals(session, read_records(path, DEAL_COLUMNS, mapping=mapping))


def run_deals_list(
    url: str, filters: DealFilters | None = None, as_login: str | None = None
) -> list[DealPublic]:
    """Every deal the user may see that meets `filters`, by title (page after page)."""
    with workspace_session(url, as_login) as session:
        return every_page(lambda request: list_deals(session, filters, request))
