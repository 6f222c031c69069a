"""Rules for accounts: unique codes; referrals and groups that name another account and never loop; an
owner that is a user (or a name kept until such a user is added); a rep's new account is theirs, and no
change puts an account out of its actor's reach. Deletes are soft and restorable; each account has a
history.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.domain.users import Role
from kam.i18n import Notice
from kam.workspace.accounts.links import GROUP, REFERRAL, Link, check_no_loop, linked_account, set_link
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.accounts.schemas import (
    AccountChanges,
    AccountCreate,
    AccountFilters,
    AccountPublic,
    OwnerCount,
    Wallet,
    WalletPublic,
)
from kam.workspace.analysis.queries import group_values, latest_in_segment
from kam.workspace.analysis.schemas import GroupValue
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.errors import AccountNotFound, DuplicateAccount, InvalidChoice, InvalidReferral
from kam.workspace.listing import MAX_PER_PAGE, Page, PageRequest
from kam.workspace.service import history, require_version, restore, soft_delete
from kam.workspace.users.models import Team, User, team_members
from kam.workspace.users.repository import UserRepository
from kam.workspace.vocabulary import RecordKind

FIELDS = ("name", "type", "ownership", "industry", "since", "referred_on")  # stored as given


def get_account(session: Session, code: str) -> AccountPublic:
    repo = AccountRepository(session)
    return public_accounts(repo, [_require(repo, code)])[0]


def list_accounts(
    session: Session, filters: AccountFilters | None = None, request: PageRequest | None = None
) -> Page[AccountPublic]:
    """One page of the accounts the actor may see that meet `filters`, by code unless `request` says."""
    filters, request = filters or AccountFilters(), request or PageRequest()
    repo = AccountRepository(session)
    found = repo.page(_where(repo, filters), request, deleted=filters.deleted)
    return Page(
        items=public_accounts(repo, found.records),
        total=found.total,
        page=request.page,
        per_page=request.per_page,
        has_more=found.has_more,
    )


def all_accounts(session: Session, filters: AccountFilters | None = None) -> list[AccountPublic]:
    """Every account the actor may see that meets `filters`, by code (page after page)."""
    found: list[AccountPublic] = []
    page = 1
    while True:
        listed = list_accounts(session, filters, PageRequest(page=page, per_page=MAX_PER_PAGE))
        found += listed.items
        if not listed.has_more:
            return found
        page += 1


def create_account(session: Session, data: AccountCreate) -> AccountPublic:
    """Add an account; its code must be new in the workspace, its links must name other accounts the
    actor may see. A rep's new account is theirs (and only theirs: they cannot create one for another)."""
    repo = AccountRepository(session)
    if repo.taken_codes([data.code]):
        raise DuplicateAccount(data.code)
    account = Account(code=data.code, **data.model_dump(include=set(FIELDS)))
    set_link(account, REFERRAL, linked_account(repo, REFERRAL, data.code, data.referred_by))
    set_link(account, GROUP, linked_account(repo, GROUP, data.code, data.parent))
    _require_referrer_of_date(account)
    _set_wallet(account, data.wallet)
    account.competitors = data.competitors or None
    owner = data.owner
    if owner is None and repo.actor.role is Role.REP:
        owner = repo.actor.login
    _set_owner(session, account, owner)
    try:
        repo.add(account)
    except sa.exc.IntegrityError:  # another session added the same code since the check above
        raise DuplicateAccount(data.code) from None
    repo.require_writable(account)
    return public_accounts(repo, [account])[0]


def update_account(
    session: Session, code: str, data: AccountChanges, version: int | None = None
) -> AccountPublic:
    """Change the fields given in `data`, if `version` (when given) is still the stored one."""
    repo = AccountRepository(session)
    account = _require(repo, code, write=True)
    require_version(account, version, RecordKind.ACCOUNT, code, lambda a: public_accounts(repo, [a])[0])
    given = data.model_fields_set
    with session.no_autoflush:  # one UPDATE (one new version) for the whole change
        for name in given & set(FIELDS):
            setattr(account, name, getattr(data, name))
        for link in (REFERRAL, GROUP):
            if link.field in given:
                _link(repo, link, account, getattr(data, link.field))
        if "wallet" in given:
            _set_wallet(account, data.wallet)
        if "competitors" in given:
            account.competitors = data.competitors or None
        if "owner" in given:
            _set_owner(session, account, data.owner)
        if "referred_by" in given and data.referred_by is None and "referred_on" not in given:
            account.referred_on = None  # no referrer, no referral date
    _require_referrer_of_date(account)
    repo.flush()
    repo.require_writable(account)
    return public_accounts(repo, [account])[0]


def delete_account(session: Session, code: str, version: int | None = None) -> AccountPublic:
    """Hide the account (and everything under it) from every list and get, until it is restored."""
    repo = AccountRepository(session)
    account = _require(repo, code, write=True)
    require_version(account, version, RecordKind.ACCOUNT, code, lambda a: public_accounts(repo, [a])[0])
    soft_delete(repo, account)
    return public_accounts(repo, [account])[0]


def restore_account(session: Session, code: str, version: int | None = None) -> AccountPublic:
    """Bring a deleted account back as it was; restoring a live account changes nothing."""
    repo = AccountRepository(session)
    account = _require(repo, code, write=True, deleted=None)
    require_version(account, version, RecordKind.ACCOUNT, code, lambda a: public_accounts(repo, [a])[0])
    if account.deleted_at is not None:
        restore(repo, account)
    return public_accounts(repo, [account])[0]


def account_history(session: Session, code: str, request: PageRequest | None = None) -> Page[HistoryEntry]:
    """Every change of the account, oldest first (a deleted account's too, to see who deleted it)."""
    account = _require(AccountRepository(session), code, deleted=None)
    return history(session, account, request or PageRequest(per_page=MAX_PER_PAGE))


def account_owners(session: Session) -> list[OwnerCount]:
    """Who owns the accounts the actor may see, and how many each: users first, then the names that
    match no user (kept from a file or `--owner`; a user added with that login or name claims them)."""
    counts = [
        OwnerCount(login=login, name=name, accounts=n)
        for login, name, n in AccountRepository(session).owner_counts()
    ]
    return sorted(counts, key=lambda o: (o.login is None, (o.login or o.name).casefold(), o.name))


def claim_owner_names(session: Session, user: User) -> list[str]:
    """Give `user` the accounts whose free-text owner is their login or display name (ignoring case and
    the spaces around it); their codes. Run when a user is added or renamed, by an admin."""
    names = {user.login.strip().casefold(), user.display_name.strip().casefold()}
    claimed = []
    for account in AccountRepository(session).named_owners():
        if (account.owner_name or "").strip().casefold() in names:
            account.owner = user
            account.owner_name = None
            claimed.append(account.code)
    session.flush()
    return sorted(claimed)


def public_accounts(repo: AccountRepository, accounts: Sequence[Account]) -> list[AccountPublic]:
    """Accounts as shown: a referrer or group is named only when the actor may see it; a parent with
    its group's value (over the subsidiaries the actor may see)."""
    linked: Iterable[int | None] = [i for a in accounts for i in (a.referred_by_id, a.parent_id)]
    visible = repo.readable_ids(linked)
    groups = group_values(repo.session, [a for a in accounts if a.deleted_at is None])
    return [_public(a, visible, groups.get(a.id)) for a in accounts]


def _public(account: Account, visible: set[int], group: GroupValue | None) -> AccountPublic:
    referrer, parent, owner = account.referred_by, account.parent, account.owner
    wallet = None
    if account.wallet_amount is not None and account.wallet_unit is not None:
        kind = Wallet(amount=account.wallet_amount, unit=account.wallet_unit).kind
        wallet = WalletPublic(amount=account.wallet_amount, unit=account.wallet_unit, kind=kind)
    return AccountPublic(
        id=account.id,
        code=account.code,
        name=account.name,
        type=account.type,
        ownership=account.ownership,
        industry=account.industry,
        since=account.since,
        referred_by=referrer.code if referrer is not None and referrer.id in visible else None,
        referred_on=account.referred_on if referrer is not None and referrer.id in visible else None,
        owner=None if owner is None else owner.login,
        owner_name=account.owner_name,
        parent=parent.code if parent is not None and parent.id in visible else None,
        wallet=wallet,
        competitors=list(account.competitors or []),
        group=group,
        version=account.version,
        created_at=account.created_at,
        updated_at=account.updated_at,
        deleted_at=account.deleted_at,
    )


def _where(repo: AccountRepository, filters: AccountFilters) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = []
    if filters.q:
        text = filters.q.casefold()
        where.append(
            sa.or_(
                sa.func.lower(Account.code).contains(text, autoescape=True),
                sa.func.lower(Account.name).contains(text, autoescape=True),
            )
        )
    for name in ("type", "ownership", "industry"):
        value = getattr(filters, name)
        if value is not None:
            where.append(getattr(Account, name) == value)
    if filters.owner is not None:
        where.append(Account.owner_id.in_(sa.select(User.id).where(User.login == filters.owner)))
    if filters.team is not None:
        members = sa.select(team_members.c.user_id).join(Team, Team.id == team_members.c.team_id)
        where.append(Account.owner_id.in_(members.where(Team.name == filters.team)))
    if filters.parent is not None:  # a group the actor may see: another one filters to nothing
        parent = repo.by_code(filters.parent)
        where.append(sa.false() if parent is None else Account.parent_id == parent.id)
    if filters.segment is not None:
        where.append(Account.id.in_(latest_in_segment(filters.segment)))
    return where


def _require(
    repo: AccountRepository, code: str, *, write: bool = False, deleted: bool | None = False
) -> Account:
    account = repo.by_code(code, write=write, deleted=deleted)
    if account is None:
        raise AccountNotFound(code)
    return account


def _link(repo: AccountRepository, link: Link, account: Account, target_code: str | None) -> None:
    target = linked_account(repo, link, account.code, target_code)
    if target is not None:
        check_no_loop(repo, link, account, target)
    set_link(account, link, target)


def _require_referrer_of_date(account: Account) -> None:
    """A referral date belongs to a referral: an account without a referrer has none."""
    if account.referred_on is not None and account.referred_by_id is None:
        raise InvalidReferral(Notice("referral_date_without_referrer", code=account.code))


def _set_wallet(account: Account, wallet: Wallet | None) -> None:
    account.wallet_amount = None if wallet is None else wallet.amount
    account.wallet_unit = None if wallet is None else wallet.unit


def _set_owner(session: Session, account: Account, owner: str | None) -> None:
    """The user `owner` names (login, or else display name), or the name itself when it names nobody."""
    if owner is None:
        account.owner, account.owner_name = None, None
        return
    users = UserRepository(session).named(owner)
    if len(users) > 1:
        raise InvalidChoice(Notice("ws_owner_ambiguous", name=owner, count=len(users)))
    account.owner = users[0] if users else None
    account.owner_name = None if users else owner
