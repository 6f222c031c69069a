"""The calls core takes transcripts as data (a name and bytes, as an upload gives them) and reads no file:
each is analysed on its own, a bad one reported in its place, with the SHA-256 of each good one's bytes."""

from __future__ import annotations

import hashlib

import pytest

from kam.calls.analyze import analyze_transcript
from kam.calls.batch import TranscriptSource, analyze_calls
from kam.calls.catalog import parse_catalog
from kam.calls.errors import CatalogError, TranscriptError
from kam.domain.stages import Stage
from kam.i18n import Notice
from tests.calls.conftest import DATA

GOOD = (DATA / "en_steel_good.vtt").read_bytes()


def test_transcripts_given_as_bytes_are_analysed_in_order() -> None:
    unreadable = TranscriptError("gone.vtt", Notice("transcript_cannot_read", reason="No such file"))
    run = analyze_calls(
        [
            TranscriptSource("upload-1.vtt", GOOD),
            unreadable,
            TranscriptSource("broken.json", b"[" * 5000),
            TranscriptSource("upload-2.vtt", GOOD),
        ],
        sales=["Amy"],
        stage=Stage.PROPOSAL,
    )
    assert [r.file for r in run.results] == ["upload-1.vtt", "upload-2.vtt"]
    assert [e.file for e in run.errors] == ["gone.vtt", "broken.json"] and run.errors[0] is unreadable
    assert run.sha256 == (hashlib.sha256(GOOD).hexdigest(),) * 2
    assert run.results[0] == analyze_transcript(GOOD, "upload-1.vtt", sales=["Amy"], stage=Stage.PROPOSAL)


@pytest.mark.parametrize(
    ("name", "data", "terms"),
    [
        ("catalog.json", '{"products": [{"name": "A9 terminal", "aliases": ["A9"]}]}', ["A9 terminal", "A9"]),
        ("products.CSV", "product\nrebar\n H-beam \n", ["rebar", "H-beam"]),
        ("terms", "# steel\n螺紋鋼\n\nH型鋼\n", ["螺紋鋼", "H型鋼"]),
    ],
)
def test_a_catalog_given_as_bytes_gives_its_terms(name: str, data: str, terms: list[str]) -> None:
    assert parse_catalog(data.encode("utf-8"), name) == terms


def test_a_catalog_that_is_not_utf8_names_its_byte() -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog("螺紋鋼\n".encode("big5"), "upload.txt")
    assert caught.value.message.key == "catalog_not_utf8"
    assert caught.value.message.params == {"file": "upload.txt", "reason": "byte 1 is not UTF-8"}
