"""Where the workspace lives and how its API serves it; a plain pydantic model so that `kam.settings`
imports no SQLAlchemy."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_URL = "sqlite:///kam-workspace.db"


class WorkspaceSettings(BaseModel):
    """The workspace database (every workspace command's `--db URL` overrides it) and its API."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str = Field(
        default=DEFAULT_URL,
        min_length=1,
        description="Workspace database URL: sqlite:///FILE (relative to the current folder) or postgresql+psycopg://USER@HOST/DB.",
    )
    api_max_body_bytes: int = Field(
        default=1_048_576,
        ge=1_024,
        le=1_073_741_824,
        description="The API refuses a request body larger than this many bytes (413), before reading it.",
    )
