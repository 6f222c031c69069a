"""The interactions' endpoints: /api/v1/interactions, each interaction addressed by its id."""

from kam.api.resources import RecordIdPath, Resource, resource_router
from kam.workspace.interactions import service
from kam.workspace.interactions.schemas import (
    InteractionFilters,
    InteractionNew,
    InteractionPublic,
    InteractionUpdate,
)
from kam.workspace.vocabulary import ExportEntity

INTERACTIONS: Resource[int, InteractionPublic] = Resource(
    name="interaction",
    path="/interactions",
    key=RecordIdPath,
    public=InteractionPublic,
    create_schema=InteractionNew,
    update_schema=InteractionUpdate,
    filters=InteractionFilters,
    list=lambda session, query: service.find_interactions(session, query, query),
    get=service.get_interaction,
    create=service.add_interaction,
    update=service.update_interaction,
    delete=service.delete_interaction,
    restore=service.restore_interaction,
    history=service.interaction_history,
    export=ExportEntity.INTERACTIONS,
)

router = resource_router(INTERACTIONS)
