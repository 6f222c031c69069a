"""The demo's two sales calls: one done well, one with every mistake; `make demo` stores both."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam.calls import analyze_transcript
from kam.demo.calls import DEMO_CALLS, DEMO_PRODUCTS, DemoCall
from kam.usecases.demo import run_demo_data

EXPECTED_FLAGS = {
    "K002": [],
    "K001": ["not_listening", "early_pitch", "price_too_early", "no_discovery", "no_next_step"],
}
# each question as counted: open, SPIN type, about the decision chain, asking why
EXPECTED_QUESTIONS = {
    "K002": [
        (False, None, False, False),  # 您看可以嗎: may I ask, a closed question
        (True, "problem", False, False),  # 一般會延誤多久
        (True, "problem", False, True),  # 為什麼他們的交期會這麼不穩定呢
        (True, "need_payoff", False, False),  # 對你們的生產排程會有什麼幫助
        (False, "problem", False, False),  # 有沒有讓你們頭痛的地方
        (True, "situation", True, False),  # 還有誰會參與這次換供應商的決定
    ],
    "K001": [(False, None, False, False)],  # 您看这个月能不能先下一个试单
}
EXPECTED_STRENGTHS = {
    "K002": ["listened", "open_questions", "decision_chain", "price_deferred", "next_step"],
    "K001": [],
}
EXPECTED_OBJECTIONS = {"K002": [], "K001": [("status_quo", "赵工")]}
# who does what by when: (speaker, the side that does it, when, agreed)
EXPECTED_NEXT_STEPS = {
    "K002": [("陳偉", "sales", "下週", True), ("陳偉", "sales", "下週二", True)],
    "K001": [("王强", "customer", "这个月", False)],
}
MAKEFILE = Path(__file__).parents[2] / "Makefile"


@pytest.mark.parametrize("call", DEMO_CALLS, ids=lambda c: c.account)
def test_the_demo_call_gets_the_coaching_it_was_written_for(call: DemoCall) -> None:
    result = analyze_transcript(
        call.text.encode(), call.file, sales=[call.sales], products=list(DEMO_PRODUCTS)
    )
    found = result.to_dict()
    assert found["flags"] == EXPECTED_FLAGS[call.account]
    assert bool(found["evidence"]) is bool(found["flags"])
    assert found["language"] == ("zh-Hant" if call.account == "K002" else "zh-Hans")
    asked = found["questions"]["asked"]
    assert [(q["open"], q["spin"], q["decision_chain"], q["why"]) for q in asked] == EXPECTED_QUESTIONS[
        call.account
    ]
    assert found["questions"]["total"] == len(asked)
    assert found["questions"]["open"] == sum(q["open"] for q in asked)
    assert found["questions"]["decision_chain"] == sum(q["decision_chain"] for q in asked)
    assert found["strengths"] == EXPECTED_STRENGTHS[call.account]
    assert [(o["kind"], o["speaker"]) for o in found["objections"]] == EXPECTED_OBJECTIONS[call.account]
    steps = [(n["speaker"], n["owner"], n["when"], n["agreed"]) for n in found["next_steps"]]
    assert steps == EXPECTED_NEXT_STEPS[call.account]
    assert found["speakers"]["sales"] == [call.sales]
    if call.account == "K002":
        assert found["talk"]["customer_to_sales"] >= 2.0
        assert found["price"]["first_sales_quote_at_s"] is None


def test_the_good_demo_call_says_what_went_well(tmp_path: Path) -> None:
    """The readable report of the good call lists its questions with their types, its next steps and
    what went well, and no flag."""
    from typer.testing import CliRunner

    from kam.cli import app

    run_demo_data(tmp_path / "data", seed=7)
    good = next(c for c in DEMO_CALLS if c.account == "K002")
    result = CliRunner().invoke(
        app, ["calls", "analyze", str(tmp_path / "data" / "calls" / good.file), "--sales", good.sales]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        "  - open · situation · decision chain  [6:53] 陳偉: 那你們那邊除了您，還有誰會參與這次換供應商的決定？"
        in lines
    )
    assert "  + Agreed a next step: 下週." in lines
    assert lines[-1] == "No coaching flags: well done."


def test_demo_data_writes_the_calls_and_make_demo_stores_each(tmp_path: Path) -> None:
    written = run_demo_data(tmp_path / "data", seed=7)
    makefile = MAKEFILE.read_text(encoding="utf-8")
    for call in DEMO_CALLS:
        path = tmp_path / "data" / "calls" / call.file
        assert path in written
        assert path.read_text(encoding="utf-8") == call.text
        for needed in (call.file, f"--account {call.account}", f"--sales {call.sales}", f"--at {call.at}"):
            assert needed in makefile, needed


def test_demo_data_says_what_it_wrote_in_the_users_language(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kam.cli import app

    result = CliRunner().invoke(app, ["demo-data", "--out", str(tmp_path / "data"), "--lang", "zh-Hant"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"已寫入 {tmp_path / 'data' / 'transactions.csv'}"
