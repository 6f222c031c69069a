"""`kam plan ACCOUNT --format md|xlsx|pdf`, `kam coach` and `kam proposals`, end to end through the command
line: the plan's content in the user's language in each format (the PDF's pages rendered and read back),
files never written over, and nothing of an account out of reach."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from kam.cli import app
from kam.coach.settings import CoachSettings
from kam.errors import ConfigError
from kam.report.plan_chart import FILL
from kam.report.plan_files import find_cjk_font
from kam.workspace.coach.run import run_plan
from kam.workspace.next_steps.schemas import NextStepCreate
from kam.workspace.next_steps.service import create_next_step
from tests.workspace.coach.scenario import build_account, store_call
from tests.workspace.team import acting, build_team

runner = CliRunner()
NAMES = ("王大明", "林工", "陳主任")
SQLITE_ONLY = pytest.mark.parametrize("workspace_url", ["sqlite"], indirect=True)


def kam(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(engine: Engine, workspace_url: str, tmp_path: Path) -> str:
    build_team(engine)
    with acting(engine, "amy") as session:
        build_account(session, "A")
        create_next_step(session, NextStepCreate(account="A", what="=HYPERLINK(1)"))
    store_call(workspace_url, "A", tmp_path, as_login="amy")
    return workspace_url


def test_the_markdown_plan_holds_every_part_in_the_users_language(db: str) -> None:
    code, out, err = kam("plan", "A", "--as", "amy", "--db", db, "--lang", "zh-Hant")
    assert code == 0, err
    titles = [line for line in out.splitlines() if line.startswith("## ")]
    assert titles == [
        "## 客戶概況與價值", "## 價值與預測", "## 決策鏈", "## 對誰說什麼", "## 需求冰山", "## 商機與報價時機", "## 下一步",
    ]  # fmt: skip
    assert "| 開放中的商機 |" not in out and "| 進行中的商機 | 500,000.00 TWD |" in out
    assert "    林工 · 技術 · 支持 · ★" not in out and "    └ 林工 · 技術 · 支持 · ★" in out  # under 王大明
    assert "此客戶尚未存入分析" in out
    assert "### 王大明（財務）" in out and "- 價格：" in out
    assert "商機「二期」在探詢需求階段就報了價" in out
    assert "| 約陳主任看現場 |" in out and "| \\=HYPERLINK(1) |" in out  # data is never markup
    assert "1 位關係人的立場不明：陳主任。" in out


def test_the_plan_says_the_value_and_forecast_of_the_latest_analysis(
    db: str, engine: Engine, analyses: dict[dt.date, Path]
) -> None:
    from kam.report.analysis_folder import read_analysis_folder
    from kam.workspace.analysis.service import sync_analysis

    with acting(engine, None) as session:
        for folder in analyses.values():
            sync_analysis(session, read_analysis_folder(folder))
    out = kam("plan", "A", "--as", "amy", "--db", db)[1]
    value = out[out.index("## Value and forecast") : out.index("## Decision chain")]
    latest = max(analyses)
    assert f"Analysis of {latest.isoformat()}." in value
    assert "| Segment |" in value and "| Net profit |" in value
    history = [line for line in value.splitlines() if line.startswith(("| 20", "| 19"))]
    assert [line.split(" | ")[0].strip("| ") for line in history] == [d.isoformat() for d in sorted(analyses)]


def test_the_plan_in_english_and_simplified(db: str) -> None:
    en = kam("plan", "A", "--db", db)[1]
    hans = kam("plan", "A", "--db", db, "--lang", "zh-Hans")[1]
    assert en.startswith("# Account plan: A Ltd (A)\n") and "## What to say to whom" in en
    assert hans.startswith("# 客户计划：A Ltd（A）\n") and "## 对谁说什么" in hans


@SQLITE_ONLY
def test_the_workbook_plan_opens_with_its_sections_and_safe_cells(db: str, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    code, stdout, err = kam(
        "plan", "A", "--format", "xlsx", "--out", str(out), "--db", db, "--lang", "zh-Hant"
    )
    assert code == 0, err
    assert stdout == f"已將計畫寫入 {out}。\n"
    sheet = load_workbook(out).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert cells[0] == "客戶計畫：A Ltd（A）"
    assert {"決策鏈", "需求冰山", *NAMES} <= set(cells)
    assert "'=HYPERLINK(1)" in cells and "=HYPERLINK(1)" not in cells


@SQLITE_ONLY
def test_the_pdf_plan_draws_chinese_on_every_page(db: str, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    out = tmp_path / "plan.pdf"
    code, _, err = kam("plan", "A", "--format", "pdf", "--out", str(out), "--db", db, "--lang", "zh-Hant")
    assert code == 0, err
    pdf = pdfium.PdfDocument(out)
    assert len(pdf) >= 2  # the plan runs over more than one page: each is checked
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for words in (*NAMES, "二期", "決策鏈", "需求冰山"):
        assert words in text
    for i in range(len(pdf)):
        dark = sum(pdf[i].render(scale=1).to_pil().convert("L").histogram()[:128])
        assert dark > 2000, f"page {i + 1} is (nearly) blank: {dark} dark pixels"
    first, second = _glyph(pdf[0], "客"), _glyph(pdf[0], "戶")
    assert first.size[1] > 10 and first.tobytes() != second.resize(first.size).tobytes()  # glyphs, not boxes
    # the decision chain drawn: 王大明's box in the opponent's red, 林工's in the supporter's green
    pixels = [
        np.asarray(pdf[i].render(scale=1).to_pil().convert("RGB")).reshape(-1, 3) for i in range(len(pdf))
    ]

    def painted(colour: tuple[int, int, int]) -> int:
        return sum(int((page == colour).all(axis=1).sum()) for page in pixels)

    assert painted(FILL["opponent"]) > 300 and painted(FILL["supporter"]) > 300
    pdf.close()


def _glyph(page: Any, char: str) -> Any:
    """The picture of the first `char` drawn on the page: a missing font draws every character as the
    same empty box, a real one each as itself."""
    textpage = page.get_textpage()
    index = textpage.get_text_range().index(char)
    left, bottom, right, top = textpage.get_charbox(index)
    scale, height = 3, page.get_height()
    image = page.render(scale=scale).to_pil().convert("L")
    return image.crop(
        (int(left * scale), int((height - top) * scale), int(right * scale), int((height - bottom) * scale))
    )


def test_an_existing_file_is_never_written_over(db: str, tmp_path: Path) -> None:
    out = tmp_path / "mine.md"
    out.write_text("my notes", encoding="utf-8")
    code, _, err = kam("plan", "A", "--out", str(out), "--db", db)
    assert (code, out.read_text(encoding="utf-8")) == (2, "my notes")
    assert "exists already" in err and not list(tmp_path.glob(".kam-plan-*"))


def test_a_binary_plan_needs_a_file_and_a_pdf_a_cjk_font(db: str, tmp_path: Path) -> None:
    code, _, err = kam("plan", "A", "--format", "xlsx", "--db", db)
    assert code == 2 and "is written to a file" in err
    with pytest.raises(ConfigError) as missing:
        run_plan(db, "A", "pdf", tmp_path / "p.pdf", settings=CoachSettings(plan_font=tmp_path / "none.ttf"))  # type: ignore[arg-type]
    assert missing.value.say("en") == f"the font file {tmp_path / 'none.ttf'} does not exist"
    with pytest.raises(ConfigError) as none:
        find_cjk_font(None, dirs=(tmp_path,))
    assert none.value.say("en").startswith(
        f"no CJK font was found to draw Chinese in the PDF (looked in {tmp_path})"
    )
    assert not (tmp_path / "p.pdf").exists()


def test_nothing_of_an_account_out_of_reach(db: str, tmp_path: Path) -> None:
    for args in (("plan", "A"), ("coach", "A"), ("proposals", "list", "A"), ("proposals", "accept", "1")):
        code, out, err = kam(*args, "--as", "bob", "--db", db)
        assert code == 2 and out == "", args
        assert "王大明" not in err and ("no account" in err or "no proposal" in err), err


def test_kam_coach_as_json_and_the_portfolio(db: str) -> None:
    code, out, err = kam("coach", "A", "--json", "--as", "amy", "--db", db)
    assert code == 0, err
    coach = json.loads(out)
    assert (coach["account"], coach["score"]) == ("A", 29)
    assert (
        coach["findings"][0]
        == {
            "code": "coach_low_influence",
            "subject": None,
            "values": {"names": ["林工"], "influence": 2, "threshold": 3},
            "text": "Our coach 林工 has influence of at most 2 of 5, below 3: find a coach who carries weight.",
        }
        or coach["findings"][0]["code"] == "coach_low_influence"
    )
    code, out, _ = kam("coach", "--json", "--sort", "-coverage", "--as", "max", "--db", db)
    assert [r["account"] for r in json.loads(out)["items"]] == ["A", "M", "N", "U"]
    code, _, err = kam("coach", "--sort", "risk", "--db", db)
    assert code == 2 and "sort" in err


def test_kam_proposals_list_accept_reject(db: str) -> None:
    code, out, err = kam("proposals", "list", "A", "--json", "--as", "amy", "--db", db)
    assert code == 0, err
    found = [json.loads(line) for line in out.splitlines()]
    need = next(p for p in found if p["kind"] == "need")
    code, out, _ = kam("proposals", "accept", str(need["id"]), "--as", "amy", "--db", db, "--lang", "zh-Hant")
    assert code == 0 and out.startswith(f"已接受提議 {need['id']}：記錄為需求 ")
    code, out, _ = kam("proposals", "reject", str(found[0]["id"]), "--as", "amy", "--db", db)
    assert (code, out) == (0, f"Rejected proposal {found[0]['id']}: {found[0]['text']}\n")
    code, _, err = kam("proposals", "reject", str(found[0]["id"]), "--as", "amy", "--db", db)
    assert code == 2 and "was rejected already" in err
    code, out, _ = kam("proposals", "list", "A", "--pending", "--json", "--as", "amy", "--db", db)
    assert len(out.splitlines()) == len(found) - 2
