"""`kam accounts sync|changes|analysis` end to end on both databases: a real analysis stored, the same
folder again changing nothing, a folder that is not an analysis refused in one line, a rep refused, and
the segment changes and an account's analysis as each user may see them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.workspace.db import make_engine
from kam.workspace.migrate import upgrade
from tests.workspace.analysis.analyses import EARLIER, FILLERS, LATER
from tests.workspace.team import build_team

runner = CliRunner()


def kam(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def db(workspace_url: str) -> str:
    upgrade(workspace_url)
    engine = make_engine(workspace_url)
    build_team(engine)
    engine.dispose()
    return workspace_url


def test_sync_stores_the_analysis_once_and_creates_the_missing_accounts(
    db: str, analyses: dict[dt.date, Path]
) -> None:
    code, output = kam("accounts", "sync", str(analyses[LATER]), "--db", db, "--json")
    assert code == 0, output
    summary = json.loads(output)
    assert (summary["as_of"], summary["added"], set(summary["created_accounts"])) == (
        "2025-12-31",
        36,
        FILLERS,
    )
    code, output = kam("accounts", "sync", str(analyses[LATER]), "--db", db)
    assert code == 0 and output.startswith("Stored the analysis of 2025-12-31 (36 accounts) in ")
    assert output.endswith(
        ": 0 added, 0 replaced, 36 unchanged; 0 changed segment since their analysis before.\n"
    )


def test_a_folder_that_is_not_an_analysis_is_one_line_in_the_users_language(db: str, tmp_path: Path) -> None:
    code, output = kam("accounts", "sync", str(tmp_path), "--db", db, "--lang", "zh-Hans")
    assert (code, output) == (
        2,
        f"错误: {tmp_path} 中没有分析：其清单文件（.kam-outputs.json）不存在，或未表明由分析写入\n",
    )


def test_a_rep_may_not_sync(db: str, analyses: dict[dt.date, Path]) -> None:
    code, output = kam("accounts", "sync", str(analyses[LATER]), "--db", db, "--as", "amy")
    assert (code, output) == (2, "error: only an admin may store an analysis: it covers every account\n")


def test_changes_and_an_accounts_analysis_as_each_user_may_see_them(
    db: str, analyses: dict[dt.date, Path]
) -> None:
    for as_of in (EARLIER, LATER):
        assert kam("accounts", "sync", str(analyses[as_of]), "--db", db)[0] == 0
    lapsed = ("accounts", "changes", "--since", "2025-01-01", "--from", "key", "--to", "lapsed", "--db", db)
    code, output = kam(*lapsed, "--as", "max", "--json")
    assert code == 0 and [(c["account"], c["from_segment"], c["to_segment"]) for c in json.loads(output)] == [
        ("N", "key", "lapsed")
    ]
    assert kam(*lapsed, "--as", "amy") == (0, "No account changed segment since 2025-01-01.\n")
    code, output = kam("accounts", "changes", "--since", "2025-01-01", "--to", "gone", "--db", db)
    assert code == 2 and "to_segment" in output
    code, output = kam("accounts", "analysis", "N", "--db", db, "--as", "ann", "--json")
    found = json.loads(output)
    assert [(h["segment"], h["changed"]) for h in found["history"]] == [("key", False), ("lapsed", True)]
    assert kam("accounts", "analysis", "N", "--db", db, "--as", "amy")[0] == 2  # not amy's: not found
    code, output = kam("accounts", "analysis", "N", "--db", db, "--lang", "zh-Hant")
    assert code == 0 and output.startswith("2025-12-31 的分析\n分群: 已流失")


def test_show_rolls_a_groups_value_up(db: str, analyses: dict[dt.date, Path]) -> None:
    assert kam("accounts", "sync", str(analyses[LATER]), "--db", db)[0] == 0
    assert kam("accounts", "update", "N", "--parent", "A", "--db", db)[0] == 0
    revenue = {
        code: json.loads(kam("accounts", "analysis", code, "--db", db, "--json")[1])["latest"]["metrics"][
            "revenue"
        ]
        for code in ("A", "N")
    }
    code, output = kam("accounts", "show", "A", "--db", db)
    assert (
        code == 0
        and f"group of 2 accounts (N): revenue {revenue['A'] + revenue['N']:,.2f}, net profit " in output
    )
    assert "(analysis of 2025-12-31)" in output
