"""Every workspace model, imported in one place so `Base.metadata` is complete (Alembic reads it)."""

from kam.workspace.accounts.models import Account
from kam.workspace.analysis.models import AccountAnalysis, AnalysisRun
from kam.workspace.audit.models import AuditEntry
from kam.workspace.coach.models import CoverageSnapshot
from kam.workspace.contracts.models import Contract
from kam.workspace.db import Base
from kam.workspace.deals.models import Deal, deal_needs
from kam.workspace.interactions.models import (
    CallAnalysisRecord,
    Interaction,
    interaction_stakeholders,
    interaction_users,
)
from kam.workspace.needs.models import Need
from kam.workspace.next_steps.models import NextStep
from kam.workspace.proposals.models import CallProposal
from kam.workspace.stakeholders.models import Stakeholder
from kam.workspace.tokens.models import ApiToken
from kam.workspace.users.models import Team, User, team_members

__all__ = [
    "Account",
    "AccountAnalysis",
    "AnalysisRun",
    "ApiToken",
    "AuditEntry",
    "Base",
    "CallAnalysisRecord",
    "CallProposal",
    "Contract",
    "CoverageSnapshot",
    "Deal",
    "Interaction",
    "Need",
    "NextStep",
    "Stakeholder",
    "Team",
    "User",
    "deal_needs",
    "interaction_stakeholders",
    "interaction_users",
    "team_members",
]
