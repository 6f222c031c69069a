"""The functions behind `kam stakeholders ...`: one service in one transaction each."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kam.workspace.account_records import every_page
from kam.workspace.importing import RecordsImported
from kam.workspace.run import workspace_session
from kam.workspace.stakeholders.schemas import StakeholderFilters, StakeholderPublic
from kam.workspace.stakeholders.service import list_stakeholders


def run_stakeholders_import(
    url: str, path: Path, mapping: Mapping[str, str] | None = None, as_login: str | None = None
) -> RecordsImported:
    """Read the stakeholders file and import it, all or nothing."""
    from kam.io.records import read_records  # polars: only when a file is imported
    from kam.workspace.stakeholders.importing import STAKEHOLDER_COLUMNS, import_stakeholders

    with workspace_session(url, as_login) as session:
        return import_stakeholders(session, read_records(path, STAKEHOLDER_COLUMNS, mapping=mapping))


def run_stakeholders_list(
    url: str, filters: StakeholderFilters | None = None, as_login: str | None = None
) -> list[StakeholderPublic]:
    """Every stakeholder the user may see that meets `filters`, by name (page after page)."""
    with workspace_session(url, as_login) as session:
        return every_page(lambda request: list_stakeholders(session, filters, request))
