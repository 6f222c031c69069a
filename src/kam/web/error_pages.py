"""Errors on the pages: the same failures as the API's, answered as a page in the reader's language
instead of JSON. A record out of the reader's reach is the same 404 as one that does not exist (the
services never load it), a page asked for without a session leads to the sign-in page, and a request
from htmx gets its error as a fragment the page shows in place."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from kam.api.app import API_PREFIX
from kam.errors import KamError
from kam.i18n import Notice
from kam.web.errors import SignInRequired, TooManySignIns
from kam.web.login import error_page

log = logging.getLogger("kam.web")
Handler = Callable[[Request, Exception], Awaitable[Response]]


def _on_api(request: Request) -> bool:
    path = request.url.path
    return path == API_PREFIX or path.startswith(API_PREFIX + "/") or path in {"/docs", "/openapi.json"}


def _reader_lang(request: Request) -> str:
    """The reader's language; the browser's when the workspace itself is what failed."""
    from kam.web.auth import anonymous_viewer

    try:
        return anonymous_viewer(request)[1].lang
    except KamError:
        return _browser_lang(request)


def _page(request: Request, exc: Exception) -> Response:
    if isinstance(exc, SignInRequired):
        target = "/login?next=" + quote(
            request.url.path + (f"?{request.url.query}" if request.url.query else "")
        )
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    if isinstance(exc, KamError):
        lang = _reader_lang(request)
        response = error_page(request, exc.status_code, exc.say(lang))
        if isinstance(exc, TooManySignIns):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, HTTPException):
        notice = Notice("api_no_such_path", path=request.url.path) if exc.status_code == 404 else None
        notice = notice or Notice("api_http_error", status=exc.status_code)
        lang = _reader_lang(request)
        return error_page(request, exc.status_code, notice.say(lang))
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_page(request, 500, Notice("api_server_error").say(_browser_lang(request)))


def _browser_lang(request: Request) -> str:
    from kam.api.language import accepted_language

    return accepted_language(request.headers.get("accept-language"))


def add_page_error_handlers(app: FastAPI) -> None:
    """Answer errors outside the API as pages; the API's own handlers keep answering JSON under /api."""
    for kind in (KamError, HTTPException, Exception):
        api_handler: Handler = app.exception_handlers[kind]  # type: ignore[assignment]

        async def handler(request: Request, exc: Exception, api_handler: Handler = api_handler) -> Response:
            if _on_api(request):
                return await api_handler(request, exc)
            try:
                return _page(request, exc)
            except Exception:
                log.exception("the error page failed on %s", request.url.path)
                return await api_handler(request, exc)

        app.add_exception_handler(kind, handler)
