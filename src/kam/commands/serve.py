"""`kam serve`: the workspace's web pages and API on uvicorn, a production ASGI server."""

from __future__ import annotations

from typing import Annotated

import typer

from kam.commands.common import user_errors
from kam.commands.workspace import ConfigOption, DbOption, LangOption, workspace_url
from kam.i18n import Lang, text
from kam.settings import load_settings
from kam.terminal import printable


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            help="Worker processes (one per core uses them all; each keeps its own sign-in rate limits).",
            min=1,
            max=64,
        ),
    ] = 1,
) -> None:
    """Serve the workspace's web pages (/, see docs/web.md) and API (/api/v1, the OpenAPI document at
    /openapi.json) until stopped (Ctrl-C).

    The workspace must have been made with `kam workspace init`; people sign in to the pages with their
    login and password, programs call the API with `Authorization: Bearer TOKEN` (see `kam tokens create`)."""
    import uvicorn

    from kam.api.app import create_app
    from kam.workspace.db import display_url

    with user_errors(lang):
        settings = load_settings(config)
        url = workspace_url(db, config)
        app = create_app(url, settings.workspace, settings.calls, settle_heap=True)
    where = display_url(url)
    typer.echo(printable(text("ws.serving", lang, where=where, url=f"http://{host}:{port}/api/v1")), err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
        return
    from kam.api.serving import FACTORY, hand_to_workers

    app.state.engine.dispose()  # the workspace was checked here; each worker opens its own
    hand_to_workers(settings, url)
    uvicorn.run(
        FACTORY, factory=True, workers=workers, host=host, port=port, log_level="info", server_header=False
    )
