"""The stakeholders' endpoints: /api/v1/stakeholders, each stakeholder addressed by its id."""

from kam.api.resources import RecordIdPath, Resource, resource_router
from kam.workspace.stakeholders import service
from kam.workspace.stakeholders.schemas import (
    StakeholderCreate,
    StakeholderFilters,
    StakeholderPublic,
    StakeholderUpdate,
)
from kam.workspace.vocabulary import ExportEntity

STAKEHOLDERS: Resource[int, StakeholderPublic] = Resource(
    name="stakeholder",
    path="/stakeholders",
    key=RecordIdPath,
    public=StakeholderPublic,
    create_schema=StakeholderCreate,
    update_schema=StakeholderUpdate,
    filters=StakeholderFilters,
    list=lambda session, query: service.list_stakeholders(session, query, query),
    get=service.get_stakeholder,
    create=service.create_stakeholder,
    update=service.update_stakeholder,
    delete=service.delete_stakeholder,
    restore=service.restore_stakeholder,
    history=service.stakeholder_history,
    export=ExportEntity.STAKEHOLDERS,
)

router = resource_router(STAKEHOLDERS)
