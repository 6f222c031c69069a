"""`kam accounts|stakeholders|contracts|needs|deals import FILE --as LOGIN`, end to end through the command
line on both databases: a row of an account the user may not change (a teammate's, another team's, a
code nobody has) is refused by row and column, in the same words whoever owns it, and nothing of the
file is imported; the rows of the user's own accounts import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from kam.cli import app
from kam.errors import ImportValidationError
from kam.workspace.accounts.service import all_accounts
from kam.workspace.contracts.run import run_contracts_import, run_contracts_list
from kam.workspace.deals.run import run_deals_import, run_deals_list
from kam.workspace.needs.run import run_needs_import, run_needs_list
from kam.workspace.stakeholders.run import run_stakeholders_import, run_stakeholders_list
from tests.workspace.team import acting, build_team

runner = CliRunner()

# each import: the header, and a row of that kind under account {code} (a key unique within the file)
ROWS = {
    "stakeholders": ("customer_id,name", "{code},王偉 of {code}"),
    "contracts": ("customer_id,year,product,volume,unit", "{code},2025,冷軋板 of {code},500,t"),
    "needs": ("customer_id,statement", "{code},Toll fraud happens at {code}"),
    "deals": ("customer_id,title", "{code},Cold-rolled coil for {code}"),
}
LISTS = {
    "stakeholders": run_stakeholders_list,
    "contracts": run_contracts_list,
    "needs": run_needs_list,
    "deals": run_deals_list,
}
IMPORTS = {
    "stakeholders": run_stakeholders_import,
    "contracts": run_contracts_import,
    "needs": run_needs_import,
    "deals": run_deals_import,
}
# login -> (the accounts of the team they may change, those they may not); codes as in tests/workspace/team.py
REACH = {
    "amy": (["A"], ["N", "B", "NOBODY"]),  # a rep: their own only
    "max": (["A", "N", "M"], ["B", "D", "NOBODY"]),  # a manager: their team's, not the other team's
}


@pytest.fixture
def team(engine: Engine, workspace_url: str) -> str:
    build_team(engine)
    return workspace_url


def _kam(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def _file(tmp_path: Path, kind: str, codes: list[str]) -> Path:
    header, row = ROWS[kind]
    path = tmp_path / f"{kind}.csv"
    path.write_text("\n".join([header, *(row.format(code=c) for c in codes)]) + "\n", encoding="utf-8")
    return path


def _accounts_of(url: str, kind: str) -> list[str]:
    return sorted(r.account for r in LISTS[kind](url))


@pytest.mark.parametrize("login", sorted(REACH))
@pytest.mark.parametrize("kind", sorted(ROWS))
def test_rows_of_accounts_out_of_reach_are_refused_and_nothing_is_imported(
    team: str, tmp_path: Path, kind: str, login: str
) -> None:
    mine, others = REACH[login]
    codes = [mine[0], *others, *mine[1:]]  # refused rows between rows the user may import
    path = _file(tmp_path, kind, codes)
    code, err = _kam(kind, "import", str(path), "--as", login, "--db", team)
    assert code == 2
    assert _accounts_of(team, kind) == []
    with pytest.raises(ImportValidationError) as bad:
        IMPORTS[kind](team, path, None, login)
    refused = [(p.row, p.column, p.value, str(p.expected)) for p in bad.value.problems]
    assert refused == [
        (codes.index(c) + 2, "customer_id", c, "the code of an account you may change") for c in others
    ]
    assert f"row {codes.index(others[0]) + 2}, column 'customer_id'" in err
    allowed = _file(tmp_path, kind, mine)
    assert _kam(kind, "import", str(allowed), "--as", login, "--db", team)[0] == 0
    assert _accounts_of(team, kind) == sorted(mine)


@pytest.mark.parametrize("kind", sorted(ROWS))
def test_a_rep_cannot_import_into_an_account_their_manager_may_change(
    team: str, tmp_path: Path, kind: str
) -> None:
    path = _file(tmp_path, kind, ["M"])
    assert _kam(kind, "import", str(path), "--as", "amy", "--db", team)[0] == 2
    assert _kam(kind, "import", str(path), "--as", "max", "--db", team)[0] == 0
    assert _accounts_of(team, kind) == ["M"]


def test_an_accounts_import_as_a_rep_refuses_other_owners_accounts_and_imports_nothing(
    team: str, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "customers.csv"
    path.write_text("customer_id,name\nA,Renamed\nN,Renamed\nA2,New\nB,Renamed\n", encoding="utf-8")
    code, err = _kam("accounts", "import", str(path), "--as", "amy", "--db", team)
    assert code == 2
    assert "row 3, column 'customer_id'" in err and "row 5, column 'customer_id'" in err
    with acting(engine, None) as session:
        names = {a.code: a.name for a in all_accounts(session)}
    assert names == {c: f"{c} Ltd" for c in ("A", "N", "B", "M", "D", "U")}
