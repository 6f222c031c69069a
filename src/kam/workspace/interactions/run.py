"""The function behind `kam interactions add`: log a visit, call, e-mail or note without a transcript."""

from __future__ import annotations

from collections.abc import Sequence

from kam.i18n import Notice
from kam.workspace.account_records import require_account
from kam.workspace.errors import InvalidLink
from kam.workspace.interactions.schemas import InteractionNew, InteractionPublic
from kam.workspace.interactions.service import add_interaction
from kam.workspace.run import workspace_session
from kam.workspace.stakeholders.repository import StakeholderRepository


def run_interactions_add(
    url: str, data: InteractionNew, met: Sequence[str] = (), as_login: str | None = None
) -> InteractionPublic:
    """Add the interaction `data` describes, with the stakeholders `met` (each by name in the account,
    or by id) taking part besides those `data` names; all in one transaction."""
    with workspace_session(url, as_login) as session:
        ids = list(data.stakeholders)
        if met:
            account = require_account(session, data.account)
            named = StakeholderRepository(session).named(account.id, [m for m in met if not m.isdigit()])
            for name in met:
                if name.isdigit():
                    ids.append(int(name))
                elif name in named:
                    ids.append(named[name].id)
                else:
                    raise InvalidLink(Notice("ws_stakeholder_unknown_name", name=name, code=account.code))
        return add_interaction(session, data.model_copy(update={"stakeholders": list(dict.fromkeys(ids))}))
