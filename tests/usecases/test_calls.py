"""The calls use case reads the files and hands the core their bytes: a file that cannot be read is an
error in its place, the others are analysed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam.calls.errors import CatalogError
from kam.usecases.calls import read_catalog, read_transcript, run_calls_analyze
from tests.calls.conftest import DATA

STEEL = DATA / "en_steel_good.vtt"


def test_files_are_read_and_analysed_in_order(tmp_path: Path) -> None:
    missing = tmp_path / "missing.vtt"
    run = run_calls_analyze([STEEL, missing, tmp_path, STEEL], sales=["Amy"])
    assert [r.file for r in run.results] == [str(STEEL), str(STEEL)]
    assert [(e.file, e.problem.key) for e in run.errors] == [
        (str(missing), "transcript_cannot_read"),
        (str(tmp_path), "transcript_cannot_read"),
    ]


def test_a_transcript_file_is_read_as_its_bytes() -> None:
    read = read_transcript(STEEL)
    assert not isinstance(read, Exception)
    assert (read.name, read.data) == (str(STEEL), STEEL.read_bytes())


def test_a_catalog_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    assert read_catalog(None) == []
    with pytest.raises(CatalogError) as caught:
        read_catalog(tmp_path / "none.json")
    assert caught.value.message.params["file"] == tmp_path / "none.json"
    (tmp_path / "c.txt").write_text("rebar\n", encoding="utf-8")
    assert run_calls_analyze([STEEL], sales=["Amy"], catalog=tmp_path / "c.txt").results[0].pitch is not None
