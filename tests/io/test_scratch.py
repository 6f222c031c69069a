"""The UTF-8 copy of a Big5 or GB18030 file belongs to the table read from it: it is removed when the
table is done with (closed, or left by a `with` block), or when the read fails, while the process goes on;
never kept until the process ends, which for a server is never."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import polars as pl
import pytest

from kam.errors import ConfigError, ImportValidationError, MissingColumnError
from kam.io import scratch
from kam.io.cdnow import read_cdnow
from kam.io.customers import read_customers
from kam.io.options import ReadOptions
from kam.io.readers import read_table
from kam.io.scratch import ScratchFile, open_scratch_files
from kam.io.transactions import load_transactions
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, run_analyze
from kam.usecases.clv import ClvFitOptions, run_clv_fit
from kam.usecases.detect import run_detect

HEADER = "客戶編號,日期,金額\n"
MAPPING = {"customer_id": "客戶編號", "date": "日期", "amount": "金額"}
CDNOW = Path(__file__).parents[1] / "data" / "cdnow" / "CDNOW_sample.txt"


def _lines(count: int) -> str:
    return "".join(
        f"客戶{i % 12},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{100 + i % 7}\n" for i in range(count)
    )


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, where the copies go."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(folder))
    return folder


def copies(temp: Path) -> list[Path]:
    return sorted(temp.glob("kam-scratch-*"))


def still_open(temp: Path) -> list[Path]:
    """The copies in `temp` this process has not removed (other tests may leave theirs elsewhere)."""
    return [path for path in open_scratch_files() if path.parent == temp]


@pytest.fixture
def big5(tmp_path: Path) -> Path:
    path = tmp_path / "sales.csv"
    path.write_bytes((HEADER + _lines(400)).encode("big5"))
    return path


def test_a_scratch_file_is_removed_once_when_closed(temp: Path) -> None:
    made = ScratchFile(".utf8.csv")
    assert made.path.parent == temp and made.path.name.startswith(f"kam-scratch-{os.getpid()}-")
    assert made.path.exists() and still_open(temp) == [made.path] and not made.closed
    made.close()
    made.close()
    assert not made.path.exists() and made.closed and still_open(temp) == []
    with ScratchFile(".x") as other:
        assert other.path.exists()
    assert not other.path.exists() and copies(temp) == []


def test_the_table_owns_its_copy_and_closing_it_removes_the_copy(temp: Path, big5: Path) -> None:
    with read_table(big5) as raw:
        assert raw.encoding == "big5" and raw.scratch is not None
        assert copies(temp) == [raw.file] and raw.frame.collect().height == 400
    assert copies(temp) == [] and still_open(temp) == []


def test_the_read_lines_own_the_copy(temp: Path, big5: Path) -> None:
    options = ReadOptions(
        mapping={"customer_id": "客戶編號", "date": "日期", "amount": "金額"}, streaming=True
    )
    with load_transactions(big5, options) as loaded:
        assert len(copies(temp)) == 1
        assert loaded.frame.collect().height == 400  # streamed: every pass reads the copy again
    assert copies(temp) == []


@pytest.mark.parametrize(
    ("text", "mapping", "error"),
    [
        (HEADER + "客戶1,2024-01-05,30\n", MAPPING, ImportValidationError),  # a UTF-8 line, found copying
        ("名稱,金額\n甲,1\n", {}, MissingColumnError),  # found once the copy is read
        ("名稱,金額\n甲,1\n", MAPPING, ConfigError),  # a mapping naming columns the copy lacks
        (HEADER + "客戶1,2024-13-45,1\n", MAPPING, ImportValidationError),  # a bad date, found checking lines
    ],
    ids=["while-copying", "missing-columns", "mapping", "bad-cell"],
)
def test_a_failed_read_leaves_no_copy(
    temp: Path, tmp_path: Path, text: str, mapping: dict[str, str], error: type[Exception]
) -> None:
    path = tmp_path / "bad.csv"
    if "01-05" in text:  # Big5 lines, then one written in UTF-8
        path.write_bytes((HEADER + _lines(50)).encode("big5") + "王五公司,2024-01-05,30\n".encode())
    else:
        path.write_bytes(text.encode("big5"))
    with pytest.raises(error):
        load_transactions(path, ReadOptions(mapping=mapping))
    assert copies(temp) == [] and still_open(temp) == []


def test_the_customers_table_removes_its_copy_once_read(temp: Path, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_bytes("customer_id,name\nK1,台灣鋼鐵\nK2,中華機械\n".encode("big5"))
    assert read_customers(path).frame["name"].to_list() == ["台灣鋼鐵", "中華機械"]
    assert copies(temp) == []


def test_after_an_analysis_its_copy_is_gone_and_the_process_goes_on(
    temp: Path, big5: Path, tmp_path: Path
) -> None:
    """While the analysis runs, the copy exists (the passes read it); once run_analyze returns it is gone."""
    seen: dict[str, list[Path]] = {}
    read = ReadOptions(mapping=MAPPING, streaming=True)
    options = AnalyzeOptions(str(big5), read=read, out=tmp_path / "out", forecast=False)
    result = run_analyze(options, Settings(), lambda step: seen.setdefault(step, copies(temp)))
    assert len(seen["metrics"]) == 1 and seen["write"] == []
    assert result.summary.encoding == "big5" and result.summary.rows_read == 400
    assert copies(temp) == [] and still_open(temp) == []


def test_detect_and_clv_fit_remove_their_copies(temp: Path, big5: Path, tmp_path: Path) -> None:
    assert run_detect(str(big5)).encoding == "big5"
    assert copies(temp) == []
    cdnow = read_cdnow(CDNOW).collect().with_columns(pl.lit("唱片").alias("品項"))
    path = tmp_path / "cdnow-big5.csv"
    buffer = io.StringIO()
    cdnow.write_csv(buffer)
    path.write_bytes(buffer.getvalue().encode("big5"))
    options = ClvFitOptions(path, out=tmp_path / "fit", calibration_end=dt.date(1997, 9, 30))
    assert run_clv_fit(options).predictions.height == cdnow["customer_id"].n_unique()
    assert copies(temp) == []
