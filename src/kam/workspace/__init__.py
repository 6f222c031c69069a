"""The workspace: accounts and their interactions in a database (SQLite by default, PostgreSQL for a team).

Feature packages keep fixed file roles: `models.py` (SQLAlchemy), `repository.py` (all queries),
`service.py` (rules, never commits) and `schemas.py` (pydantic in/out). `db.session_scope` commits.
"""
