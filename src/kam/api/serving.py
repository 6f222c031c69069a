"""Serving with several worker processes (`kam serve --workers N`): uvicorn starts each worker by
importing an app factory, so the settings `kam serve` resolved (environment, config file, --db) travel
to the workers in their environment, as the KAM_WORKSPACE and KAM_CALLS settings, and each worker makes
its app from them with `load_settings`, as every command does.

The web pages sign their session cookies with `web_secret_key`; when it is unset, one random key is made
here for this start and given to every worker, so a cookie signed by one worker is read by the others.
"""

from __future__ import annotations

import json
import os
import secrets

from fastapi import FastAPI
from pydantic import SecretStr

from kam.settings import Settings, load_settings

FACTORY = "kam.api.serving:app_from_environment"


def worker_environment(settings: Settings, url: str) -> dict[str, str]:
    """The KAM_* variables that give a worker the same workspace settings (with `url` and one signing
    key) and call settings as this process; they hold the key and the URL's password, so they go to
    the workers' environment only, never to any output."""
    workspace = settings.workspace.model_dump(mode="json")
    key = settings.workspace.web_secret_key or SecretStr(secrets.token_urlsafe(48))
    workspace.update(url=url, web_secret_key=key.get_secret_value())
    return {
        "KAM_WORKSPACE": json.dumps(workspace, allow_nan=False),
        "KAM_CALLS": settings.calls.model_dump_json(),
    }


def hand_to_workers(settings: Settings, url: str) -> None:
    """Put the settings in this process's environment, which the workers uvicorn spawns inherit."""
    os.environ.update(worker_environment(settings, url))


def app_from_environment() -> FastAPI:
    """A worker's app: the workspace and settings `hand_to_workers` left in the environment."""
    from kam.api.app import create_app

    settings = load_settings()
    return create_app(settings.workspace.url, settings.workspace, settings.calls, settle_heap=True)
