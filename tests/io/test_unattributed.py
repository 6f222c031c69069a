"""Lines without a customer are sales, not errors: set aside and counted, with their share of revenue."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam.domain.languages import Lang
from kam.errors import ImportValidationError
from kam.io.options import OnError, ReadOptions
from kam.io.transactions import load_transactions
from kam.io.unattributed import UnattributedSales

HEADER = "customer_id,date,order_id,amount,currency\n"


def _file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("streaming", [False, True])
@pytest.mark.parametrize(
    "rows,expected",
    [
        # (rows, (unattributed lines, their revenue, revenue of all lines)) or None: nothing set aside
        (["A,2024-01-01,S1,100,TWD", "B,2024-01-02,S2,300,TWD"], None),
        (["A,2024-01-01,S1,100,TWD", ",2024-01-02,S2,300,TWD"], (1, 300.0, 400.0)),
        (["A,2024-01-01,S1,100,TWD", "  ,2024-01-02,S2,300,TWD"], (1, 300.0, 400.0)),  # blank is empty
        # a cancelled walk-in sale counts against the unattributed revenue, as a customer's would
        (["A,2024-01-01,S1,100,TWD", ",2024-01-02,S2,300,TWD", ",2024-01-03,C3,50,TWD"], (2, 250.0, 350.0)),
        # with another currency's lines left out (--currency), the walk-in sales in it are left out too
        (["A,2024-01-01,S1,100,TWD", ",2024-01-02,S2,300,TWD", ",2024-01-03,S3,70,USD"], (1, 300.0, 400.0)),
    ],
)
def test_lines_without_a_customer_are_counted_not_rejected(
    tmp_path: Path, rows: list[str], expected: tuple[int, float, float] | None, streaming: bool
) -> None:
    loaded = load_transactions(_file(tmp_path, rows), ReadOptions(streaming=streaming, currency="TWD"))
    assert loaded.rejected.height == 0
    assert loaded.unattributed == (UnattributedSales(*expected) if expected else None)
    assert None not in loaded.frame.collect()["customer_id"].to_list()
    notices = [w for w in loaded.warnings if getattr(w, "key", "").startswith("unattributed")]
    assert len(notices) == (1 if expected else 0)


@pytest.mark.parametrize(
    "revenue,total,share,key",
    [(300.0, 400.0, 0.75, "unattributed_share"), (-20.0, 0.0, None, "unattributed")],
)
def test_the_share_of_revenue_is_said_when_it_is_known(
    revenue: float, total: float, share: float | None, key: str
) -> None:
    sales = UnattributedSales(3, revenue, total)
    assert sales.share == share
    assert sales.notice().key == key
    assert sales.to_dict() == {"lines": 3, "revenue": revenue, "share_of_revenue": share}
    said = sales.notice().say(Lang.ZH_HANT)
    assert "3" in said and ("75.0%" in said) == (share is not None)


def test_a_line_without_a_customer_and_with_a_bad_cell_is_a_bad_row(tmp_path: Path) -> None:
    path = _file(tmp_path, ["A,2024-01-01,S1,100,TWD", ",someday,S2,300,TWD", ",2024-01-03,S3,50,TWD"])
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "date")]
    loaded = load_transactions(path, ReadOptions(on_error=OnError.SKIP))
    assert loaded.rejected.select("row", "column").rows() == [(3, "date")]
    assert loaded.unattributed == UnattributedSales(1, 50.0, 150.0)


def test_no_line_with_a_customer_is_an_error_naming_the_column(tmp_path: Path) -> None:
    path = _file(tmp_path, [",2024-01-01,S1,100,TWD", ",2024-01-02,S2,300,TWD"])
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    notice = err.value.message
    assert notice.key == "no_customer_ids"
    assert notice.params == {"file": str(path), "column": "customer_id", "count": 2}
