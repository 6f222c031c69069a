"""Output files: all or nothing, and numbers without the binary noise of long sums."""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest

from kam.report.output import tidy_floats, tidy_json, write_all_or_nothing


def test_floats_lose_their_noise_not_their_digits() -> None:
    frame = pl.DataFrame(
        {"id": ["a", "b", "c"], "money": [2762.2099999999996, 14430635.029999996, -0.1], "n": [1, 2, 3]}
    )
    tidy = tidy_floats(frame)
    assert tidy["money"].to_list() == [2762.21, 14430635.03, -0.1]
    assert tidy["n"].to_list() == [1, 2, 3]
    assert tidy["id"].to_list() == ["a", "b", "c"]
    assert tidy_floats(pl.DataFrame({"share": [1.2345678901234e-7]}))["share"][0] == pytest.approx(
        1.23456789012e-7
    )


def test_json_numbers_are_tidied_recursively() -> None:
    doc = {"a": 0.09619238476953908, "b": [1430147.4903355278, 3], "c": {"d": float("nan")}, "e": "x"}
    tidy = tidy_json(doc)
    assert tidy["a"] == 0.0961923847695
    assert tidy["b"] == [1430147.49034, 3]
    assert math.isnan(tidy["c"]["d"])
    assert tidy["e"] == "x"


def test_a_failing_writer_leaves_the_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_all_or_nothing(out, {"a.txt": lambda p: p.write_text("old", encoding="utf-8")})

    def broken(path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_all_or_nothing(out, {"a.txt": lambda p: p.write_text("new", encoding="utf-8"), "b.txt": broken})
    assert (out / "a.txt").read_text(encoding="utf-8") == "old"
    assert not (out / "b.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
