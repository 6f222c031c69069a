"""Signing in and out, and choosing the language: the pages anyone may reach."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from kam.domain.languages import Lang
from kam.web.auth import anonymous_viewer, check_csrf, reader, session_of
from kam.web.errors import TooManySignIns
from kam.web.limits import SignInLimiter
from kam.web.sessions import cookies_of
from kam.web.templating import Viewer, render
from kam.web.work import safe_next, unit_of_work
from kam.workspace.db import database_errors
from kam.workspace.users.service import set_language
from kam.workspace.users.signin import sign_in

router = APIRouter(include_in_schema=False)


def _limiter(request: Request) -> SignInLimiter:
    limiter: SignInLimiter = request.app.state.web_limiter
    return limiter


def _address(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    session, viewer = anonymous_viewer(request)
    response = render(request, "login.html", viewer, next=safe_next(next, "/portfolio"), failed=False)
    cookies_of(request).write(response, session)
    return response


@router.post("/login")
async def login(
    request: Request,
    login: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/portfolio",
) -> Response:
    session, viewer = anonymous_viewer(request)
    await check_csrf(request, session)
    limiter, address = _limiter(request), _address(request)
    wait = limiter.wait(login, address)
    if wait > 0:
        raise TooManySignIns(wait)
    engine = request.app.state.engine
    with database_errors(engine.url):
        user = sign_in(engine, login.strip(), password)
    if user is None:
        limiter.failed(login, address)
        page = render(request, "login.html", viewer, 401, next=safe_next(next), failed=True, login=login)
        return page
    limiter.succeeded(login)
    response = RedirectResponse(safe_next(next, "/portfolio"), status_code=303)
    cookies_of(request).write(response, session.signed_in(user.actor.user_id or 0))
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await check_csrf(request, session_of(request))
    response = RedirectResponse("/login", status_code=303)
    cookies_of(request).clear(response)
    return response


@router.post("/language")
async def choose_language(
    request: Request, lang: Annotated[Lang, Form()], next: Annotated[str, Form(max_length=2000)] = "/"
) -> Response:
    """Remember the language: for the signed-in user in the workspace, before signing in in the cookie."""
    session, viewer = anonymous_viewer(request)
    await check_csrf(request, session)
    response = RedirectResponse(safe_next(next), status_code=303)
    if viewer.login is not None and session.user_id is not None:
        with unit_of_work(request, reader(request).actor) as work:
            set_language(work, lang)
    else:
        cookies_of(request).write(response, session.choosing(lang))
    return response


def error_page(request: Request, status: int, message: str) -> Response:
    """An error page in the reader's language (404, 403, 429, 500...)."""
    try:
        _, viewer = anonymous_viewer(request)
    except Exception:  # the database itself may be what failed: say it in the browser's language
        from kam.api.language import accepted_language

        viewer = Viewer(accepted_language(request.headers.get("accept-language")), csrf="")
    return render(request, "error.html", viewer, status, code=status, message=message)
