"""An earlier analysis read back to compare with: from accounts.parquet or accounts.csv, and a clear error
naming the file when it is missing, unreadable or not an analysis this kam can compare with."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from kam.hints import Hint, HintKey
from kam.report.previous import PreviousRunError, read_previous

ACCOUNTS = pl.DataFrame(
    {
        "customer_id": ["K1", "00042"],
        "segment": ["key", "regular"],
        "at_risk": [True, False],
        "revenue": [1.0, 2.0],
    }
)


def _folder(tmp_path: Path, summary: object = None, parquet: bool = True, csv: bool = True) -> Path:
    folder = tmp_path / "previous"
    folder.mkdir()
    if summary is not None:
        text = summary if isinstance(summary, str) else json.dumps(summary)
        (folder / "summary.json").write_text(text, encoding="utf-8")
    if parquet:
        ACCOUNTS.write_parquet(folder / "accounts.parquet")
    if csv:
        (folder / "accounts.csv").write_bytes(b"\xef\xbb\xbf" + ACCOUNTS.write_csv().encode())  # with a BOM
    return folder


def test_an_earlier_analysis_is_read_from_its_parquet_file(tmp_path: Path) -> None:
    previous = read_previous(_folder(tmp_path, {"as_of": "2026-06-30"}))
    assert previous.as_of == dt.date(2026, 6, 30)
    assert previous.accounts.equals(ACCOUNTS)


def test_without_the_parquet_file_accounts_csv_is_read(tmp_path: Path) -> None:
    """Ids keep their leading zeros, the flag reads as a flag, and a byte-order mark is no part of a name."""
    previous = read_previous(_folder(tmp_path, {"as_of": "2026-06-30"}, parquet=False))
    assert previous.accounts.select("customer_id", "segment", "at_risk").rows() == [
        ("K1", "key", True),
        ("00042", "regular", False),
    ]


@pytest.mark.parametrize(
    ("summary", "parquet", "csv", "file", "said"),
    [
        pytest.param(None, True, True, "summary.json", "not found", id="no summary.json"),
        pytest.param("{not json", True, True, "summary.json", "cannot be read", id="summary.json not JSON"),
        pytest.param(
            {"segments": {}}, True, True, "summary.json", "has no as_of", id="summary without a date"
        ),
        pytest.param(
            {"as_of": "June"}, True, True, "summary.json", "has no as_of", id="a date that is not one"
        ),
        pytest.param([1, 2], True, True, "summary.json", "has no as_of", id="summary.json a list"),
        pytest.param({"as_of": "2026-06-30"}, False, False, "accounts.csv", "not found", id="no accounts"),
    ],
)
def test_what_cannot_be_compared_with_is_named(
    tmp_path: Path, summary: object, parquet: bool, csv: bool, file: str, said: str
) -> None:
    folder = _folder(tmp_path, summary, parquet, csv)
    with pytest.raises(PreviousRunError) as caught:
        read_previous(folder)
    assert str(caught.value).startswith(str(folder / file))
    assert said in str(caught.value)
    assert caught.value.hint == Hint(HintKey.OPTION, option="compare")
    assert caught.value.status_code == 422


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(PreviousRunError, match=r"summary\.json not found"):
        read_previous(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("accounts", "said"),
    [
        pytest.param(ACCOUNTS.drop("segment"), "has no segment", id="no segments"),
        pytest.param(ACCOUNTS.drop("customer_id"), "has no customer_id", id="no customer ids"),
        pytest.param(
            ACCOUNTS.with_columns(segment=pl.lit("strategic")),
            "has no segment strategic",
            id="an unknown segment",
        ),
    ],
)
def test_accounts_of_another_kind_are_named(tmp_path: Path, accounts: pl.DataFrame, said: str) -> None:
    folder = _folder(tmp_path, {"as_of": "2026-06-30"}, parquet=False, csv=False)
    accounts.write_parquet(folder / "accounts.parquet")
    with pytest.raises(PreviousRunError) as caught:
        read_previous(folder)
    assert str(caught.value).startswith(f"{folder / 'accounts.parquet'} {said}")


def test_an_unreadable_parquet_file_is_named(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"as_of": "2026-06-30"}, parquet=False)
    (folder / "accounts.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(PreviousRunError) as caught:
        read_previous(folder)
    assert str(caught.value).startswith(
        f"{folder / 'accounts.parquet'} cannot be read as an earlier analysis"
    )
