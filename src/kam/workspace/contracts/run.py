"""The functions behind `kam contracts import|list`: one service in one transaction each."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kam.workspace.account_records import every_page
from kam.workspace.contracts.schemas import ContractFilters, ContractPublic
from kam.workspace.contracts.service import list_contracts
from kam.workspace.importing import RecordsImported
from kam.workspace.run import workspace_session


def run_contracts_import(
    url: str, path: Path, mapping: Mapping[str, str] | None = None, as_login: str | None = None
) -> RecordsImported:
    """Read the contracts file and import it, all or nothing."""
    from kam.io.records import read_records  # polars: only when a file is imported
    from kam.workspace.contracts.importing import CONTRACT_COLUMNS, import_contracts

    with workspace_session(url, as_login) as session:
        return import_contracts(session, read_records(path, CONTRACT_COLUMNS, mapping=mapping))


def run_contracts_list(
    url: str, filters: ContractFilters | None = None, as_login: str | None = None
) -> list[ContractPublic]:
    """Every contract the user may see that meets `filters`, by year (page after page)."""
    with workspace_session(url, as_login) as session:
        return every_page(lambda request: list_contracts(session, filters, request))
