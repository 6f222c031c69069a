"""Who reads a page, and the session cookie as one of the API's authenticators.

A page needs a signed-in user (else the sign-in page), in the language they chose (else the one chosen
before signing in, else the browser's Accept-Language). Every request that changes something, from a form
or from htmx, must carry the session's CSRF token (the form's field or the X-CSRF-Token header); the API
asks the same of a request it knows by the cookie, so a page's script can call it and another site's
cannot."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from starlette.requests import Request

from kam.api.language import accepted_language
from kam.domain.languages import Lang
from kam.web.errors import CsrfRefused, SignInRequired
from kam.web.sessions import CSRF_FIELD, CSRF_HEADER, WebSession, cookies_of
from kam.web.templating import Viewer
from kam.workspace.access import Actor
from kam.workspace.db import database_errors
from kam.workspace.users.signin import SignedIn, signed_in_user

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Reader:
    """A signed-in reader of the pages: their actor, their session and the page's viewer."""

    actor: Actor
    session: WebSession
    viewer: Viewer


def session_of(request: Request) -> WebSession:
    """The request's session, or a new anonymous one (written with the response that uses it)."""
    return cookies_of(request).read(request) or WebSession()


def language(request: Request, session: WebSession, user: SignedIn | None = None) -> Lang:
    if user is not None and user.language is not None:
        return user.language
    if session.lang is not None:
        return session.lang
    return accepted_language(request.headers.get("accept-language"))


def _user(request: Request, session: WebSession) -> SignedIn | None:
    if session.user_id is None:
        return None
    engine: Engine = request.app.state.engine
    with database_errors(engine.url):
        return signed_in_user(engine, session.user_id)


def anonymous_viewer(request: Request) -> tuple[WebSession, Viewer]:
    """The session and viewer of a page anyone may see (the sign-in page, an error page)."""
    session = session_of(request)
    user = _user(request, session)
    viewer = Viewer(
        lang=language(request, session, user),
        csrf=session.csrf,
        login=None if user is None else user.actor.login,
        display_name=None if user is None else user.display_name,
    )
    return session, viewer


def reader(request: Request) -> Reader:
    """The signed-in reader of a page; SignInRequired (the sign-in page) without one."""
    session = session_of(request)
    user = _user(request, session)
    if user is None:
        raise SignInRequired()
    viewer = Viewer(language(request, session, user), session.csrf, user.actor.login, user.display_name)
    return Reader(actor=user.actor, session=session, viewer=viewer)


async def check_csrf(request: Request, session: WebSession) -> None:
    """Refuse (403) a change without the session's CSRF token, in the header or the form."""
    if request.method in SAFE_METHODS:
        return
    token = request.headers.get(CSRF_HEADER)
    if token is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    if not session.csrf_matches(token):
        raise CsrfRefused()


def session_cookie(request: Request, engine: Engine) -> Actor | None:
    """The API's authenticator for the pages' session cookie: the signed-in user, with the CSRF token
    required in the X-CSRF-Token header of a request that changes something."""
    if not hasattr(request.app.state, "web_cookies"):
        return None
    session = cookies_of(request).read(request)
    if session is None or session.user_id is None:
        return None
    if request.method not in SAFE_METHODS and not session.csrf_matches(request.headers.get(CSRF_HEADER)):
        raise CsrfRefused()
    with database_errors(engine.url):
        user = signed_in_user(engine, session.user_id)
    return None if user is None else user.actor
