"""The app factory: the workspace's API on one database, checked once at start (the schema must be the one
this kam expects, as for every command), with its error handlers, its body-size limit and every
feature's routes under /api/v1; and the web pages (kam.web) on the same services and access control."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator

from fastapi import APIRouter, FastAPI

from kam import __version__
from kam.api.errors import add_error_handlers
from kam.api.limits import BodySizeLimit
from kam.calls.settings import CallSettings
from kam.workspace.db import shared_engine
from kam.workspace.migrate import open_workspace
from kam.workspace.settings import WorkspaceSettings

API_PREFIX = "/api/v1"


@contextlib.asynccontextmanager
async def _settled_heap(app: FastAPI) -> AsyncIterator[None]:
    """A server's start: what was built to serve (modules, routes, caches) is moved out of the garbage
    collector's reach, so that its full collections walk only what requests made. Without it, one
    request in five of the portfolio page (ten thousand rows of figures) paid a full collection of the
    whole heap: its p99 was three times its median."""
    gc.collect()
    gc.freeze()
    yield


def create_app(
    url: str,
    settings: WorkspaceSettings | None = None,
    call_settings: CallSettings | None = None,
    *,
    settle_heap: bool = False,
) -> FastAPI:
    """The API on the workspace at `url`; a workspace that is missing, uninitialised or of another
    schema version fails here, with the same error as every command (run `kam workspace init`). The
    pages coach an uploaded call with `call_settings`. `settle_heap`: for a server process (kam serve),
    freeze what is built at its start out of the garbage collector's full collections; not for an app
    made and dropped in a process that goes on (tests), which would keep every such app's cycles."""
    from kam.workspace.accounts.routes import router as accounts
    from kam.workspace.analysis.routes import router as analysis
    from kam.workspace.coach.routes import router as coach
    from kam.workspace.contracts.routes import router as contracts
    from kam.workspace.deals.routes import router as deals
    from kam.workspace.interactions.routes import router as interactions
    from kam.workspace.needs.routes import router as needs
    from kam.workspace.next_steps.routes import router as next_steps
    from kam.workspace.proposals.routes import router as proposals
    from kam.workspace.referrals.routes import router as referrals
    from kam.workspace.stakeholders.routes import router as stakeholders
    from kam.workspace.users.routes import router as users

    settings = settings or WorkspaceSettings()
    with open_workspace(url):
        pass
    engine = shared_engine(url, serving=True)  # its own pool, sized for many requests at once
    app = FastAPI(
        title="kam workspace",
        version=__version__,
        summary="Key accounts, their people and deals, shared by a team: each user sees what is theirs.",
        docs_url="/docs",
        redoc_url=None,
        lifespan=_settled_heap if settle_heap else None,
    )
    app.state.engine = engine
    app.state.url = url
    app.state.max_body_bytes = settings.api_max_body_bytes
    add_error_handlers(app)
    from kam.web.uploads import reads_own_body

    app.add_middleware(BodySizeLimit, max_bytes=settings.api_max_body_bytes, exempt=reads_own_body)
    api = APIRouter(prefix=API_PREFIX)
    for router in (
        accounts,
        users,
        stakeholders,
        needs,
        deals,
        next_steps,
        contracts,
        referrals,
        interactions,
        analysis,
    ):
        api.include_router(router)
    for router in (coach, proposals):
        api.include_router(router)
    app.include_router(api)
    from kam.web.app import add_web

    add_web(app, settings, call_settings)
    return app
