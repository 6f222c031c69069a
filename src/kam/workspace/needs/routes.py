"""The needs' endpoints: /api/v1/needs, each need addressed by its id."""

from kam.api.resources import RecordIdPath, Resource, resource_router
from kam.workspace.needs import service
from kam.workspace.needs.schemas import NeedCreate, NeedFilters, NeedPublic, NeedUpdate
from kam.workspace.vocabulary import ExportEntity

NEEDS: Resource[int, NeedPublic] = Resource(
    name="need",
    path="/needs",
    key=RecordIdPath,
    public=NeedPublic,
    create_schema=NeedCreate,
    update_schema=NeedUpdate,
    filters=NeedFilters,
    list=lambda session, query: service.list_needs(session, query, query),
    get=service.get_need,
    create=service.create_need,
    update=service.update_need,
    delete=service.delete_need,
    restore=service.restore_need,
    history=service.need_history,
    export=ExportEntity.NEEDS,
)

router = resource_router(NEEDS)
