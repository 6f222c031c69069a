"""The plan's files: written only where no file is, all or nothing; the CJK font found or a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam.errors import ConfigError
from kam.report.plan_files import PlanFileError, find_cjk_font, write_new_file


def test_a_new_file_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    write_new_file(out, "計畫".encode())
    assert out.read_text(encoding="utf-8") == "計畫"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]  # no temporary file left


@pytest.mark.parametrize("existing", ["file", "symlink", "dangling symlink"])
def test_an_existing_path_is_never_written_over(tmp_path: Path, existing: str) -> None:
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("theirs", encoding="utf-8")
    out = tmp_path / "plan.md"
    if existing == "file":
        out.write_text("mine", encoding="utf-8")
    else:
        out.symlink_to(theirs if existing == "symlink" else tmp_path / "gone")
    with pytest.raises(PlanFileError) as refused:
        write_new_file(out, b"plan")
    assert refused.value.status_code == 409
    assert (
        refused.value.say("en")
        == f"{out} exists already: kam writes the plan only to a new file, never over one"
    )
    assert theirs.read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md", "theirs.txt"]


def test_a_folder_that_does_not_exist_is_an_error_naming_the_file(tmp_path: Path) -> None:
    out = tmp_path / "no" / "plan.md"
    with pytest.raises(PlanFileError) as refused:
        write_new_file(out, b"plan")
    assert refused.value.say("en").startswith(f"cannot write {out}: ")


def test_the_cjk_font_is_found_or_named_as_missing(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    with pytest.raises(ConfigError) as none:
        find_cjk_font(None, dirs=(fonts, tmp_path / "absent"))
    assert "fonts-noto-cjk" in none.value.say("en") and str(fonts) in none.value.say("en")
    (fonts / "NotoSansCJK-Regular.ttc").write_bytes(b"")
    assert find_cjk_font(None, dirs=(tmp_path / "absent", fonts)) == fonts / "NotoSansCJK-Regular.ttc"
    chosen = tmp_path / "my.otf"
    chosen.write_bytes(b"")
    assert find_cjk_font(chosen, dirs=(fonts,)) == chosen
