"""The request-body size limit, as ASGI middleware: a body larger than `workspace.api_max_body_bytes` is
refused with 413 before it is read whole, by its Content-Length or, without one, as it streams in.

(FastAPI's own `max_body_size` answers in plain text when the Content-Length is too large; this answers
in the API's error shape and the reader's language, like every other error.) A request that `exempt`
names goes to a page that reads its upload itself, as it streams in, with a limit of its own and its
answer beside its form's field (kam.web.uploads), and is let through."""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kam.api.errors import error_response
from kam.api.language import accepted_language
from kam.i18n import Notice


class BodyTooLarge(HTTPException):
    """A body that grew past the limit while it was read (FastAPI passes HTTP exceptions through as
    they are); the error handlers answer it 413."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


class BodySizeLimit:
    def __init__(
        self, app: ASGIApp, max_bytes: int, exempt: Callable[[Scope], bool] = lambda scope: False
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.exempt(scope):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        length = headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > self.max_bytes:
            lang = accepted_language(headers.get("accept-language"))
            notice = Notice("api_body_too_large", limit=self.max_bytes)
            await error_response(413, notice.key, notice.say(lang))(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        await self.app(scope, limited, send)
