"""The readable report of a coached call (kam.render.calls): the analysis said in the reader's language,
the transcript's own words as plain text on their own lines."""

from __future__ import annotations

import pytest

from kam.calls.analyze import analyze_transcript
from kam.domain.calls import Flag
from kam.domain.languages import Lang
from kam.i18n import text
from kam.render.calls import call_report
from tests.calls.conftest import DATA

EARLY = (DATA / "en_telecom_price_early.srt").read_bytes()


@pytest.mark.parametrize("lang", list(Lang))
def test_the_report_says_the_analysis_in_the_language(lang: Lang) -> None:
    result = analyze_transcript(EARLY, "telecom.srt", sales=["Kevin Wu"])
    assert Flag.PRICE_TOO_EARLY in result.flags
    lines = call_report(result, lang).splitlines()
    assert lines[0] == text("calls.title", lang, file="telecom.srt")
    # after the title and seven lines of figures: the four questions asked, objections, next steps and
    # the one strength, then the flags
    assert lines[8] == text("calls.asked", lang, chain=0)
    assert lines[13:16] == [
        text("calls.no_objections", lang),
        text("calls.no_next_steps", lang),
        text("calls.strengths", lang),
    ]
    assert lines.index(text("calls.flags", lang)) == 17
    assert f"  - {text(f'calls.{Flag.PRICE_TOO_EARLY}', lang)}" in lines


def test_the_transcripts_words_cannot_drive_the_terminal() -> None:
    """A speaker's name or a quote with an escape sequence or a line break stays on its own line, without
    the control characters."""
    data = (
        b"Kevin Wu: Our A9 terminal costs $480 per unit.\x1b[31m\n"
        b"Linda: Why so much?\n"
        b"Kevin Wu: It is $480,\x1b]0;title\x07 really.\n"
    )
    result = analyze_transcript(data, "bad\x1b]0;name\x07\nfile.txt", sales=["Kevin Wu"])
    report = call_report(result, Lang.EN)
    assert "\x1b" not in report and "\x07" not in report
    lines = report.splitlines()
    assert lines[0] == "Call analysis: bad]0;name file.txt"
    quotes = [line for line in lines if line.startswith("      [")]
    assert quotes and all(line.split("] ", 1)[1].startswith("Kevin Wu: ") for line in quotes)
