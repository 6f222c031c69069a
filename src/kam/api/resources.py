"""A feature's seven endpoints from one description (`Resource`): list (filters, sort, pages, total),
get, create, update (naming the version), delete (soft), restore and history, all under one path and
keyed by one path parameter. A feature's routes.py fills in a `Resource` with its schemas and service
functions and calls `resource_router`; the services do the work and the scoping, the endpoints none.

(No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations, which name the
feature's classes, when the endpoints are made.)
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Body, Path, Query, Response
from pydantic import BaseModel, Field, create_model

from kam.api.dependencies import SessionDep
from kam.api.errors import RESPONSES
from kam.report.tables import TableFormat, table_bytes
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.exports import export_records
from kam.workspace.fields import Version
from kam.workspace.listing import Page, PageRequest
from kam.workspace.vocabulary import ExportEntity

K = TypeVar("K")
P = TypeVar("P", bound=BaseModel)


@dataclass(frozen=True)
class Resource(Generic[K, P]):
    """How a feature is served: `name` (singular, for the docs), `path` (/accounts), `key` (the path
    parameter's annotated type: Annotated[str, Path(max_length=64)]), the schemas, and the service
    functions, each taking the request's session first.

    - list(session, query) -> Page[P], `query` being both `filters` and a PageRequest;
    - get(session, key) -> P;  create(session, data) -> P;
    - update(session, key, data, version) -> P;  delete/restore(session, key, version) -> P;
    - history(session, key, PageRequest) -> Page[HistoryEntry].

    `export`, when given, adds GET {path}/export: the list (same filters) as a CSV or Excel file.
    """

    name: str
    path: str
    key: Any
    public: type[P]
    create_schema: type[BaseModel]
    update_schema: type[BaseModel]
    filters: type[BaseModel]
    list: Callable[..., Page[P]]
    get: Callable[..., P]
    create: Callable[..., P]
    update: Callable[..., P]
    delete: Callable[..., P]
    restore: Callable[..., P]
    history: Callable[..., Page[HistoryEntry]]
    export: ExportEntity | None = None


def _typed(endpoint: Callable[..., Any], **annotations: Any) -> Callable[..., Any]:
    """`endpoint` with its parameters' annotations replaced: FastAPI reads them from the signature."""
    signature = inspect.signature(endpoint)
    parameters = [
        p.replace(annotation=annotations.get(p.name, p.annotation)) for p in signature.parameters.values()
    ]
    endpoint.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    return endpoint


def resource_router(resource: Resource[Any, Any]) -> APIRouter:
    """The seven endpoints of `resource`, with their error responses documented."""
    router = APIRouter(prefix=resource.path, tags=[resource.path.strip("/")], responses=RESPONSES)
    public, name = resource.public, resource.name
    query = create_model(f"{resource.filters.__name__}Query", __base__=(resource.filters, PageRequest))
    key = resource.key
    version = Annotated[Version | None, Query(description="Refuse (409) unless this is the stored version.")]

    def list_records(session: SessionDep, query: Any) -> Any:
        return resource.list(session, query)

    def create_record(session: SessionDep, data: Any) -> Any:
        return resource.create(session, data)

    def get_record(session: SessionDep, key: Any) -> Any:
        return resource.get(session, key)

    def update_record(session: SessionDep, key: Any, data: Any) -> Any:
        return resource.update(session, key, data, data.version)

    def delete_record(session: SessionDep, key: Any, version: Any = None) -> Any:
        return resource.delete(session, key, version)

    def restore_record(session: SessionDep, key: Any, version: Any = None) -> Any:
        return resource.restore(session, key, version)

    def record_history(session: SessionDep, key: Any, page: Any) -> Any:
        return resource.history(session, key, page)

    if resource.export is not None:  # before /{key}, which would take "export" for a key
        router.add_api_route(**export_route(resource.export, resource.filters, name))
    routes: list[tuple[str, str, Callable[..., Any], dict[str, Any], Any, int, str]] = [
        ("", "GET", list_records, {"query": Annotated[query, Query()]}, Page[public], 200, f"List {name}s"),  # type: ignore[valid-type]
        (
            "",
            "POST",
            create_record,
            {"data": Annotated[resource.create_schema, Body()]},
            public,
            201,
            f"Create a {name}",
        ),
        ("/{key}", "GET", get_record, {"key": key}, public, 200, f"Get a {name}"),
        (
            "/{key}",
            "PATCH",
            update_record,
            {"key": key, "data": Annotated[resource.update_schema, Body()]},
            public,
            200,
            f"Change a {name}",
        ),
        (
            "/{key}",
            "DELETE",
            delete_record,
            {"key": key, "version": version},
            public,
            200,
            f"Delete a {name} (restorable)",
        ),
        (
            "/{key}/restore",
            "POST",
            restore_record,
            {"key": key, "version": version},
            public,
            200,
            f"Restore a deleted {name}",
        ),
        (
            "/{key}/history",
            "GET",
            record_history,
            {"key": key, "page": Annotated[PageRequest, Query()]},
            Page[HistoryEntry],
            200,
            f"A {name}'s changes",
        ),
    ]
    for path, method, endpoint, annotations, model, status_code, summary in routes:
        endpoint.__name__ = f"{endpoint.__name__}_{name}"
        router.add_api_route(
            path,
            _typed(endpoint, **annotations),
            methods=[method],
            response_model=model,
            status_code=status_code,
            summary=summary,
        )
    return router


EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file: a CSV file (UTF-8 with a byte-order mark) or an Excel workbook.",
        "content": {f.media_type.split(";")[0]: {} for f in TableFormat},
    }
}


def export_route(entity: ExportEntity, filters: type[BaseModel], name: str) -> dict[str, Any]:
    """The arguments of `APIRouter.add_api_route` for GET /export of `entity`: the records the caller
    may see that meet `filters`, in the format asked for (csv by default)."""
    query = create_model(
        f"{filters.__name__}Export",
        __base__=filters,
        format=(TableFormat, Field(default=TableFormat.CSV, description="csv or xlsx.")),
    )

    def export(session: SessionDep, query: Any) -> Response:
        chosen = filters.model_validate(query.model_dump(exclude={"format"}))
        exported = export_records(session, entity, chosen)
        fmt = TableFormat(query.format)
        return Response(
            content=table_bytes(exported.columns, exported.rows, fmt),
            media_type=fmt.media_type,
            headers={"Content-Disposition": f'attachment; filename="{entity.value}.{fmt.value}"'},
        )

    export.__name__ = f"export_{name}s"
    return {
        "path": "/export",
        "endpoint": _typed(export, query=Annotated[query, Query()]),
        "methods": ["GET"],
        "response_class": Response,
        "responses": EXPORT_RESPONSES,
        "summary": f"Export {name}s as CSV or Excel",
    }


RecordIdPath = Annotated[int, Path(ge=1, le=2**31 - 1, description="The record's id.")]
"""The path parameter of a record addressed by its id (a stakeholder, a need, a deal)."""
