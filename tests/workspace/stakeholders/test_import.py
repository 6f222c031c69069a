"""Importing stakeholders: Chinese headers and labels, managers named in any order, all or nothing with
every problem by row and column, and a re-import that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kam.errors import ImportValidationError
from kam.workspace.stakeholders.run import run_stakeholders_import, run_stakeholders_list
from kam.workspace.stakeholders.schemas import StakeholderPublic
from tests.workspace.team import build_team

CHAIN = """客戶編號,姓名,職稱,職能,角色,影響力,立場,教練,上級,偏好,關鍵採購因素
A,李娜,工程部經理,技術,technical buyer,3,支持,是,王偉,,相容性
A,王偉,財務總監,財務,預算決策者,5,反對,否,,重視價格,價格、交期
A,張三,,使用部門,,2,,,李娜,,
N,王偉,採購,procurement,gatekeeper,1,neutral,no,,,
"""


@pytest.fixture
def team(engine: Engine, workspace_url: str) -> str:
    build_team(engine)
    return workspace_url


def _write(tmp_path: Path, text: str, name: str = "stakeholders.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _stored(url: str) -> dict[tuple[str, str], StakeholderPublic]:
    return {(s.account, s.name): s for s in run_stakeholders_list(url)}


def _import(url: str, path: Path, login: str | None = None) -> tuple[int, int, int]:
    done = run_stakeholders_import(url, path, None, login)
    return done.created, done.updated, done.unchanged


def test_import_reads_chinese_headers_and_labels_and_managers_in_any_order(team: str, tmp_path: Path) -> None:
    assert _import(team, _write(tmp_path, CHAIN)) == (4, 0, 0)
    people = _stored(team)
    li, wang, zhang = people["A", "李娜"], people["A", "王偉"], people["A", "張三"]
    assert (li.function, li.decision_role, li.stance, li.coach, li.reports_to) == (
        "technical", "technical_buyer", "supporter", True, wang.id,
    )  # fmt: skip
    assert (wang.influence, wang.purchase_factors, wang.preferences) == (5, ["price", "delivery"], "重視價格")
    assert (zhang.reports_to, zhang.function, zhang.stance, zhang.coach) == (
        li.id,
        "user_department",
        "unknown",
        False,
    )
    assert people["N", "王偉"].reports_to is None  # the same name at another account is another person


def test_importing_the_same_file_again_changes_nothing(team: str, tmp_path: Path) -> None:
    path = _write(tmp_path, CHAIN)
    _import(team, path)
    before = _stored(team)
    assert _import(team, path) == (0, 0, 4)
    assert _stored(team) == before  # same versions, same times


def test_a_reimport_changes_only_the_columns_it_has(team: str, tmp_path: Path) -> None:
    _import(team, _write(tmp_path, CHAIN))
    second = "customer_id,name,stance,reports_to\nA,李娜,opponent,\nA,王偉,反對,\n"
    assert _import(team, _write(tmp_path, second, "second.csv")) == (0, 1, 1)
    li = _stored(team)["A", "李娜"]
    assert (li.stance, li.reports_to, li.title, li.version) == ("opponent", None, "工程部經理", 2)


ROWS = ["A,Good1,finance", "A,Good2,technical", "A,Good3,"]


@pytest.mark.parametrize("at", [0, 1, 3])  # a bad row at the start, in the middle, at the end
def test_a_bad_row_anywhere_imports_nothing(team: str, tmp_path: Path, at: int) -> None:
    rows = [*ROWS]
    rows.insert(at, "A,Bad,cfo")
    path = _write(tmp_path, "customer_id,name,function\n" + "\n".join(rows) + "\n")
    with pytest.raises(ImportValidationError) as bad:
        _import(team, path)
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [(at + 2, "function", "cfo")]
    assert _stored(team) == {}


def test_every_problem_is_listed_by_row_and_column(team: str, tmp_path: Path) -> None:
    text = """customer_id,name,influence,coach,reports_to,function,purchase_factors
B,Bob's,3,,,,
A,Y,7,maybe,Y,,
A,Z,2.5,,Nobody,,
A,Z,1,,,,speed
,W,,,,,
A,V,x,,,財務,
"""
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, text), "amy")
    assert [(p.row, p.column, p.value) for p in bad.value.problems] == [
        (2, "customer_id", "B"),  # bob's account: the same words as for a code nobody has
        (3, "influence", "7"),
        (3, "coach", "maybe"),
        (3, "reports_to", "Y"),  # reporting to oneself
        (4, "influence", "2.5"),
        (4, "reports_to", "Nobody"),
        (5, "purchase_factors", "speed"),
        (5, "name", "Z"),  # row 4 has this account and name already
        (6, "customer_id", ""),
        (7, "influence", "x"),
    ]
    said = {p.row: str(p.expected) for p in bad.value.problems}
    assert said[2] == "the code of an account you may change"
    assert said[5] == "given once in the file (row 4 has it already)"
    path = tmp_path / "stakeholders.csv"
    assert str(bad.value).startswith(f"{path}: 10 bad values:\n  {path}, row 2, column 'customer_id'")
    assert _stored(team) == {}


def test_a_loop_of_managers_is_reported_at_its_first_row(team: str, tmp_path: Path) -> None:
    _import(team, _write(tmp_path, "customer_id,name,reports_to\nA,Boss,\nA,Deputy,Boss\n", "first.csv"))
    text = "customer_id,name,reports_to\nA,X,Y\nA,Y,X\nA,Boss,Deputy\n"
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, text))
    assert [(p.row, p.column, p.value, str(p.expected)) for p in bad.value.problems] == [
        (2, "reports_to", "Y", "a link that closes no loop (X → Y → X)"),
        (4, "reports_to", "Deputy", "a link that closes no loop (Boss → Deputy → Boss)"),
    ]
    assert _stored(team)["A", "Boss"].reports_to is None


def test_a_deleted_stakeholders_name_is_refused_until_it_is_restored(team: str, tmp_path: Path) -> None:
    from kam.workspace.run import workspace_session
    from kam.workspace.stakeholders.service import delete_stakeholder

    path = _write(tmp_path, "customer_id,name\nA,王偉\n")
    _import(team, path)
    with workspace_session(team) as session:
        delete_stakeholder(session, _stored(team)["A", "王偉"].id)
    with pytest.raises(ImportValidationError) as bad:
        _import(team, path)
    assert [(p.row, p.column) for p in bad.value.problems] == [(2, "name")]


def test_a_rep_imports_into_their_own_accounts_only(team: str, tmp_path: Path) -> None:
    assert _import(team, _write(tmp_path, "customer_id,name\nA,王偉\n"), "amy") == (1, 0, 0)
    with pytest.raises(ImportValidationError) as bad:
        _import(team, _write(tmp_path, "customer_id,name\nN,李娜\nNOBODY,張三\n", "other.csv"), "amy")
    assert [str(p.expected) for p in bad.value.problems] == ["the code of an account you may change"] * 2
