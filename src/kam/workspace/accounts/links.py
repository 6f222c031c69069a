"""Links between accounts: who referred an account (`referred_by`) and which group it belongs to
(`parent`). Each names another account the actor may see, never the account itself, and never closes a
loop (A referred by B referred by A; A part of B part of A). Loops are found on the whole graph, also
through accounts the actor cannot see, which a message names only as such."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm.attributes import set_committed_value

from kam.i18n import Joined, Notice
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.errors import InvalidParent, InvalidReferral, WorkspaceError

CHAIN_SHOWN = 10  # accounts of a loop named in its message


@dataclass(frozen=True)
class Link:
    """One kind of link: its field (in schemas and files; also the relationship's name), its column, and
    the words of its messages."""

    field: str
    column: str
    error: type[WorkspaceError]
    self_key: str
    unknown_key: str
    loop_key: str
    step_key: str  # one step of a chain: " referred by {code}", " part of {code}"
    expect_other: str
    expect_no_loop: str


REFERRAL = Link(
    "referred_by", "referred_by_id", InvalidReferral, "referral_self", "referral_unknown", "referral_loop",
    "referred_by_link", "expect_other_account", "expect_no_loop",
)  # fmt: skip
GROUP = Link(
    "parent", "parent_id", InvalidParent, "parent_self", "parent_unknown", "parent_loop",
    "part_of_link", "expect_other_parent", "expect_parent_no_loop",
)  # fmt: skip


def set_link(account: Account, link: Link, target: Account | None) -> None:
    """Link `account` to `target` (or unlink it): its column is written, and its read-only relationship
    shows `target` at once."""
    setattr(account, link.column, None if target is None else target.id)
    set_committed_value(account, link.field, target)


def linked_account(repo: AccountRepository, link: Link, code: str, target: str | None) -> Account | None:
    """The account `target` names for `code`'s link; it must be another account the actor may see."""
    if target is None:
        return None
    if target == code:
        raise link.error(Notice(link.self_key, code=target))
    account = repo.by_code(target)
    if account is None:
        raise link.error(Notice(link.unknown_key, code=target))
    return account


def check_no_loop(repo: AccountRepository, link: Link, account: Account, target: Account) -> None:
    """Refuse linking `account` to `target` when `target`'s chain leads back to `account`."""
    loop = loop_through(repo.links(link.column), account.id, target.id)
    if loop:
        chain = chain_words(repo, link, [account.id, *loop])
        raise link.error(Notice(link.loop_key, code=target.code, chain=chain))


def chain_words(repo: AccountRepository, link: Link, chain: list[int], total: int | None = None) -> Joined:
    """A chain of accounts as words: "K1 referred by K2 referred by K1"; an account the actor cannot
    see is named only as such; a long loop is cut after `CHAIN_SHOWN` accounts."""
    codes = repo.codes_of(chain)
    shown = chain[:CHAIN_SHOWN]
    named = [codes.get(i, Notice("hidden_account")) for i in shown]
    more = [Notice("loop_more", count=total)] if total is not None and total >= CHAIN_SHOWN else []
    return Joined("", [named[0], *(Notice(link.step_key, code=c) for c in named[1:]), *more])


def loop_through(graph: Mapping[int, int | None], account_id: int, target_id: int) -> list[int]:
    """The chain from `target_id` back to `account_id`, or [] when it does not get there."""
    chain: list[int] = []
    seen: set[int] = set()
    current: int | None = target_id
    while current is not None and current not in seen:
        chain.append(current)
        if current == account_id:
            return chain
        seen.add(current)
        current = graph.get(current)
    return []


def find_loops(graph: Mapping[int, int | None], starts: Iterable[int]) -> list[list[int]]:
    """Every loop reachable from `starts`, each as its accounts in link order (each one is linked to
    the next, the last to the first). Linear: every account is walked over once."""
    walked: dict[int, int] = {}  # account -> the start of the walk that reached it first
    loops: list[list[int]] = []
    for start in starts:
        path: list[int] = []
        current: int | None = start
        while current is not None and current not in walked:
            walked[current] = start
            path.append(current)
            current = graph.get(current)
        if current is not None and walked[current] == start:  # back on this walk's own path
            loops.append(path[path.index(current) :])
    return loops
