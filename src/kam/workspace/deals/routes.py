"""The deals' endpoints: /api/v1/deals, each deal addressed by its id."""

from kam.api.resources import RecordIdPath, Resource, resource_router
from kam.workspace.deals import service
from kam.workspace.deals.schemas import DealCreate, DealFilters, DealPublic, DealUpdate
from kam.workspace.vocabulary import ExportEntity

DEALS: Resource[int, DealPublic] = Resource(
    name="deal",
    path="/deals",
    key=RecordIdPath,
    public=DealPublic,
    create_schema=DealCreate,
    update_schema=DealUpdate,
    filters=DealFilters,
    list=lambda session, query: service.list_deals(session, query, query),
    get=service.get_deal,
    create=service.create_deal,
    update=service.update_deal,
    delete=service.delete_deal,
    restore=service.restore_deal,
    history=service.deal_history,
    export=ExportEntity.DEALS,
)

router = resource_router(DEALS)
