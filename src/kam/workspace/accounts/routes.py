"""The accounts' endpoints: /api/v1/accounts, each account addressed by its code."""

from typing import Annotated

from fastapi import Path

from kam.api.resources import Resource, resource_router
from kam.workspace.accounts import service
from kam.workspace.accounts.schemas import AccountCreate, AccountFilters, AccountPublic, AccountUpdate
from kam.workspace.fields import Storable
from kam.workspace.vocabulary import ExportEntity

CodePath = Annotated[str, Path(min_length=1, max_length=64, description="The account's code."), Storable]

ACCOUNTS: Resource[str, AccountPublic] = Resource(
    name="account",
    path="/accounts",
    key=CodePath,
    public=AccountPublic,
    create_schema=AccountCreate,
    update_schema=AccountUpdate,
    filters=AccountFilters,
    list=lambda session, query: service.list_accounts(session, query, query),
    get=service.get_account,
    create=service.create_account,
    update=service.update_account,
    delete=service.delete_account,
    restore=service.restore_account,
    history=service.account_history,
    export=ExportEntity.ACCOUNTS,
)

router = resource_router(ACCOUNTS)
