"""Alembic migrations of the workspace schema; run with `kam workspace init` (see kam.workspace.migrate)."""
