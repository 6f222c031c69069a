"""`kam calls trend`: a salesperson's stored calls read back from a real workspace (SQLite and PostgreSQL),
their measures by call date and where each heads, as text in three languages and as JSON; an analysis
stored in the earlier shape still loads and is counted apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from kam.cli import app
from kam.workspace.db import make_engine

runner = CliRunner()


def _clock(seconds: float) -> str:
    return f"00:{int(seconds) // 60:02d}:{seconds % 60:06.3f}"


def _call(path: Path, sales: str, questions: int, sales_s: int, closing: str) -> Path:
    """A call of 100 s in which `sales` talks `sales_s` seconds: `questions` open questions of 5 s, each
    answered, a remark, `closing` at 90 s and the customer's "Fine." to end it."""
    answer = (95 - sales_s) / questions
    cues: list[tuple[str, float, float, str]] = []
    t = 0.0
    for i in range(questions):
        cues += [
            (sales, t, t + 5, f"What do you buy from mill {i}?"),
            ("Lin", t + 5, t + 5 + answer, "Rebar."),
        ]
        t += 5 + answer
    cues += [(sales, t, 90, "I see, that is clear."), (sales, 90, 95, closing), ("Lin", 95, 100, "Fine.")]
    body = "".join(f"\n{_clock(a)} --> {_clock(b)}\n<v {who}>{said}\n" for who, a, b, said in cues)
    path.write_text("WEBVTT\n" + body, encoding="utf-8")
    return path


@pytest.fixture
def db(workspace_url: str, tmp_path: Path) -> str:
    """Amy's three calls (fewer flags, more questions, less of her own talk each time) and one of Bob's."""
    for args in (["workspace", "init"], ["accounts", "add", "C001", "--name", "Acme"]):
        assert runner.invoke(app, [*args, "--db", workspace_url]).exit_code == 0
    amy = [
        ("2026-03-02T10:00", 1, 60, "Thanks, bye."),
        ("2026-03-09T10:00", 3, 40, "I'll send the drawings by Friday."),
        ("2026-03-16T10:00", 5, 30, "I'll send the drawings by Friday."),
    ]
    for n, (at, questions, sales_s, closing) in enumerate(amy):
        call = _call(tmp_path / f"amy{n}.vtt", "Amy Chen", questions, sales_s, closing)
        stored = runner.invoke(
            app,
            ["calls", "analyze", str(call), "--sales", "Amy", "--store", "--account", "C001", "--db", workspace_url,
             "--at", f"{at}+00:00"],
        )  # fmt: skip
        assert stored.exit_code == 0, stored.output
    bob = _call(tmp_path / "bob.vtt", "Bob Wu", 3, 30, "Bye.")
    args = [
        "--sales",
        "Bob",
        "--store",
        "--account",
        "C001",
        "--db",
        workspace_url,
        "--at",
        "2026-03-03T10:00+00:00",
    ]
    assert runner.invoke(app, ["calls", "analyze", str(bob), *args]).exit_code == 0
    return workspace_url


def _trend(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["calls", "trend", "--db", db, *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_json_gives_each_measure_by_call_date(db: str) -> None:
    code, out = _trend(db, "--sales", "amy", "--json")
    assert code == 0, out
    found = json.loads(out)
    assert (found["sales"], found["calls"], found["unattributed"]) == ("amy", 3, 0)
    assert found["salespeople"] == ["Amy Chen", "Bob Wu"]
    measures = {m["measure"]: m for m in found["measures"]}
    assert [p["value"] for p in measures["questions"]["series"]] == [1, 3, 5]
    assert [p["occurred_at"][:10] for p in measures["questions"]["series"]] == [
        "2026-03-02",
        "2026-03-09",
        "2026-03-16",
    ]
    assert [p["value"] for p in measures["sales_talk_share"]["series"]] == [0.6, 0.4, 0.3]
    assert [p["value"] for p in measures["next_step_rate"]["series"]] == [0, 1, 1]
    assert {name: m["direction"] for name, m in measures.items()} == {
        "sales_talk_share": "improving",
        "questions": "improving",
        "open_question_share": "steady",
        "flags_per_call": "improving",
        "next_step_rate": "improving",
    }
    assert measures["questions"]["change"] == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "en",
            [
                "Trend of Amy over 3 stored calls, Mar 2, 2026 to Mar 16, 2026:",
                "  Questions per call: average 3.0; by call date 1, 3, 5; improving (+4.0 per call from first to last call)",
                "  Sales talk share: average 43%; by call date 60%, 40%, 30%; improving "
                "(-30 points from first to last call)",
            ],
        ),
        (
            "zh-Hant",
            [
                "Amy 的趨勢：3 通已存通話，2026年3月2日 至 2026年3月16日：",
                "  每通提問數：平均 3.0；依通話日期 1、3、5；進步中（從第一通到最後一通每通 +4.0）",
            ],
        ),
        ("zh-Hans", ["Amy 的趋势：3 通已存通话，2026年3月2日 至 2026年3月16日："]),
    ],
)
def test_text_in_three_languages(db: str, lang: str, lines: list[str]) -> None:
    code, out = _trend(db, "--sales", "Amy", "--lang", lang)
    assert code == 0, out
    said = out.splitlines()
    assert said[0] == lines[0]
    assert all(line in said for line in lines[1:]), out
    assert len(said) == 6


def test_nobody_by_that_name(db: str) -> None:
    code, out = _trend(db, "--sales", "Carol")
    assert code == 0
    assert out == "No stored calls by Carol. Salespeople in the stored calls: Amy Chen, Bob Wu.\n"


def test_an_analysis_stored_in_the_earlier_shape_still_loads_and_is_counted_apart(db: str) -> None:
    """An analysis stored before speakers, questions asked, objections and next steps were recorded."""
    engine = make_engine(db)
    try:
        with engine.begin() as connection:
            query = (
                "SELECT a.id, a.result FROM call_analyses a JOIN interactions i ON i.id = a.interaction_id "
                "WHERE i.title = 'amy0.vtt'"
            )
            row_id, result = connection.execute(sa.text(query)).one()
            result = json.loads(result) if isinstance(result, str) else result
            for key in ("speakers", "objections", "next_steps", "strengths"):
                del result[key]
            del result["questions"]["asked"], result["questions"]["decision_chain"]
            connection.execute(
                sa.text("UPDATE call_analyses SET result = :result WHERE id = :id"),
                {"result": json.dumps(result), "id": row_id},
            )
    finally:
        engine.dispose()
    listed = runner.invoke(app, ["interactions", "list", "--json", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == 4
    code, out = _trend(db, "--sales", "Amy", "--json")
    found = json.loads(out)
    assert (found["calls"], found["unattributed"]) == (2, 1)
    assert [p["value"] for p in found["measures"][1]["series"]] == [3, 5]
    code, out = _trend(db, "--sales", "Amy")
    assert code == 0
    assert out.splitlines()[-1] == (
        "1 stored call does not name its salespeople (stored by an earlier kam); analyse and store it again "
        "to count it."
    )


def test_bad_language_and_unknown_workspace(tmp_path: Path) -> None:
    assert _trend(f"sqlite:///{tmp_path / 'w.db'}", "--sales", "Amy", "--lang", "fr")[0] == 2
    code, out = _trend(f"sqlite:///{tmp_path / 'w.db'}", "--sales", "Amy")
    assert code == 2 and "kam workspace init" in out
