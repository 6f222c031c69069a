"""The pages' session: a cookie signed with itsdangerous (HMAC-SHA1 over the JSON, with its time), holding
who signed in, the session's CSRF token and the language chosen before signing in. Nothing secret is in
it; whoever changes it breaks the signature, and it expires `web_session_minutes` after it was made.

The cookie is HttpOnly (no script reads it), SameSite=Lax (another site's form posts do not carry it)
and Secure when `web_secure_cookie` is set (kam served over https)."""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass, field, replace

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from kam.domain.languages import Lang
from kam.workspace.settings import WorkspaceSettings

COOKIE = "kam_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class WebSession:
    """What the cookie holds: the signed-in user's id (None before signing in), the CSRF token and the
    language chosen before signing in (None: the browser's)."""

    csrf: str = field(default_factory=_new_token)
    user_id: int | None = None
    lang: Lang | None = None
    issued: float = field(default_factory=time.time)

    def signed_in(self, user_id: int) -> WebSession:
        """A new session for `user_id`: a new CSRF token and a new start, so nothing of the anonymous
        session (which another could have planted) carries over."""
        return WebSession(user_id=user_id, lang=self.lang)

    def choosing(self, lang: Lang) -> WebSession:
        return replace(self, lang=lang)

    def csrf_matches(self, token: str | None) -> bool:
        return token is not None and hmac.compare_digest(token.encode(), self.csrf.encode())


class SessionCookies:
    """Reads and writes the session cookie with the app's key and settings."""

    def __init__(self, settings: WorkspaceSettings) -> None:
        key = settings.web_secret_key
        secret = key.get_secret_value() if key is not None else secrets.token_urlsafe(48)
        self._serializer = URLSafeTimedSerializer(secret, salt="kam.web.session")
        self.max_age = settings.web_session_minutes * 60
        self.secure = settings.web_secure_cookie

    def read(self, request: Request) -> WebSession | None:
        """The request's session, or None without a valid, unexpired one."""
        cookie = request.cookies.get(COOKIE)
        if not cookie or len(cookie) > 4096:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=self.max_age)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        user_id, lang, issued = data.get("u"), data.get("l"), data.get("t")
        return WebSession(
            csrf=data["c"],
            user_id=user_id if isinstance(user_id, int) else None,
            lang=Lang(lang) if lang in {member.value for member in Lang} else None,
            issued=issued if isinstance(issued, float | int) else 0.0,
        )

    def write(self, response: Response, session: WebSession) -> None:
        value = {"c": session.csrf, "u": session.user_id, "l": session.lang, "t": session.issued}
        remaining = max(1, int(session.issued + self.max_age - time.time()))
        response.set_cookie(
            COOKIE,
            self._serializer.dumps(value),
            max_age=remaining,
            httponly=True,
            samesite="lax",
            secure=self.secure,
            path="/",
        )

    def clear(self, response: Response) -> None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=self.secure)


def cookies_of(request: Request) -> SessionCookies:
    cookies: SessionCookies = request.app.state.web_cookies
    return cookies
