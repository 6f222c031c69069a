"""API tokens in and out; the token itself appears once, in `TokenCreated`."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from kam.workspace.fields import Label

TokenName = Label


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: TokenName = Field(default="token", description="What the token is for (a script, a laptop).")


class TokenPublic(BaseModel):
    """A token as listed: never the token, never its hash."""

    model_config = ConfigDict(frozen=True)

    id: int
    user: str
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreated(BaseModel):
    """A new token: `token` is shown this once and cannot be read again."""

    model_config = ConfigDict(frozen=True)

    token: str
    details: TokenPublic
