"""The contracts' endpoints: /api/v1/contracts, each contract addressed by its id."""

from kam.api.resources import RecordIdPath, Resource, resource_router
from kam.workspace.contracts import service
from kam.workspace.contracts.schemas import ContractCreate, ContractFilters, ContractPublic, ContractUpdate
from kam.workspace.vocabulary import ExportEntity

CONTRACTS: Resource[int, ContractPublic] = Resource(
    name="contract",
    path="/contracts",
    key=RecordIdPath,
    public=ContractPublic,
    create_schema=ContractCreate,
    update_schema=ContractUpdate,
    filters=ContractFilters,
    list=lambda session, query: service.list_contracts(session, query, query),
    get=service.get_contract,
    create=service.create_contract,
    update=service.update_contract,
    delete=service.delete_contract,
    restore=service.restore_contract,
    history=service.contract_history,
    export=ExportEntity.CONTRACTS,
)

router = resource_router(CONTRACTS)
