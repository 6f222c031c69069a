"""The next steps' endpoints: /api/v1/next-steps, each step addressed by its id."""

from kam.api.resources import RecordIdPath, Resource, resource_router
from kam.workspace.next_steps import service
from kam.workspace.next_steps.schemas import (
    NextStepCreate,
    NextStepFilters,
    NextStepPublic,
    NextStepUpdate,
)
from kam.workspace.vocabulary import ExportEntity

NEXT_STEPS: Resource[int, NextStepPublic] = Resource(
    name="next step",
    path="/next-steps",
    key=RecordIdPath,
    public=NextStepPublic,
    create_schema=NextStepCreate,
    update_schema=NextStepUpdate,
    filters=NextStepFilters,
    list=lambda session, query: service.list_next_steps(session, query, query),
    get=service.get_next_step,
    create=service.create_next_step,
    update=service.update_next_step,
    delete=service.delete_next_step,
    restore=service.restore_next_step,
    history=service.next_step_history,
    export=ExportEntity.NEXT_STEPS,
)

router = resource_router(NEXT_STEPS)
