"""A `kam analyze` output folder read back to be stored in the workspace: only a complete, consistent
analysis is read; anything else is refused naming the folder or the file and why, in three languages."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from kam.domain.segments import Segment
from kam.report.analysis_folder import AnalysisFolderError, read_analysis_folder
from tests.workspace.analysis.analyses import LATER, analyse


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return analyse(tmp_path_factory.mktemp("analysis"))[LATER]


def test_a_complete_analysis_is_read_with_its_date_settings_and_accounts(analysis: Path) -> None:
    found = read_analysis_folder(analysis)
    assert (found.as_of, found.basis, found.customers, len(found.accounts)) == (LATER, "net_profit", 36, 36)
    by_code = {a.code: a for a in found.accounts}
    assert (by_code["N"].segment, by_code["N"].reason_codes) == (
        Segment.LAPSED,
        ["silent", "gap", "big", "volume"],
    )
    assert found.settings["lapsed_after_days"] > 0 and found.median_order > 0
    assert by_code["A"].reason_values["abc_tier"] == "A" and by_code["A"].tier == "A"


def _manifest(folder: Path, **changes: object) -> None:
    path = folder / ".kam-outputs.json"
    manifest = json.loads(path.read_text()) | changes
    path.write_text(json.dumps(manifest))


def _summary(folder: Path, **changes: object) -> None:
    path = folder / "summary.json"
    summary = json.loads(path.read_text()) | changes
    path.write_text(json.dumps(summary))


def _parquet(folder: Path, change: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
    path = folder / "accounts.parquet"
    change(pl.read_parquet(path)).write_parquet(path)


Break = Callable[[Path], object]
CASES: list[tuple[str, Break, str]] = [
    ("not a folder", lambda f: shutil.rmtree(f), "sync_not_a_folder"),
    ("no manifest", lambda f: (f / ".kam-outputs.json").unlink(), "sync_not_an_analysis"),
    ("another command's", lambda f: _manifest(f, command="clv fit"), "sync_not_an_analysis"),
    ("manifest not JSON", lambda f: (f / ".kam-outputs.json").write_text("{"), "sync_unreadable"),
    ("interrupted", lambda f: _manifest(f, state="committing"), "sync_incomplete"),
    ("no parquet", lambda f: (f / "accounts.parquet").unlink(), "sync_missing_file"),
    ("parquet not listed", lambda f: _manifest(f, files=["summary.json"]), "sync_missing_file"),
    ("broken parquet", lambda f: (f / "accounts.parquet").write_bytes(b"PAR1 broken"), "sync_unreadable"),
    ("summary not JSON", lambda f: (f / "summary.json").write_text("{"), "sync_unreadable"),
    ("summary without settings", lambda f: _summary(f, settings=None), "sync_incompatible"),
    ("summary with a bad date", lambda f: _summary(f, as_of="yesterday"), "sync_incompatible"),
    ("no reason codes", lambda f: _parquet(f, lambda a: a.drop("reason_codes")), "sync_incompatible"),
    ("a customer fewer", lambda f: _parquet(f, lambda a: a.head(35)), "sync_mismatched"),
    ("other segments", lambda f: _summary(f, segments={"key": 36}), "sync_mismatched"),
    (
        "an unknown segment",
        lambda f: _parquet(f, lambda a: a.with_columns(pl.col("segment").replace({"lapsed": "gone"}))),
        "sync_mismatched",
    ),
    (
        "an unknown reason",
        lambda f: _parquet(f, lambda a: a.with_columns(reason_codes=pl.lit(["nope"]))),
        "sync_bad_verdict",
    ),
]


@pytest.mark.parametrize(("broken", "key"), [(b, k) for _, b, k in CASES], ids=[c[0] for c in CASES])
def test_a_folder_that_is_not_a_complete_consistent_analysis_is_refused(
    analysis: Path, tmp_path: Path, broken: Break, key: str
) -> None:
    folder = tmp_path / "out"
    shutil.copytree(analysis, folder)
    broken(folder)
    with pytest.raises(AnalysisFolderError) as refused:
        read_analysis_folder(folder)
    assert refused.value.args[0].key == key and refused.value.status_code == 422
    for lang in ("en", "zh-Hant", "zh-Hans"):
        said = refused.value.say(lang)
        assert str(folder) in said and "{" not in said.replace(str(folder), "")


def test_the_refusal_is_said_in_each_language(tmp_path: Path) -> None:
    with pytest.raises(AnalysisFolderError) as refused:
        read_analysis_folder(tmp_path)
    assert [refused.value.say(lang) for lang in ("en", "zh-Hant", "zh-Hans")] == [
        f"{tmp_path} holds no analysis: its manifest (.kam-outputs.json) is missing or does not say that an "
        "analysis wrote it",
        f"{tmp_path} 中沒有分析：其清單檔（.kam-outputs.json）不存在，或未表明由分析寫入",
        f"{tmp_path} 中没有分析：其清单文件（.kam-outputs.json）不存在，或未表明由分析写入",
    ]
