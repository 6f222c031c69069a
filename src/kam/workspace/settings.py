"""Where the workspace lives and how its API serves it; a plain pydantic model so that `kam.settings`
imports no SQLAlchemy."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr

DEFAULT_URL = "sqlite:///kam-workspace.db"


class WorkspaceSettings(BaseModel):
    """The workspace database (every workspace command's `--db URL` overrides it), its API and its pages."""

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
    web_session_minutes: int = Field(
        default=480,
        ge=5,
        le=43_200,
        description="A web session ends this many minutes after signing in (the user signs in again).",
    )
    web_secure_cookie: bool = Field(
        default=False,
        description="Mark the session cookie Secure (sent over https only): set it when kam is served over https.",
    )
    web_secret_key: SecretStr | None = Field(
        default=None,
        min_length=32,
        description="Signs the session cookies (32 characters or more); unset: a random key for each start of `kam serve`.",
    )
    web_login_failures_per_login: int = Field(
        default=5,
        ge=1,
        le=1_000,
        description="Failed sign-ins for one login within the window before further tries are refused (429).",
    )
    web_login_failures_per_address: int = Field(
        default=20,
        ge=1,
        le=100_000,
        description="Failed sign-ins from one client address within the window before further tries are refused (429).",
    )
    web_login_window_seconds: int = Field(
        default=900,
        ge=10,
        le=86_400,
        description="How long a failed sign-in counts against its login and its client address, in seconds.",
    )
    web_transcript_max_bytes: int = Field(
        default=524_288,
        ge=1_024,
        le=1_073_741_824,
        description="The calls upload page refuses a transcript larger than this many bytes, said beside its file field whatever the size sent (the upload is read as it streams in; api_max_body_bytes does not apply to it).",
    )
