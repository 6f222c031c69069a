"""Alembic environment: migrate the connection `kam.workspace.migrate` hands over (or a URL, offline)."""

from __future__ import annotations

from alembic import context

from kam.workspace.db import make_engine
from kam.workspace.models import Base

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    """Write the SQL instead of running it (`alembic upgrade --sql`), for a DBA to apply."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate on the given connection, in its transaction; SQLite alters tables in batch mode."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as own:
            config.attributes["connection"] = own
            run_online()
        engine.dispose()
        return
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
