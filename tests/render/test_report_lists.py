"""Key accounts at risk are counted and listed first, and the potential list comes in the order of its
ranks with its length said: in report.html, summary.json and the terminal, on the demo company."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.usecases.demo import run_demo_data
from tests.render.page import read_page
from tests.render.test_report import page_data


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("demo")
    run_demo_data(root / "data", seed=7)
    args = [
        "analyze",
        str(root / "data" / "transactions.csv"),
        "--customers",
        str(root / "data" / "customers.csv"),
    ]
    result = CliRunner().invoke(app, [*args, "--out", str(root / "out")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return root / "out", result.output


def _summary(out: Path) -> dict[str, Any]:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def _rows(html: str, section_id: str) -> list[str]:
    section = html[html.index(f'id="{section_id}"') :]
    section = section[: section.index("</section>")]
    return re.findall(r"<tr(?: class=\"at-risk\")?><td>.*?</tr>", section)


def test_at_risk_is_counted_in_summary_json(run: tuple[Path, str]) -> None:
    out, _ = run
    accounts = pl.read_parquet(out / "accounts.parquet")
    summary = _summary(out)
    assert summary["at_risk"] == accounts["at_risk"].sum() > 0
    assert accounts.filter(pl.col("at_risk"))["segment"].unique().to_list() == ["key"]
    listed = summary["potential_list"]
    assert listed == {
        "listed": summary["segments"]["potential"],
        "qualified": accounts["potential_rank"].count(),
        "limit": 25,  # 5% of the demo's 503 customers, under the 30 of potential_max_accounts
    }
    assert listed["qualified"] > listed["listed"]


def test_report_counts_and_lists_key_accounts_at_risk_first(run: tuple[Path, str]) -> None:
    out, _ = run
    html = (out / "report.html").read_text(encoding="utf-8")
    at_risk = _summary(out)["at_risk"]
    count = re.search(r'<li id="at-risk-count">.*?<span class="count">(\d+)</span>', html)
    assert count is not None and int(count.group(1)) == at_risk
    accounts = pl.read_parquet(out / "accounts.parquet").filter(pl.col("at_risk"))
    rows = _rows(html, "list-at-risk")
    assert len(rows) == at_risk and all('class="at-risk"' in row for row in rows)
    assert [row[row.index("<td>") + 4 :].split(" · ")[0] for row in rows] == accounts["customer_id"].to_list()
    table = page_data(read_page(html))["table"]
    key = [i for i, segment in enumerate(table["segment"]) if segment == "key"]
    flagged = set(accounts["customer_id"].to_list())
    first = [table["customer_id"][i] in flagged for i in key]
    assert first == [True] * at_risk + [False] * (len(key) - at_risk)


def test_report_lists_potential_accounts_by_their_rank(run: tuple[Path, str]) -> None:
    out, _ = run
    html = (out / "report.html").read_text(encoding="utf-8")
    table = page_data(read_page(html))["table"]
    reasons = [r for r, s in zip(table["reasons"], table["segment"], strict=True) if s == "potential"]
    ranks = [int(m.group(1)) for r in reasons if (m := re.search(r"#(\d+) by expected uplift", r))]
    assert ranks == list(range(1, len(ranks) + 1)) and len(ranks) == 25
    assert "The list keeps the 25 accounts with the largest expected uplift, of" in html


def test_the_terminal_counts_and_shows_the_key_accounts_at_risk(run: tuple[Path, str]) -> None:
    out, output = run
    at_risk = _summary(out)["at_risk"]
    assert re.search(rf"key accounts at risk\s+│\s+{at_risk}\s", output)
    assert "Key accounts at risk" in output
    first = pl.read_parquet(out / "accounts.parquet").filter(pl.col("at_risk")).row(0, named=True)
    assert f"{first['customer_id']} · {first['name']}" in output
    assert f"{at_risk - 10} more in accounts.csv" in output
