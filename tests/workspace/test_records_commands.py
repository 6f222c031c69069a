"""`kam stakeholders|needs|deals|contracts import FILE` and `kam <records> list`, end to end through the
command line on both databases: imports all or nothing and idempotent, lists of what the user may see,
as JSON and as a table in the user's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.workspace.db import display_url

runner = CliRunner()


def kam(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(workspace_url: str) -> str:
    """A workspace with reps amy and bob, amy's account A1 and bob's B1."""
    assert kam("workspace", "init", "--db", workspace_url)[0] == 0
    for login in ("amy", "bob"):
        assert kam("users", "add", login, "--role", "rep", "--db", workspace_url)[0] == 0
    assert kam("accounts", "add", "A1", "--name", "Amy's", "--as", "amy", "--db", workspace_url)[0] == 0
    assert kam("accounts", "add", "B1", "--name", "Bob's", "--owner", "bob", "--db", workspace_url)[0] == 0
    return workspace_url


def _listed(db: str, what: str, *args: str) -> list[dict[str, object]]:
    code, out, err = kam(what, "list", "--json", "--db", db, *args)
    assert code == 0, err
    return list(json.loads(out))


def test_stakeholders_import_list_and_reimport(db: str, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("客戶編號,姓名,職能,上級,教練\nA1,李娜,技術,王偉,是\nA1,王偉,財務,,\n", encoding="utf-8")
    where = display_url(db)
    said = kam("stakeholders", "import", str(path), "--as", "amy", "--db", db)
    assert said == (0, f"Imported {path} into {where}: 2 new, 0 updated, 0 unchanged (stakeholders).\n", "")
    again = kam("stakeholders", "import", str(path), "--as", "amy", "--db", db)
    assert again[:2] == (0, f"Imported {path} into {where}: 0 new, 0 updated, 2 unchanged (stakeholders).\n")
    people = _listed(db, "stakeholders", "--as", "amy")
    assert [(p["name"], p["function"], p["coach"]) for p in people] == [
        ("李娜", "technical", True),
        ("王偉", "finance", False),
    ]
    assert people[0]["reports_to"] == people[1]["id"]
    assert _listed(db, "stakeholders", "--as", "bob") == []
    assert _listed(db, "stakeholders", "--account", "B1") == []
    code, out, _ = kam("stakeholders", "list", "--as", "amy", "--db", db, "--lang", "zh-Hant")
    assert code == 0 and "利害關係人" in out and "財務" in out and "技術" in out


def test_a_bad_stakeholders_file_imports_nothing_and_says_each_problem(db: str, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("customer_id,name,influence\nA1,李娜,3\nB1,Bob's man,9\nA1,王偉,high\n", encoding="utf-8")
    code, out, err = kam("stakeholders", "import", str(path), "--as", "amy", "--db", db)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"error: {path}: 3 bad values:",
        f"  {path}, row 3, column 'customer_id': value 'B1' is not the code of an account you may change",
        f"  {path}, row 3, column 'influence': value '9' is not a number of at most 5",
        f"  {path}, row 4, column 'influence': value 'high' is not a whole number",
    ]
    assert _listed(db, "stakeholders") == []


def test_needs_import_list_and_reimport(db: str, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("customer_id,name\nA1,王偉\n", encoding="utf-8")
    assert kam("stakeholders", "import", str(people), "--db", db)[0] == 0
    path = tmp_path / "needs.csv"
    path.write_text(
        "客戶編號,需求,提出人,上層需求\nA1,新模組很難操作,王偉,使用者不滿意\nA1,使用者不滿意,王偉,\n",
        encoding="utf-8",
    )
    where = display_url(db)
    said = kam("needs", "import", str(path), "--as", "amy", "--db", db)
    assert said == (0, f"Imported {path} into {where}: 2 new, 0 updated, 0 unchanged (needs).\n", "")
    again = kam("needs", "import", str(path), "--as", "amy", "--db", db)
    assert again[:2] == (0, f"Imported {path} into {where}: 0 new, 0 updated, 2 unchanged (needs).\n")
    needs = {n["statement"]: n for n in _listed(db, "needs", "--as", "amy")}
    assert needs["新模組很難操作"]["parent"] == needs["使用者不滿意"]["id"]
    assert {n["kind"] for n in needs.values()} == {"need"} and _listed(db, "needs", "--as", "bob") == []
    code, out, _ = kam("needs", "list", "--account", "A1", "--db", db, "--lang", "zh-Hans")
    assert code == 0 and "背后需求" not in out and "表面陈述" in out and "待确认" in out


def test_deals_import_list_and_reimport(db: str, tmp_path: Path) -> None:
    needs = tmp_path / "needs.csv"
    needs.write_text("customer_id,statement\nA1,Toll fraud happens\n", encoding="utf-8")
    assert kam("needs", "import", str(needs), "--db", db)[0] == 0
    path = tmp_path / "deals.csv"
    path.write_text(
        '客戶編號,商機,金額,幣別,階段,需求,首次報價\nA1,冷軋板,"1,200",TWD,提案,Toll fraud happens,2026-03-02\n',
        encoding="utf-8",
    )
    where = display_url(db)
    said = kam("deals", "import", str(path), "--as", "amy", "--db", db)
    assert said == (0, f"Imported {path} into {where}: 1 new, 0 updated, 0 unchanged (deals).\n", "")
    assert kam("deals", "import", str(path), "--as", "amy", "--db", db)[1].endswith(
        "0 new, 0 updated, 1 unchanged (deals).\n"
    )
    [deal] = _listed(db, "deals", "--as", "amy")
    assert (deal["title"], deal["value"], deal["stage"], deal["quoted_stage"], len(deal["needs"])) == (
        "冷軋板", 1200.0, "proposal", "proposal", 1,
    )  # fmt: skip
    assert _listed(db, "deals", "--as", "bob") == []
    code, out, _ = kam("deals", "list", "--db", db, "--lang", "zh-Hant")
    assert code == 0 and "提案" in out and "TWD" in out


def test_next_steps_list_a_users_overdue_work(db: str) -> None:
    from kam.workspace.next_steps.schemas import NextStepCreate
    from kam.workspace.next_steps.service import create_next_step
    from kam.workspace.run import workspace_session

    with workspace_session(db, "amy") as session:
        for what, due in (("Quote", "2020-01-06"), ("Visit", "2999-01-06")):
            create_next_step(session, NextStepCreate(account="A1", what=what, due_on=due))  # type: ignore[arg-type]
    late = _listed(db, "next-steps", "--overdue", "--assignee", "me", "--as", "amy")
    assert [(s["what"], s["assignee"], s["overdue"]) for s in late] == [("Quote", "amy", True)]
    assert [s["what"] for s in _listed(db, "next-steps", "--account", "A1", "--open")] == ["Quote", "Visit"]
    assert _listed(db, "next-steps", "--as", "bob") == []
    code, _, err = kam("next-steps", "list", "--assignee", "me", "--db", db)
    assert (code, err) == (0, "")  # the local operator has no steps of their own
    code, out, _ = kam("next-steps", "list", "--overdue", "--db", db, "--lang", "zh-Hant")
    assert code == 0 and "逾期" in out and "Quote" in out and "Visit" not in out


def test_contracts_import_list_and_reimport(db: str, tmp_path: Path) -> None:
    path = tmp_path / "contracts.xlsx"
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["客戶編號", "年度", "產品", "合同量", "單位"],
        ["A1", 2024, "冷軋板", 480, "噸"],
        ["A1", 2025, "冷軋板", 520, "噸"],
    ):
        sheet.append(row)
    book.save(path)
    where = display_url(db)
    said = kam("contracts", "import", str(path), "--as", "amy", "--db", db)
    assert said == (0, f"Imported {path} into {where}: 2 new, 0 updated, 0 unchanged (contracts).\n", "")
    assert kam("contracts", "import", str(path), "--as", "amy", "--db", db)[1].endswith(
        "0 new, 0 updated, 2 unchanged (contracts).\n"
    )
    listed = _listed(db, "contracts", "--account", "A1")
    assert [(c["year"], c["product"], c["volume"], c["unit"]) for c in listed] == [
        (2024, "冷軋板", 480.0, "噸"), (2025, "冷軋板", 520.0, "噸"),
    ]  # fmt: skip
    assert _listed(db, "contracts", "--as", "bob") == []


def test_referrals_list_and_the_referral_day(db: str) -> None:
    code, _, err = kam(
        "accounts", "update", "B1", "--referred-by", "A1", "--referred-on", "2026-03-02", "--db", db
    )
    assert (code, err) == (0, "")
    credits = json.loads(kam("referrals", "list", "--json", "--db", db)[1])
    assert [(c["referrer"], c["accounts"], [a["code"] for a in c["referred"]]) for c in credits["items"]] == [
        ("A1", 1, ["B1"])
    ]
    assert credits["items"][0]["referred"][0]["referred_on"] == "2026-03-02"
    assert json.loads(kam("referrals", "list", "--json", "--as", "amy", "--db", db)[1])["items"] == []
    code, out, _ = kam("referrals", "list", "--db", db, "--lang", "zh-Hans")
    assert code == 0 and "B1" in out and out.rstrip().endswith("目前仅计算客户数")
    code, _, err = kam("accounts", "update", "A1", "--referred-on", "2026-03-02", "--db", db)
    assert (code, err) == (2, "error: account 'A1': a referral date needs a referrer (referred_by)\n")
