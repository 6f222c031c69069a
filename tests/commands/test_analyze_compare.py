"""`kam analyze --compare`: two analyses of the demo company a quarter apart list the moves planted in its
last quarter, in the terminal, in summary.json and in report.html; an earlier analysis that cannot be
compared with stops the run with one line naming the file.

The demo plants (kam.demo.steel): M01 stopped buying 150 days before the end (it leaves `key`), M02 195
days before (newly lapsed, from key), M03 missed its monthly orders (a key account newly at risk), and
G04 bought once, in three orders within five days, in the last quarter (a new fake: one-off bulk).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.demo.steel import QUARTER_BEFORE, make_demo_company
from kam.usecases.demo import run_demo_data

PLANTED = make_demo_company(7).moves


def kam(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def quarters(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The demo analysed as of a quarter before its end, then at its end compared with that."""
    root = tmp_path_factory.mktemp("quarters")
    data = root / "data"
    run_demo_data(data, seed=7)
    inputs = [data / "transactions.csv", "--customers", data / "customers.csv"]
    code, output = kam("analyze", *inputs, "--out", root / "q2", "--as-of", QUARTER_BEFORE.isoformat())
    assert code == 0, output
    code, output = kam("analyze", *inputs, "--out", root / "q3", "--compare", root / "q2")
    assert code == 0, output
    return root / "q2", root / "q3", output


def _summary(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))


def test_the_planted_moves_are_in_summary_json(quarters: tuple[Path, Path, str]) -> None:
    _, q3, _ = quarters
    changes = _summary(q3)["changes"]
    assert changes["previous_as_of"] == QUARTER_BEFORE.isoformat()
    assert changes["previous"] == str(quarters[0])
    listed = {name: [c["customer_id"] for c in changes[name]] for name in PLANTED}
    for name, customers in PLANTED.items():
        assert set(customers) <= set(listed[name]), (name, listed[name])
    moved = {c["customer_id"]: (c["from"], c["to"]) for name in PLANTED for c in changes[name]}
    assert moved["M01"] == ("key", "regular")
    assert moved["M02"] == ("key", "lapsed")
    assert moved["M03"] == ("key", "key")
    assert moved["G04"] == (None, "one_off_bulk")


def test_each_planted_move_comes_with_the_numbers_that_changed(quarters: tuple[Path, Path, str]) -> None:
    changes = _summary(quarters[1])["changes"]
    figures = {c["customer_id"]: c["figures"] for name in PLANTED for c in changes[name]}
    assert figures["M01"]["recency_days"] == [59, 150]  # its last order 150 days before the end
    assert figures["M02"]["recency_days"] == [104, 195]
    assert figures["M03"]["recency_days"] == [9, 70]
    assert figures["G04"]["orders"] == [None, 3] and figures["G04"]["episodes"] == [None, 1]


def test_the_moves_between_segments_are_counted(quarters: tuple[Path, Path, str]) -> None:
    q2, q3, _ = quarters
    moves = {(m["from"], m["to"]): m["count"] for m in _summary(q3)["changes"]["moves"]}
    assert moves[("key", "lapsed")] >= 1 and moves[(None, "one_off_bulk")] == 1
    # every customer of either analysis that changed segment is counted once
    before, now = _summary(q2)["segments"], _summary(q3)["segments"]
    for segment in now:
        into = sum(n for (_, to), n in moves.items() if to == segment)
        out_of = sum(n for (source, _), n in moves.items() if source == segment)
        assert now[segment] - before[segment] == into - out_of, segment


def test_the_terminal_says_what_changed(quarters: tuple[Path, Path, str]) -> None:
    output = quarters[2]
    assert f"What changed since the analysis of {QUARTER_BEFORE.isoformat()}" in output
    lines = output.splitlines()

    def line_of(customer: str) -> str:
        return next(line for line in lines if re.match(rf"\s+{customer} · ", line))

    assert "key account → regular" in line_of("M01")
    assert "days since the last order 59 → 150" in line_of("M01")
    assert "not in the data → one-off bulk buyer (fake)" in line_of("G04")


def test_report_html_says_what_changed(quarters: tuple[Path, Path, str]) -> None:
    html = (quarters[1] / "report.html").read_text(encoding="utf-8")
    section = html[
        html.index('<section id="changes">') : html.index("</section>", html.index('id="changes"'))
    ]
    for name, customers in PLANTED.items():
        part = section[section.index(f'id="changes-{name}"') :]
        assert all(f"<td>{c} · " in part for c in customers), name
    assert "days since the last order 59 → 150" in section


def test_a_report_in_chinese_says_the_changes_in_chinese(
    quarters: tuple[Path, Path, str], tmp_path: Path
) -> None:
    q2, _, _ = quarters
    data = q2.parent / "data"
    code, output = kam(
        "analyze",
        data / "transactions.csv",
        "--out",
        tmp_path / "zh",
        "--compare",
        q2,
        "--lang",
        "zh-Hant",
        "--no-forecast",
    )
    assert code == 0, output
    html = (tmp_path / "zh" / "report.html").read_text(encoding="utf-8")
    assert f"與{QUARTER_BEFORE.isoformat()}的分析相比有何變化" in html
    assert "不再是大客戶" in html


@pytest.mark.parametrize(
    ("make", "file", "said"),
    [
        pytest.param(lambda folder: None, "summary.json", "not found", id="nothing there"),
        pytest.param(
            lambda folder: (folder / "summary.json").write_text('{"as_of": "2026-06-30"}', encoding="utf-8"),
            "accounts.csv",
            "not found",
            id="no accounts",
        ),
        pytest.param(
            lambda folder: (folder / "summary.json").write_text('{"figures": 1}', encoding="utf-8"),
            "summary.json",
            "has no as_of",
            id="another command's summary",
        ),
    ],
)
def test_an_earlier_analysis_that_cannot_be_compared_stops_the_run(
    quarters: tuple[Path, Path, str], tmp_path: Path, make: Any, file: str, said: str
) -> None:
    folder = tmp_path / "earlier"
    folder.mkdir()
    make(folder)
    data = quarters[0].parent / "data"
    code, output = kam("analyze", data / "transactions.csv", "--out", tmp_path / "out", "--compare", folder)
    assert code == 2
    assert str(folder / file) in output and said in output
    assert "--compare" in output  # the hint, in the words of the command line
    assert not (tmp_path / "out").exists()  # stopped before any work
