"""Where the workspace lives; a plain pydantic model so that `kam.settings` imports no SQLAlchemy."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_URL = "sqlite:///kam-workspace.db"


class WorkspaceSettings(BaseModel):
    """The workspace database; every workspace command's `--db URL` overrides it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str = Field(
        default=DEFAULT_URL,
        min_length=1,
        description="Workspace database URL: sqlite:///FILE (relative to the current folder) or postgresql+psycopg://USER@HOST/DB.",
    )
