"""Every workspace model, imported in one place so `Base.metadata` is complete (Alembic reads it)."""

from kam.workspace.accounts.models import Account
from kam.workspace.db import Base
from kam.workspace.interactions.models import CallAnalysisRecord, Interaction

__all__ = ["Account", "Base", "CallAnalysisRecord", "Interaction"]
