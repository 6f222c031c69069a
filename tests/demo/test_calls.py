"""The demo's two sales calls: one done well, one with every mistake; `make demo` stores both."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam.calls import analyze_transcript
from kam.demo.calls import DEMO_CALLS, DEMO_PRODUCTS, DemoCall
from kam.usecases.demo import run_demo_data

EXPECTED_FLAGS = {
    "K002": [],
    "K001": ["not_listening", "early_pitch", "price_too_early", "no_discovery"],
}
MAKEFILE = Path(__file__).parents[2] / "Makefile"


@pytest.mark.parametrize("call", DEMO_CALLS, ids=lambda c: c.account)
def test_the_demo_call_gets_the_coaching_it_was_written_for(call: DemoCall) -> None:
    result = analyze_transcript(
        call.text.encode(), call.file, sales=[call.sales], products=list(DEMO_PRODUCTS)
    )
    found = result.to_dict()
    assert found["flags"] == EXPECTED_FLAGS[call.account]
    assert found["language"] == ("zh-Hant" if call.account == "K002" else "zh-Hans")
    if call.account == "K002":
        assert found["talk"]["customer_to_sales"] >= 2.0
        assert found["questions"]["open"] >= 3
        assert found["price"]["first_sales_quote_at_s"] is None


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
