"""summary.json is the AnalysisSummary model, and on the demo company it holds what it held before the
model: the same keys in the same order and the same values (tests/data/demo/summary.json)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from kam.domain.segments import Segment
from kam.i18n import Notice
from kam.report.output import tidy_json
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, AnalyzeResult, run_analyze
from kam.usecases.demo import run_demo_data
from kam.usecases.summary import AnalysisSummary

EXPECTED = Path(__file__).parents[1] / "data" / "demo" / "summary.json"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[AnalyzeResult, Path]:
    folder = tmp_path_factory.mktemp("summary")
    run_demo_data(folder / "d", seed=7)
    options = AnalyzeOptions(str(folder / "d" / "transactions.csv"), customers=folder / "d" / "customers.csv")
    result = run_analyze(AnalyzeOptions(**{**vars(options), "out": folder / "o"}), Settings())
    return result, folder / "o" / "summary.json"


def differences(expected: Any, found: Any, where: str = "") -> list[str]:
    """Where `found` differs from `expected`: keys (and their order), lengths, and values (floats to 1e-9,
    as the engines' sums differ in their last bits from run to run)."""
    if isinstance(expected, dict) and isinstance(found, dict):
        if list(expected) != list(found):
            return [f"{where}: keys {list(expected)} != {list(found)}"]
        return [d for key in expected for d in differences(expected[key], found[key], f"{where}.{key}")]
    if isinstance(expected, list) and isinstance(found, list):
        if len(expected) != len(found):
            return [f"{where}: {len(expected)} items != {len(found)}"]
        return [
            d
            for i, pair in enumerate(zip(expected, found, strict=True))
            for d in differences(*pair, f"{where}[{i}]")
        ]
    if isinstance(expected, float) and isinstance(found, int | float) and not isinstance(found, bool):
        return [] if math.isclose(expected, found, rel_tol=1e-9) else [f"{where}: {expected} != {found}"]
    return (
        [] if (type(expected), expected) == (type(found), found) else [f"{where}: {expected!r} != {found!r}"]
    )


def test_the_demo_summary_holds_what_it_held(demo_run: tuple[AnalyzeResult, Path]) -> None:
    _, written = demo_run
    found = json.loads(written.read_text(encoding="utf-8"))
    assert Path(found["source"]).name == "transactions.csv"
    found["source"] = "transactions.csv"
    assert differences(json.loads(EXPECTED.read_text(encoding="utf-8")), found) == []


@pytest.mark.parametrize(
    ("expected", "found", "told"),
    [
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, [": keys ['a', 'b'] != ['b', 'a']"]),
        ({"a": 0.1}, {"a": 0.1 + 1e-12}, []),
        ({"a": 0.1}, {"a": 0.1001}, [".a: 0.1 != 0.1001"]),
        ({"a": 1}, {"a": 1.0}, [".a: 1 != 1.0"]),
        ({"a": [1, 2]}, {"a": [1]}, [".a: 2 items != 1"]),
        ({"a": None}, {"a": 0}, [".a: None != 0"]),
    ],
)
def test_the_comparison_sees_each_difference(expected: Any, found: Any, told: list[str]) -> None:
    assert differences(expected, found) == told


def test_run_analyze_returns_the_summary_it_wrote(demo_run: tuple[AnalyzeResult, Path]) -> None:
    result, written = demo_run
    assert isinstance(result.summary, AnalysisSummary)
    assert tidy_json(result.summary.to_json()) == json.loads(written.read_text(encoding="utf-8"))


def test_the_summary_keeps_its_notices_and_reads_back_from_json(demo_run: tuple[AnalyzeResult, Path]) -> None:
    """The warnings stay notices, said in any language at the edge; summary.json reads back into the same
    summary (as an API client would read the response)."""
    result, written = demo_run
    summary = result.summary
    assert all(isinstance(w, Notice) for w in summary.warnings)
    assert [w.key for w in summary.warnings] == ["spend_not_identified"]
    assert list(summary.segments) == list(Segment) and summary.segments[Segment.PROFIT_SQUEEZER] == 3
    again = AnalysisSummary.model_validate_json(written.read_text(encoding="utf-8"))
    assert again.segments == summary.segments and again.portfolio.customers == summary.customers == 503
    assert tidy_json(again.to_json()) == tidy_json(summary.to_json())
