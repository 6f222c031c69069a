"""Errors as the API answers them: one JSON shape for every failure, its message in the language the
request accepts. A `KamError` keeps its own status; bad input is 422 naming each field and the reason
(never the value, which may be a password); anything else unexpected is a 500 that says nothing of the
server's insides."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException

from kam.api.language import accepted_language
from kam.errors import KamError
from kam.i18n import Lang, Notice, say
from kam.workspace.errors import StaleVersion

log = logging.getLogger("kam.api")


class FieldProblem(BaseModel):
    """One bad field: where it is (body.name, query.page) and what is wrong with it."""

    field: str
    reason: str


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    errors: list[FieldProblem] | None = None
    current: dict[str, Any] | None = None


class ErrorBody(BaseModel):
    """Every failure: `error.code` is stable (a message key), `error.message` in the reader's language;
    a 422 lists the bad fields, a 409 for a stale version holds the record as it is now."""

    error: ErrorDetail


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    detail = ErrorDetail(status=status, code=code, message=message, **extra)
    headers = {**(headers or {}), **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    return JSONResponse(
        ErrorBody(error=detail).model_dump(mode="json", exclude_none=True),
        status_code=status,
        headers=headers,
    )


def _lang(request: Request) -> Lang:
    return accepted_language(request.headers.get("accept-language"))


def _code(exc: KamError) -> str:
    message = exc.message
    return message.key if isinstance(message, Notice) else type(exc).__name__


async def kam_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, KamError)
    extra: dict[str, Any] = {}
    if isinstance(exc, StaleVersion) and exc.current is not None:
        extra["current"] = exc.current.model_dump(mode="json")
    if exc.status_code >= 500:
        log.error("%s: %s", type(exc).__name__, exc.say(Lang.EN))
    return error_response(exc.status_code, _code(exc), exc.say(_lang(request)), **extra)


async def invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        FieldProblem(
            field=".".join(str(part) for part in error.get("loc", ())), reason=str(error.get("msg", ""))
        )
        for error in exc.errors()
    ]
    first = problems[0] if problems else FieldProblem(field="", reason="")
    message = Notice("api_invalid_input", field=first.field, problem=first.reason)
    return error_response(422, "api_invalid_input", say(message, _lang(request)), errors=problems)


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own failures (no such path, a method not allowed, a body past the size limit) in the
    same shape as every other error."""
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    if status == 401:
        notice = Notice("api_not_authenticated")
    elif status == 404:
        notice = Notice("api_no_such_path", path=request.url.path)
    elif status == 405:
        notice = Notice("api_method_not_allowed", method=request.method)
    elif status == 413:
        notice = Notice("api_body_too_large", limit=request.app.state.max_body_bytes)
    else:
        notice = Notice("api_http_error", status=status)
    return error_response(status, notice.key, notice.say(_lang(request)), headers=exc.headers)


async def changed_meanwhile(request: Request, exc: Exception) -> JSONResponse:
    """Another request changed the record between this one's read and its write (its version moved)."""
    notice = Notice("ws_changed_meanwhile")
    return error_response(409, notice.key, notice.say(_lang(request)))


async def unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    notice = Notice("api_server_error")
    return error_response(500, notice.key, notice.say(_lang(request)))


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(KamError, kam_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(StaleDataError, changed_meanwhile)
    app.add_exception_handler(Exception, unexpected)


RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in {
        401: "No valid token (or session).",
        403: "Not allowed to this user.",
        404: "No such record, or none this user may see.",
        409: "A conflict: a duplicate key, or a stale version (the body holds the current record).",
        413: "The request body is larger than the limit.",
        422: "Bad input: each bad field and the reason.",
    }.items()
}
