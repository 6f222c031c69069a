"""The users' and teams' endpoints: /api/v1/users/me for everyone; the lists, adding and changing users
and teams for admins (anyone else sees only themselves and their own teams)."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, status

from kam.api.dependencies import SessionDep
from kam.api.errors import RESPONSES
from kam.workspace.fields import Storable
from kam.workspace.listing import Page, PageRequest
from kam.workspace.users import service
from kam.workspace.users.schemas import TeamCreate, TeamPublic, UserCreate, UserPublic, UserUpdate

LoginPath = Annotated[str, Path(min_length=1, max_length=64, description="The user's login."), Storable]
PageQuery = Annotated[PageRequest, Query()]

router = APIRouter(tags=["users"], responses=RESPONSES)


@router.get("/users/me", response_model=UserPublic, summary="The signed-in user")
def me(session: SessionDep) -> Any:
    return service.current_user(session)


@router.get("/users", response_model=Page[UserPublic], summary="List users (admins: all)")
def list_users(session: SessionDep, page: PageQuery) -> Any:
    return service.list_users(session, page)


@router.post(
    "/users", response_model=UserPublic, status_code=status.HTTP_201_CREATED, summary="Add a user (admins)"
)
def add_user(session: SessionDep, data: Annotated[UserCreate, Body()]) -> Any:
    return service.add_user(session, data).user


@router.get("/users/{login}", response_model=UserPublic, summary="Get a user")
def get_user(session: SessionDep, login: LoginPath) -> Any:
    return service.get_user(session, login)


@router.patch("/users/{login}", response_model=UserPublic, summary="Change a user (admins)")
def update_user(session: SessionDep, login: LoginPath, data: Annotated[UserUpdate, Body()]) -> Any:
    return service.update_user(session, login, data, data.version)


@router.get("/teams", response_model=Page[TeamPublic], summary="List teams (admins: all)")
def list_teams(session: SessionDep, page: PageQuery) -> Any:
    return service.list_teams(session, page)


@router.post(
    "/teams", response_model=TeamPublic, status_code=status.HTTP_201_CREATED, summary="Add a team (admins)"
)
def add_team(session: SessionDep, data: Annotated[TeamCreate, Body()]) -> Any:
    return service.add_team(session, data)
