"""The pages' own expected failures, each with its HTTP status like every `KamError`."""

from __future__ import annotations

from kam.i18n import Notice
from kam.workspace.errors import WorkspaceError


class CsrfRefused(WorkspaceError):
    """A form or a request from a page without the session's CSRF token (another site's forgery, or a
    page left open past its session)."""

    status_code = 403

    def __init__(self) -> None:
        super().__init__(Notice("web_csrf_refused"))


class TooManySignIns(WorkspaceError):
    """Too many failed sign-ins for a login or from an address within the window."""

    status_code = 429

    def __init__(self, seconds: int) -> None:
        super().__init__(Notice("web_too_many_sign_ins", minutes=max(1, -(-seconds // 60))))
        self.retry_after = seconds


class SignInRequired(WorkspaceError):
    """A page asked for without a session: the pages answer with the sign-in page instead."""

    status_code = 401

    def __init__(self) -> None:
        super().__init__(Notice("api_not_authenticated"))
