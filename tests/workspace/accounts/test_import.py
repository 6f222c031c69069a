"""Importing a customers file into accounts: all or nothing, and a re-import updates accounts by code."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kam.domain.users import Role
from kam.errors import ImportValidationError
from kam.io.customers import CustomersTable, CustomerType, Ownership, read_customers
from kam.io.mapping import ACCOUNT_COLUMNS
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.importing import import_accounts
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.accounts.schemas import AccountCreate, AccountPublic, ImportSummary
from kam.workspace.accounts.service import all_accounts, create_account
from kam.workspace.db import session_scope
from kam.workspace.errors import AccountsAddedMeanwhile
from kam.workspace.migrate import upgrade
from kam.workspace.run import run_accounts_import, run_accounts_list
from kam.workspace.users.schemas import UserCreate
from kam.workspace.users.service import act_as_login, add_user
from kam.workspace.vocabulary import WalletKind
from tests.workspace.conftest import count_selects

FIRST = """customer_id,name,type,ownership,industry,since,referred_by
K001,華東電力設備股份有限公司,經銷商,國企,energy,2001-04-01,
K002,長江家電集團,distributor,state,appliances,2015-06-30,K003
K003,嶺南機械有限公司,agent,private,machinery,2010-01-15,K001
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _table(path: Path) -> CustomersTable:
    return read_customers(path, columns=ACCOUNT_COLUMNS)


def _import(engine: Engine, path: Path) -> tuple[int, int, int]:
    with session_scope(engine, LOCAL_OPERATOR) as session:
        summary = import_accounts(session, _table(path))
    return summary.created, summary.updated, summary.unchanged


def _accounts(engine: Engine) -> dict[str, AccountPublic]:
    with session_scope(engine, LOCAL_OPERATOR) as session:
        return {a.code: a for a in all_accounts(session)}


def test_import_creates_accounts_with_labels_and_referrals_in_any_order(
    engine: Engine, tmp_path: Path
) -> None:
    assert _import(engine, _write(tmp_path, "customers.csv", FIRST)) == (3, 0, 0)
    accounts = _accounts(engine)
    k001 = accounts["K001"]
    assert (k001.name, k001.type, k001.ownership) == (
        "華東電力設備股份有限公司",
        CustomerType.DEALER,
        Ownership.STATE,
    )
    assert (k001.industry, k001.since) == ("energy", dt.date(2001, 4, 1))
    assert {c: a.referred_by for c, a in accounts.items()} == {"K001": None, "K002": "K003", "K003": "K001"}


def test_reimport_updates_by_code_and_keeps_what_the_file_lacks(engine: Engine, tmp_path: Path) -> None:
    _import(engine, _write(tmp_path, "customers.csv", FIRST))
    second = """customer_id,name,type,since
K001,,dealer,2001-04-01
K002,長江家電集團股份,wholesaler,2015-06-30
K004,新客戶,,
"""
    assert _import(engine, _write(tmp_path, "again.csv", second)) == (1, 1, 1)
    accounts = _accounts(engine)
    assert accounts["K001"].name == "華東電力設備股份有限公司"  # a blank name keeps the stored one
    assert (accounts["K002"].name, accounts["K002"].type) == ("長江家電集團股份", CustomerType.WHOLESALER)
    assert (accounts["K002"].industry, accounts["K002"].referred_by) == (
        "appliances",
        "K003",
    )  # no such columns
    assert (accounts["K004"].name, accounts["K004"].type, accounts["K004"].since) == ("新客戶", None, None)


def test_a_referrer_already_in_the_workspace_is_accepted(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine, LOCAL_OPERATOR) as session:
        create_account(session, AccountCreate(code="OLD", name="Old friend"))
    _import(engine, _write(tmp_path, "customers.csv", "customer_id,referred_by\nNEW,OLD\n"))
    assert _accounts(engine)["NEW"].referred_by == "OLD"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "customer_id,type\nK001,dealer\nK009,bogus\n",
            "row 3, column 'type': value 'bogus' is not one of end_user",
        ),
        (
            "customer_id,referred_by\nK001,\nK009,NOBODY\n",
            "row 3, column 'referred_by': value 'NOBODY' is not the code of an account in this file or in the workspace",
        ),
        (
            "customer_id,referred_by\nK009,K009\n",
            "row 2, column 'referred_by': value 'K009' is not another account's",
        ),
        (
            "customer_id,name,referred_by\nK001,Changed,K002\n",
            "row 2, column 'referred_by': value 'K002' is not a referrer that closes no loop "
            "(K001 referred by K002 referred by K003 referred by K001)",
        ),
    ],
)
def test_a_bad_row_leaves_the_workspace_untouched(
    engine: Engine, tmp_path: Path, text: str, message: str
) -> None:
    _import(engine, _write(tmp_path, "customers.csv", FIRST))
    before = _accounts(engine)
    with pytest.raises(ImportValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _import(engine, _write(tmp_path, "bad.csv", text))
    assert _accounts(engine) == before


@pytest.mark.parametrize("at", [0, 1, 3])  # a bad row at the start, in the middle, at the end
def test_a_bad_row_anywhere_imports_nothing(engine: Engine, tmp_path: Path, at: int) -> None:
    rows = ["K001,One,dealer", "K002,Two,agent", "K003,Three,distributor"]
    rows.insert(at, "K009,Bad,bogus")
    path = _write(tmp_path, "bad.csv", "customer_id,name,type\n" + "\n".join(rows) + "\n")
    with pytest.raises(ImportValidationError) as bad:
        _import(engine, path)
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [(at + 2, "type", "bogus")]
    assert _accounts(engine) == {}


def test_every_value_longer_than_add_allows_is_reported_and_nothing_imported(
    engine: Engine, tmp_path: Path
) -> None:
    name, industry, code, referrer = "名" * 201, "I" * 101, "K" * 65, "R" * 65
    text = (
        "報表：客戶清單\n"  # a title line: rows are counted as the file has them
        "客戶編號,名稱,行業,介紹人\n"
        f"K001,{name},{industry},\n"
        f"{code},ok,,\n"
        f"K003,{'名' * 200},{'I' * 100},{referrer}\n"
        "K004,fine,fine,K001\n"
    )
    with pytest.raises(ImportValidationError) as raised:
        _import(engine, _write(tmp_path, "customers.csv", text))
    assert [(p.row, p.column, p.value) for p in raised.value.problems] == [
        (3, "名稱", name),
        (3, "行業", industry),
        (4, "客戶編號", code),
        (5, "介紹人", referrer),
    ]
    assert raised.value.problems[0].expected == "a text of at most 200 characters (it has 201)"
    assert _accounts(engine) == {}


def test_values_at_the_limits_are_imported_as_add_would_store_them(engine: Engine, tmp_path: Path) -> None:
    code, name, industry = "K" * 64, "名" * 200, "I" * 100
    _import(
        engine, _write(tmp_path, "customers.csv", f"customer_id,name,industry\n{code},{name},{industry}\n")
    )
    with session_scope(engine, LOCAL_OPERATOR) as session:
        added = create_account(session, AccountCreate(code="K" * 63, name=name, industry=industry))
    imported = _accounts(engine)[code]
    assert (imported.name, imported.industry) == (added.name, added.industry) == (name, industry)


@contextmanager
def _before_inserting_accounts(target: Engine | type[Engine], action: Callable[[], object]) -> Iterator[None]:
    """Run `action` in each thread just before its first INSERT into accounts: after the import has
    checked which codes are new, before it stores them."""
    done = threading.local()

    def before(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().startswith("INSERT INTO accounts") and not getattr(done, "it", False):
            done.it = True
            action()

    sa.event.listen(target, "before_cursor_execute", before)
    try:
        yield
    finally:
        sa.event.remove(target, "before_cursor_execute", before)


def test_an_account_added_meanwhile_by_another_import_rolls_this_one_back(
    engine: Engine, tmp_path: Path
) -> None:
    path = _write(tmp_path, "customers.csv", FIRST)

    def another_import() -> None:
        with session_scope(engine, LOCAL_OPERATOR) as other:
            other.add(Account(code="K002", name="added meanwhile"))

    with (
        pytest.raises(AccountsAddedMeanwhile) as raised,
        _before_inserting_accounts(engine, another_import),
        session_scope(engine, LOCAL_OPERATOR) as session,
    ):
        import_accounts(session, _table(path))
    assert raised.value.codes == ["K002"]
    assert "K002" in str(raised.value) and "nothing was imported" in str(raised.value)
    assert list(_accounts(engine)) == ["K002"]
    assert _accounts(engine)["K002"].name == "added meanwhile"


def test_many_accounts_added_meanwhile_are_named_by_the_first_five() -> None:
    codes = [f"K{i:03d}" for i in range(2000)]
    error = AccountsAddedMeanwhile(codes)
    assert error.codes == codes
    assert "K000, K001, K002, K003, K004 and 1,995 more meanwhile" in str(error)
    assert "K005" not in str(error) and "K000, K001, K002, K003, K004 等另外 1,995 個" in error.say("zh-Hant")


def test_of_two_imports_at_once_one_imports_and_the_other_imports_nothing(
    workspace_url: str, tmp_path: Path
) -> None:
    upgrade(workspace_url)
    path = _write(tmp_path, "customers.csv", FIRST)
    both_checked = threading.Barrier(2, timeout=30)

    def one_import() -> ImportSummary | AccountsAddedMeanwhile:
        try:
            return run_accounts_import(workspace_url, path)
        except AccountsAddedMeanwhile as exc:
            return exc

    with _before_inserting_accounts(Engine, both_checked.wait), ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda _: one_import(), range(2)))
    summaries = [o for o in outcomes if isinstance(o, ImportSummary)]
    refused = [o for o in outcomes if isinstance(o, AccountsAddedMeanwhile)]
    assert [(s.created, s.updated, s.unchanged) for s in summaries] == [(3, 0, 0)]
    assert [e.codes for e in refused] == [["K001", "K002", "K003"]]
    assert [a.code for a in run_accounts_list(workspace_url)] == ["K001", "K002", "K003"]


def _chain(count: int) -> str:
    """customer_id,referred_by lines: each account referred by the one before it."""
    lines = [f"C{i:05d},{f'C{i - 1:05d}' if i else ''}" for i in range(count)]
    return "customer_id,referred_by\n" + "\n".join(lines) + "\n"


class _WalkedGraph(dict[int, int | None]):
    """The stored referral graph, counting the steps taken along it; more than three per account means
    the walk is not linear (a chain of n accounts walked from each of them takes n²/2)."""

    steps = 0

    def get(self, key: int, default: int | None = None) -> int | None:  # type: ignore[override]
        self.steps += 1
        assert self.steps <= 3 * len(self), "the loop check walks the referral graph more than linearly"
        return super().get(key, default)


def test_a_long_referral_chain_is_checked_in_linear_time_and_a_loop_through_it_is_refused(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 40_000
    graphs: list[_WalkedGraph] = []
    stored_graph = AccountRepository.links

    def walked_graph(repo: AccountRepository, column: str) -> dict[int, int | None]:
        graphs.append(_WalkedGraph(stored_graph(repo, column)))
        return graphs[-1]

    monkeypatch.setattr(AccountRepository, "links", walked_graph)
    with count_selects(engine) as selects:
        assert _import(engine, _write(tmp_path, "chain.csv", _chain(count))) == (count, 0, 0)
    assert len(selects) <= count // 500 + 5  # the codes in chunks, then the referral graph once
    assert len(graphs) == 1 and graphs[0].steps <= count + 1
    closing = f"customer_id,referred_by\nC00000,C{count - 1:05d}\n"
    with pytest.raises(ImportValidationError) as raised:
        _import(engine, _write(tmp_path, "loop.csv", closing))
    assert [(p.row, p.column, p.value) for p in raised.value.problems] == [
        (2, "referred_by", f"C{count - 1:05d}")
    ]
    assert f"C00000 referred by C{count - 1:05d} referred by C{count - 2:05d}" in str(raised.value)
    assert "(40,000 accounts in the loop)" in str(raised.value)
    assert len(graphs) == 2 and graphs[1].steps <= count + 1
    assert _accounts(engine)["C00000"].referred_by is None


def test_every_loop_in_the_file_is_reported_at_its_first_row(engine: Engine, tmp_path: Path) -> None:
    text = "customer_id,referred_by\nA,\nB,C\nC,D\nD,B\nE,A\nF,G\nG,F\n"
    with pytest.raises(ImportValidationError) as raised:
        _import(engine, _write(tmp_path, "loops.csv", text))
    assert [(p.row, p.value) for p in raised.value.problems] == [(3, "C"), (7, "G")]
    assert "B referred by C referred by D referred by B" in str(raised.value)
    assert _accounts(engine) == {}


TEAM_FILE = """customer_id,name,owner,parent,wallet,wallet_unit,competitors
G01,集團總部,amy,,,,
G02,集團二廠,Amy Chen,G01,"1,200",t,寶鋼；鞍鋼、首鋼
G03,集團三廠,王强,G01,500000,CNY,
"""


def _add_users(engine: Engine) -> None:
    with session_scope(engine, LOCAL_OPERATOR) as session:
        add_user(session, UserCreate(login="amy", display_name="Amy Chen", role=Role.REP))
        add_user(session, UserCreate(login="bob", role=Role.REP))


def test_owners_groups_wallets_and_competitors_are_imported_and_a_reimport_changes_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    _add_users(engine)
    path = _write(tmp_path, "team.csv", TEAM_FILE)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        summary = import_accounts(session, _table(path))
    assert (summary.created, summary.unmatched_owners) == (3, ["王强"])
    accounts = _accounts(engine)
    g02 = accounts["G02"]
    assert (g02.owner, g02.parent, g02.competitors) == ("amy", "G01", ["寶鋼", "鞍鋼", "首鋼"])
    assert (g02.wallet.amount, g02.wallet.unit, g02.wallet.kind) == (1200.0, "t", WalletKind.VOLUME)  # type: ignore[union-attr]
    g03 = accounts["G03"]
    assert (g03.owner, g03.owner_name, g03.wallet.kind) == (None, "王强", WalletKind.MONEY)  # type: ignore[union-attr]
    assert _import(engine, path) == (0, 0, 3)
    assert _accounts(engine) == accounts


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("customer_id,wallet\nK1,500\n", [(2, "wallet", "500")]),
        ("customer_id,wallet,wallet_unit\nK1,500,\n", [(2, "wallet", "500")]),
        ("customer_id,wallet,wallet_unit\nK1,500,5 t\n", [(2, "wallet_unit", "5 t")]),
        ("customer_id,wallet,wallet_unit\nK1,-5,t\n", [(2, "wallet", "-5")]),
        ("customer_id,parent\nK1,K1\n", [(2, "parent", "K1")]),
        ("customer_id,parent\nK1,NOBODY\n", [(2, "parent", "NOBODY")]),
        ("customer_id,parent\nK1,K2\nK2,K1\n", [(2, "parent", "K2")]),
    ],
)
def test_bad_groups_and_wallets_are_reported_by_row_and_column(
    engine: Engine, tmp_path: Path, text: str, problems: list[tuple[int, str, str]]
) -> None:
    with pytest.raises(ImportValidationError) as raised:
        _import(engine, _write(tmp_path, "bad.csv", text))
    assert [(p.row, p.column, p.value) for p in raised.value.problems] == problems
    assert _accounts(engine) == {}


def test_an_import_by_a_rep_creates_their_accounts_and_changes_no_one_elses(
    engine: Engine, tmp_path: Path
) -> None:
    _add_users(engine)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        create_account(session, AccountCreate(code="B1", name="Bob's", owner="bob"))
    with session_scope(engine, LOCAL_OPERATOR) as session:
        act_as_login(session, "amy")
        import_accounts(
            session, _table(_write(tmp_path, "mine.csv", "customer_id,name\nA1,Mine\nA2,Also mine\n"))
        )
    assert {c: a.owner for c, a in _accounts(engine).items()} == {"A1": "amy", "A2": "amy", "B1": "bob"}
    bad = "customer_id,name,owner\nA1,Mine,amy\nB1,Taken,amy\nA3,For bob,bob\n"
    with pytest.raises(ImportValidationError) as raised, session_scope(engine, LOCAL_OPERATOR) as session:
        act_as_login(session, "amy")
        import_accounts(session, _table(_write(tmp_path, "bad.csv", bad)))
    assert [(p.row, p.column, p.value) for p in raised.value.problems] == [(3, "customer_id", "B1")]
    hidden = "customer_id,name,owner\nA3,For bob,bob\n"
    with pytest.raises(ImportValidationError) as raised, session_scope(engine, LOCAL_OPERATOR) as session:
        act_as_login(session, "amy")
        import_accounts(session, _table(_write(tmp_path, "give.csv", hidden)))
    assert [(p.row, p.column, p.value) for p in raised.value.problems] == [(2, "owner", "bob")]
    assert set(_accounts(engine)) == {"A1", "A2", "B1"} and _accounts(engine)["B1"].name == "Bob's"


def test_a_demand_given_only_in_volume_is_the_accounts_wallet(engine: Engine, tmp_path: Path) -> None:
    # the demo's customers file, and the analysis, give the estimated annual demand as `wallet_volume`
    path = _write(
        tmp_path, "volume.csv", "customer_id,name,wallet_volume,wallet_unit\nV1,甲,8000,t\nV2,乙,,\n"
    )
    assert _import(engine, path) == (2, 0, 0)
    accounts = _accounts(engine)
    assert (accounts["V1"].wallet.amount, accounts["V1"].wallet.unit) == (8000.0, "t")  # type: ignore[union-attr]
    assert accounts["V1"].wallet.kind == WalletKind.VOLUME  # type: ignore[union-attr]
    assert accounts["V2"].wallet is None
