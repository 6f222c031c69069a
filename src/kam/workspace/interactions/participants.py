"""Who took part in an interaction: stakeholders of the same account (live ones, by id) and our users
present (active users who may see the account, by login or by a display name only one user has), so
that an interaction never names a stranger to its account. Anyone else is refused (422) by name."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from kam.i18n import Notice
from kam.workspace.accounts.models import Account
from kam.workspace.errors import InvalidChoice, InvalidLink
from kam.workspace.next_steps.assignees import may_see
from kam.workspace.stakeholders.models import Stakeholder
from kam.workspace.stakeholders.repository import StakeholderRepository
from kam.workspace.users.models import User
from kam.workspace.users.repository import UserRepository
from kam.workspace.vocabulary import RecordKind


def met_stakeholders(session: Session, account: Account, ids: Sequence[int]) -> list[Stakeholder]:
    """The live stakeholders of `account` with these ids, in the order given; an id of no such
    stakeholder (another account's, a deleted one's, one out of reach) is refused with the same words."""
    if not ids:
        return []
    repo = StakeholderRepository(session)
    found = {s.id: s for s in repo.in_account(account.id, Stakeholder.id.in_(sorted(set(ids))))}
    for stakeholder_id in ids:
        if stakeholder_id not in found:
            what = Notice(f"record_{RecordKind.STAKEHOLDER.value}")
            raise InvalidLink(Notice("ws_link_unknown", field="stakeholders", what=what, id=stakeholder_id))
    return [found[i] for i in ids]


def present_users(session: Session, account: Account, names: Sequence[str]) -> list[User]:
    """The users `names` name, each an active user who may see `account`; refused otherwise."""
    users = []
    for name in names:
        user = known_user(session, name)
        if user is None:
            raise InvalidChoice(Notice("ws_participant_unknown", name=name))
        if not may_see(session, user, account):
            raise InvalidChoice(Notice("ws_participant_out_of_reach", name=name, code=account.code))
        users.append(user)
    return list({u.id: u for u in users}.values())


def known_user(session: Session, name: str) -> User | None:
    """The one active user whose login is `name`, or else whose display name it is (None: nobody, or a
    name several users have). Looked up past the actor's scope: only whether it fits is told."""
    found = UserRepository(session).named(name)
    return found[0] if len(found) == 1 else None


def sales_participants(
    session: Session, account: Account, names: Sequence[str]
) -> tuple[list[User], list[str]]:
    """A stored call's salespeople: the users they name who may see the account, and the other names
    kept as text (a salesperson who is no user of the workspace, or not one of this account's)."""
    users: list[User] = []
    others: list[str] = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        user = known_user(session, name)
        if user is not None and may_see(session, user, account):
            users.append(user)
        else:
            others.append(name)
    return users, others
