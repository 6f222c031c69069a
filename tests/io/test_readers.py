"""Text tables as exports write them: one encoding per file (a line in another is named), CR-only line
ends, pipes, float identifiers in Parquet, and a failure found late in a streamed file."""

from __future__ import annotations

import datetime as dt
import math
import os
import signal
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.commands.common import error_text
from kam.errors import ImportValidationError, MissingColumnError
from kam.hints import Hint, HintKey, hint_of
from kam.i18n import Notice, text
from kam.io.options import OnError, ReadOptions
from kam.io.readers import read_table
from kam.io.transactions import load_transactions
from kam.io.unattributed import UnattributedSales
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, run_analyze

HEADER_GB = "客户编号,日期,金额\n"


def _lines(count: int, name: str = "客户") -> str:
    return "".join(f"{name}{i % 40},2024-01-{1 + i % 28:02d},{10 + i % 7}\n" for i in range(count))


def _shell_words(command: str) -> list[str]:
    """The words a POSIX shell makes of `command` (expansions and quotes as a user's shell does them)."""
    done = subprocess.run(["sh", "-c", f"printf '%s\\0' {command}"], capture_output=True, check=True)
    return done.stdout.decode().split("\0")[:-1]


def _notice(err: pytest.ExceptionInfo[ImportValidationError]) -> Notice:
    message = err.value.message
    assert isinstance(message, Notice), message
    return message


def test_a_utf8_line_in_a_gb18030_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    before = (HEADER_GB + _lines(20)).encode("gb18030")
    path.write_bytes(before + "王五公司,2024-01-05,30\n".encode() + _lines(3).encode("gb18030"))
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    notice = _notice(err)
    assert (notice.key, notice.params["line"], notice.params["found"]) == ("mixed_encoding", 22, "UTF-8")
    assert notice.params["expected"] == "GB18030"
    assert str(err.value).startswith(f"{path}, line 22")
    assert "王五公司,2024-01-05,30" in str(err.value)


def test_a_big5_line_after_the_first_64k_of_a_utf8_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    body = "customer_id,date,amount\n" + _lines(5000, "客戶")
    assert len(body.encode()) > 1 << 16
    path.write_bytes(body.encode() + "台積電,2024-01-02,5\n".encode("big5") + _lines(2).encode())
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    notice = _notice(err)
    assert (notice.key, notice.params["line"], notice.params["found"]) == ("mixed_encoding", 5002, "Big5")
    assert notice.params["expected"] == "UTF-8"
    assert "台積電,2024-01-02,5" in str(err.value)


def test_a_big5_line_far_into_a_whitespace_separated_utf8_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "sales.txt"
    body = "customer_id date amount\n" + _lines(5000, "客戶").replace(",", "  ")
    path.write_bytes(body.encode() + "台積電 2024-01-02 5\n".encode("big5"))
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    notice = _notice(err)
    assert (notice.key, notice.params["line"], notice.params["found"]) == ("mixed_encoding", 5002, "Big5")


def test_a_gb18030_line_among_the_first_lines_of_a_utf8_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    body = "客戶編號,日期,金額\n" + _lines(30, "客戶")
    path.write_bytes(
        body.encode() + "王五公司,2024-01-05,30\n".encode("gb18030") + _lines(5, "客戶").encode()
    )
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    notice = _notice(err)
    assert (notice.key, notice.params["line"], notice.params["expected"]) == ("mixed_encoding", 32, "UTF-8")
    assert notice.params["found"] == "GB18030" and "王五公司" in str(err.value)


def test_a_utf8_line_in_a_big5_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    head = ("客戶編號,日期,金額\n" + _lines(10, "客戶")).encode("big5")
    path.write_bytes(head + "王五公司,2024-01-05,30\n".encode() + _lines(2, "客戶").encode("big5"))
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    notice = _notice(err)
    assert (notice.key, notice.params["line"], notice.params["found"]) == ("mixed_encoding", 12, "UTF-8")


@pytest.mark.parametrize("chunk", [64, 1 << 24])  # blocks cut inside lines and characters, or not
def test_bytes_of_no_encoding_far_into_a_legacy_file_name_their_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    from kam.io import textfile

    monkeypatch.setattr(textfile, "CHUNK", chunk)
    body = "客戶編號,日期,金額\n" + _lines(6000, "客戶")  # past the 64 KB head
    path = tmp_path / "bad.csv"
    path.write_bytes(body.encode("big5") + b"\xff\xfe,2024-01-05,10\n")
    with pytest.raises(ImportValidationError) as err:
        read_table(path)
    notice = _notice(err)
    assert (notice.key, notice.params["line"], notice.params["expected"]) == (
        "undecodable_line",
        6002,
        "Big5",
    )


def test_a_legacy_file_in_one_encoding_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    path.write_bytes((HEADER_GB + _lines(6000)).encode("gb18030"))
    loaded = load_transactions(path)
    assert loaded.encoding == "gb18030" and loaded.rows_read == 6000
    assert loaded.frame.collect()["customer_id"].unique().len() == 40


def test_cr_only_line_ends_are_read(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"customer_id,date,amount\rA,2024-01-01,10\rB,2024-01-02,5\rA,2024-01-03,7\r")
    loaded = load_transactions(path)
    frame = loaded.frame.collect()
    assert frame["customer_id"].to_list() == ["A", "B", "A"]
    assert frame["amount"].to_list() == [10.0, 5.0, 7.0]


def test_cr_only_line_ends_in_big5_are_read_and_lines_named(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes("客戶編號,日期,金額\r甲,2024-01-01,10\r乙,2024-13-02,5\r".encode("big5"))
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert err.value.problems[0].row == 3 and err.value.problems[0].column == "日期"


def test_a_pipe_is_read(tmp_path: Path) -> None:
    data = "客户编号,日期,金额\n甲,2024-01-01,10\n乙,2024-01-02,5\n".encode("gb18030")
    script = (
        "from kam.io.transactions import load_transactions\n"
        "loaded = load_transactions('/dev/stdin')\n"
        "print(loaded.encoding, loaded.frame.collect()['customer_id'].to_list())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=data, capture_output=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().split() == ["gb18030", "['甲',", "'乙']"]


def test_kam_analyze_reads_its_data_from_a_pipe(tmp_path: Path) -> None:
    rows = "customer_id,date,amount\n" + "".join(
        f"C{i % 5},2024-0{1 + i % 9}-01,{10 + i}\n" for i in range(50)
    )
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "kam", "analyze", "/dev/stdin", "--no-forecast", "--out", str(out)],
        input=rows.encode(),
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert pl.read_csv(out / "accounts.csv").height == 5


def test_a_line_with_extra_fields_is_named_when_streaming(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    lines = ["customer_id,date,amount,order_id"]
    lines += [f"C{i % 7},2024-01-{1 + i % 28:02d},{10 + i % 5},O{i}" for i in range(300)]
    lines[200] += ",extra"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportValidationError) as err:
        run_analyze(
            AnalyzeOptions(source=str(path), read=ReadOptions(streaming=True), forecast=False), Settings()
        )
    notice = _notice(err)
    assert (notice.key, notice.params["line"], notice.params["fields"]) == ("ragged_line", 201, 5)


def test_float_and_nan_customer_ids_in_parquet(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pl.DataFrame(
        {
            "customer_id": [1.0, 2.0, math.nan, 3.5, 1e300, None],
            "date": [dt.date(2024, 1, d) for d in range(1, 7)],
            "amount": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        }
    ).write_parquet(path)
    for streaming in (False, True):
        loaded = load_transactions(path, ReadOptions(on_error=OnError.SKIP, streaming=streaming))
        assert loaded.frame.collect()["customer_id"].to_list() == ["1", "2", "3.5", "1e+300"]
        assert loaded.rejected.height == 0  # no customer (NaN or empty): unattributed sales, not bad rows
        assert loaded.unattributed is not None and loaded.unattributed.lines == 2
    assert load_transactions(path).unattributed == UnattributedSales(2, 9.0, 21.0)  # not an error either


def test_two_columns_that_fit_the_amount_are_said(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("客戶編號,日期,金額,amount\nA,2024-01-01,10,11\nB,2024-01-02,5,6\n", encoding="utf-8")
    loaded = load_transactions(path)
    choices = [w for w in loaded.warnings if isinstance(w, Notice) and w.key == "column_choice"]
    assert len(choices) == 1
    params = choices[0].params
    assert (params["column"], params["taken"], params["others"]) == ("amount", "amount", "'金額'")
    assert hint_of(choices[0]) == Hint(HintKey.MAP_COLUMN, field="amount", column="金額")
    assert "--map" not in choices[0]  # the command line adds the option
    assert loaded.frame.collect()["amount"].to_list() == [11.0, 6.0]
    detected = CliRunner().invoke(app, ["analyze", str(path), "--detect"])
    notes = [" ".join(note.split()) for note in detected.output.split("• ")[1:]]  # wrapped to the width
    assert detected.exit_code == 0 and notes == [f"{choices[0]}; to read another: --map amount=金額"], (
        detected.output
    )
    chosen = load_transactions(path, ReadOptions(mapping={"amount": "金額"}))
    assert not any(isinstance(w, Notice) and w.key == "column_choice" for w in chosen.warnings)
    assert chosen.frame.collect()["amount"].to_list() == [10.0, 5.0]


@pytest.mark.parametrize("column", ["客戶 編號", "it's", "金額（元）", "a;b", "$HOME"])
def test_suggested_map_options_can_be_pasted_into_a_shell(tmp_path: Path, column: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f'"{column}",x\nA,1\n', encoding="utf-8")
    with pytest.raises(MissingColumnError) as err:
        load_transactions(path)
    example = error_text(err.value, "en").split("(for instance ", 1)[1].split(").", 1)[0]
    assert _shell_words(example) == ["--map", f"{err.value.missing[0]}={column}"]
    path.write_text(f'"{column}",date,amount\nA,2024-01-01,1\n', encoding="utf-8")
    detected = CliRunner().invoke(app, ["analyze", str(path), "--map", f"customer_id={column}", "--detect"])
    prefix = f"{text('detect.mapping', 'en')}: "
    options = next(line for line in detected.output.splitlines() if line.startswith(prefix))
    assert _shell_words(options.removeprefix(prefix)) == [
        "--map",
        f"customer_id={column}",
        "--map",
        "date=date",
        "--map",
        "amount=amount",
    ]


_COPY_AND_DIE = """
import os, signal, sys
from kam.io.readers import read_table
raw = read_table(sys.argv[1])
print(raw.file, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_runs_utf8_copy_is_removed_by_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "gb.csv"
    path.write_bytes((HEADER_GB + _lines(10)).encode("gb18030"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    killed = subprocess.run(
        [sys.executable, "-c", _COPY_AND_DIE, str(path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    copy = Path(killed.stdout.strip())
    assert copy.exists() and copy.is_relative_to(scratch)  # a kill -9 runs no exit handler
    done = subprocess.run(
        [sys.executable, "-m", "kam", "analyze", str(path), "--no-forecast"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert list(scratch.iterdir()) == []


def test_a_missing_sqlite_database_is_refused_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(ImportValidationError) as err:
        read_table(f"sqlite:///{missing}", table="t")
    assert _notice(err).key == "no_such_database"
    assert not missing.exists()


def test_a_sqlite_table_is_read(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "erp.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table sales (customer_id text, date text, amount real)")
        connection.execute("insert into sales values ('A', '2024-01-05', 10)")
    raw = read_table(f"sqlite:///{path}", table="sales")
    assert raw.frame.collect().rows() == [("A", "2024-01-05", 10.0)]
    with pytest.raises(ImportValidationError) as err:
        read_table(f"sqlite:///{path}", table="nothing")
    assert _notice(err).key == "no_such_table"
