"""The function behind `kam next-steps list`: one service in one transaction."""

from __future__ import annotations

from kam.workspace.account_records import every_page
from kam.workspace.next_steps.schemas import NextStepFilters, NextStepPublic
from kam.workspace.next_steps.service import list_next_steps
from kam.workspace.run import workspace_session


def run_next_steps_list(
    url: str, filters: NextStepFilters | None = None, as_login: str | None = None
) -> list[NextStepPublic]:
    """Every next step the user may see that meets `filters`, oldest first (page after page)."""
    with workspace_session(url, as_login) as session:
        return every_page(lambda request: list_next_steps(session, filters, request))
