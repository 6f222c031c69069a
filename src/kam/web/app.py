"""The pages on the API's app: the session cookie and the sign-in limiter in its state, the pages'
routes, their error pages, and headers that keep every page to this server (a Content-Security-Policy
that allows no other host)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from kam.calls.settings import CallSettings
from kam.web.limits import SignInLimiter
from kam.web.sessions import SessionCookies
from kam.workspace.settings import WorkspaceSettings

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


async def _headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if response.headers.get("content-type", "").startswith("text/html"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def add_web(app: FastAPI, settings: WorkspaceSettings, call_settings: CallSettings | None = None) -> None:
    from kam.web import (
        account,
        account_forms,
        account_insight,
        assets,
        calls,
        login,
        network,
        portfolio,
        proposal_forms,
        record_forms,
        stakeholder_forms,
    )
    from kam.web.error_pages import add_page_error_handlers

    app.state.web_cookies = SessionCookies(settings)
    app.state.web_limiter = SignInLimiter(settings)
    app.state.call_settings = call_settings or CallSettings()
    app.state.transcript_max_bytes = settings.web_transcript_max_bytes
    for module in (
        assets,
        login,
        portfolio,
        account,
        account_forms,  # before record_forms: /accounts/{code}/profile is no section
        account_insight,
        network,
        stakeholder_forms,
        proposal_forms,
        calls,
        record_forms,
    ):
        app.include_router(module.router)

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/portfolio", status_code=303)

    add_page_error_handlers(app)
    app.middleware("http")(_headers)
