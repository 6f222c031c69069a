"""`--out`: kam replaces only its own files, all of them or none, and refuses folders that are not its own."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.report import output
from kam.report.output import (
    MANIFEST,
    OutputFolderError,
    OutputSet,
    output_folder,
    recover,
    write_all_or_nothing,
)

runner = CliRunner()
TX = "customer_id,order_id,date,amount\nC1,O1,2024-01-05,100\nC1,O2,2024-03-05,120\nC2,O3,2024-02-01,80\n"
SET = OutputSet("test", frozenset({"a.txt", "b.txt", "c.txt"}))


def _text(value: str) -> output.Writer:
    return lambda path: path.write_text(value, encoding="utf-8")


def _analyze(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["analyze", *args, "--no-forecast"])
    return result.exit_code, result.output


def _listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A user's project: a git folder, notes, a workspace database and the sales export in data/."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "kam-workspace.db").write_bytes(b"SQLite format 3\x00")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sales.csv").write_text(TX, encoding="utf-8")
    (tmp_path / "data" / "other.xlsx").write_bytes(b"PK")
    return tmp_path


@pytest.mark.parametrize("out", ["data", ".", "", "data/sales.csv"])
def test_folders_that_are_not_kams_are_refused_and_left_alone(
    project: Path, out: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    before = _listing(project)
    code, said = _analyze("data/sales.csv", "--out", out)
    assert code == 2, said
    assert _listing(project) == before
    assert "Traceback" not in said


def test_the_parent_of_the_data_folder_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "data")
    before = _listing(project)
    code, said = _analyze("sales.csv", "--out", "..")
    assert code == 2
    assert "notes.txt" in said or ".git" in said  # names what it would not touch
    assert _listing(project) == before


def test_an_empty_out_is_refused_not_read_as_the_current_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputFolderError) as caught:
        output_folder("")
    assert caught.value.message.key == "out_empty"  # type: ignore[attr-defined]
    with pytest.raises(OutputFolderError):
        output_folder("   ")
    assert output_folder("out") == Path("out")


def test_an_existing_file_is_refused_twice_and_untouched(project: Path) -> None:
    target = project / "report.pdf"
    target.write_bytes(b"%PDF")
    for _ in range(2):
        code, _ = _analyze(str(project / "data" / "sales.csv"), "--out", str(target))
        assert code == 2
    assert target.read_bytes() == b"%PDF"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".report")) == []


def test_a_second_run_replaces_only_kams_files(project: Path) -> None:
    out = project / "out"
    assert _analyze(str(project / "data" / "sales.csv"), "--out", str(out))[0] == 0
    (out / "my-notes.md").write_text("keep me", encoding="utf-8")
    (out / "summary.json").chmod(0o640)
    first = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert first["state"] == "complete"
    assert set(first["files"]) == {
        "accounts.csv",
        "accounts.xlsx",
        "accounts.parquet",
        "summary.json",
        "report.html",
    }
    code, said = _analyze(str(project / "data" / "sales.csv"), "--out", str(out), "--lang", "zh-Hant")
    assert code == 0, said
    assert (out / "my-notes.md").read_text(encoding="utf-8") == "keep me"
    assert (out / "summary.json").stat().st_mode & 0o777 == 0o640
    assert "大客戶" in (out / "report.html").read_text(encoding="utf-8") or "客戶" in (
        out / "report.html"
    ).read_text(encoding="utf-8")
    assert not [p for p in out.iterdir() if p.name.startswith(output.STAGED_PREFIX)]


def test_a_symlinked_folder_keeps_its_link_its_mode_and_its_other_files(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "reports"
    real.mkdir(parents=True)
    real.chmod(0o2775)
    link = tmp_path / "out"
    link.symlink_to(real)
    write_all_or_nothing(link, {"a.txt": _text("1")}, outputs=SET)
    (real / "team.txt").write_text("team", encoding="utf-8")
    write_all_or_nothing(link, {"a.txt": _text("2")}, outputs=SET)
    assert link.is_symlink()
    assert real.stat().st_mode & 0o7777 == 0o2775
    assert (real / "team.txt").read_text(encoding="utf-8") == "team"
    assert (real / "a.txt").read_text(encoding="utf-8") == "2"


def test_a_folder_of_an_earlier_kam_without_manifest_is_still_kams(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("old", encoding="utf-8")
    (out / "b.txt").write_text("old", encoding="utf-8")
    write_all_or_nothing(out, {"a.txt": _text("new")}, outputs=SET)
    assert _listing(out).keys() == {"a.txt", MANIFEST}  # b.txt was kam's and is not in the new set


def test_files_of_the_earlier_set_not_written_again_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_all_or_nothing(out, {"a.txt": _text("1"), "b.txt": _text("rejected rows")}, outputs=SET)
    write_all_or_nothing(out, {"a.txt": _text("2")}, outputs=SET)
    assert not (out / "b.txt").exists()
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"] == ["a.txt"]


def test_another_commands_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_all_or_nothing(out, {"a.txt": _text("1")}, outputs=SET)
    with pytest.raises(OutputFolderError) as caught:
        write_all_or_nothing(out, {"a.txt": _text("2")}, outputs=OutputSet("other", SET.may_write))
    assert caught.value.message.key == "out_other_command"  # type: ignore[attr-defined]
    assert (out / "a.txt").read_text(encoding="utf-8") == "1"


def test_a_failing_writer_changes_nothing_and_leaves_no_debris(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_all_or_nothing(out, {"a.txt": _text("old")}, outputs=SET)

    def broken(path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputFolderError) as caught:
        write_all_or_nothing(out, {"a.txt": _text("new"), "b.txt": broken}, outputs=SET)
    assert caught.value.message.key == "out_cannot_write"  # type: ignore[attr-defined]
    assert _listing(out) == {"a.txt": b"old", MANIFEST: (out / MANIFEST).read_bytes()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_parent_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputFolderError):
        write_all_or_nothing(tmp_path / "file" / "out", {"a.txt": _text("1")}, outputs=SET)


@pytest.mark.parametrize("anonymous", [True, False])
def test_an_interrupted_commit_is_completed_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, anonymous: bool
) -> None:
    monkeypatch.setattr(
        output, "_anonymous_files_work", lambda _folder: anonymous and hasattr(os, "O_TMPFILE")
    )
    out = tmp_path / "out"
    write_all_or_nothing(out, {"a.txt": _text("old a"), "b.txt": _text("old b")}, outputs=SET)
    real_replace = os.replace
    calls = {"n": 0}

    def killed_after_one(source: object, target: object) -> None:
        if str(target).endswith(".txt"):
            calls["n"] += 1
            if calls["n"] == 2:
                raise KeyboardInterrupt  # the process dies between two renames
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(output.os, "replace", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        write_all_or_nothing(out, {"a.txt": _text("new a"), "b.txt": _text("new b")}, outputs=SET)
    monkeypatch.setattr(output.os, "replace", real_replace)
    recover(out)
    assert (out / "a.txt").read_text(encoding="utf-8") == "new a"
    assert (out / "b.txt").read_text(encoding="utf-8") == "new b"
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["state"] == "complete"
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "a.txt", "b.txt"]


KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kam.report import output
    if sys.argv[3] == "named":
        output._anonymous_files_work = lambda folder: False
    def slow(path):
        path.write_bytes(b"x" * 1_000_000)
        Path(sys.argv[2]).write_text("writing")
        time.sleep(60)
    output.write_all_or_nothing(
        Path(sys.argv[1]), {"a.txt": lambda p: p.write_text("new"), "b.txt": slow},
        outputs=output.OutputSet("test", frozenset({"a.txt", "b.txt"})),
    )
    """
)


@pytest.mark.parametrize("mode", ["anonymous", "named"])
def test_a_run_killed_while_writing_leaves_the_old_set(tmp_path: Path, mode: str) -> None:
    out = tmp_path / "out"
    write_all_or_nothing(
        out, {"a.txt": _text("old")}, outputs=OutputSet("test", frozenset({"a.txt", "b.txt"}))
    )
    before = _listing(out)
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(out), str(marker), mode])
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert marker.exists()
    if mode == "anonymous" and output._anonymous_files_work(out):
        assert _listing(out) == before  # the half-written file vanished with the process
    write_all_or_nothing(
        out, {"a.txt": _text("next")}, outputs=OutputSet("test", frozenset({"a.txt", "b.txt"}))
    )
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "a.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["marker", "out"]


def test_demo_data_refuses_a_folder_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_bytes(b"PK")
    result = runner.invoke(app, ["demo-data", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert (tmp_path / "thesis.docx").read_bytes() == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.docx"]


def test_clv_fit_refuses_the_folder_of_its_input(tmp_path: Path) -> None:
    data = tmp_path / "sales.csv"
    data.write_text(TX, encoding="utf-8")
    result = runner.invoke(
        app, ["clv", "fit", str(data), "--out", str(tmp_path), "--calibration-end", "2024-02-01"]
    )
    assert result.exit_code != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sales.csv"]
