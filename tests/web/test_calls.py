"""Calls on the pages: a transcript uploaded onto an account is coached and stored (dated by the form or
its own header, never by a file's time), a bad one gets a clear message beside the file, and the stored
call's page shows its timeline (who spoke when, the moments) and its flags with their reasons; what the
call proposes is accepted or rejected on the account page; a salesperson's trend over their calls."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from kam.domain.proposals import ProposalKind
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.db import make_engine, session_scope
from kam.workspace.interactions.service import get_interaction
from kam.workspace.needs.schemas import NeedFilters
from kam.workspace.needs.service import list_needs
from kam.workspace.proposals.service import list_proposals
from tests.web.conftest import Browser

DATA = Path(__file__).parents[1] / "data" / "calls"
STEEL = DATA / "en_steel_good.vtt"
PUSHY = DATA / "zh_hant_pushy_big5.txt"
RECORDED = "WEBVTT - recorded 2026-03-14 10:30 +08:00"


def _upload(
    browser: Browser, path: Path | None, data: bytes | None = None, code: str = "A", **form: str
) -> Any:
    files = (
        {} if path is None else {"transcript": (path.name, data if data is not None else path.read_bytes())}
    )
    fields = {"csrf_token": browser.csrf, **form}
    return browser.client.post(f"/accounts/{code}/calls", data=fields, files=files, follow_redirects=False)


def _call_id(answer: Any) -> int:
    assert answer.status_code == 303, answer.text[:3000]
    found = re.fullmatch(r"/accounts/A/calls/(\d+)", answer.headers["location"])
    assert found
    return int(found.group(1))


def _stored(url: str, interaction_id: int) -> Any:
    engine = make_engine(url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        found = get_interaction(session, interaction_id)
    engine.dispose()
    return found


def _beside(text: str, field: str) -> str:
    found = re.search(rf'<span class="field-error" id="error-{field}">([^<]*)</span>', text)
    assert found, text[:3000]
    return found.group(1).replace("&#39;", "'")


def test_an_uploaded_call_is_stored_at_the_time_the_form_gives(
    signed_in: Browser, workspace_url: str
) -> None:
    call = _call_id(_upload(signed_in, STEEL, sales="Amy", at="2026-03-02T09:15"))
    stored = _stored(workspace_url, call)
    assert stored.occurred_at == dt.datetime(2026, 3, 2, 9, 15).astimezone()
    assert (stored.title, stored.account_code, stored.analysis.flags) == ("en_steel_good.vtt", "A", [])
    assert [t["speaker"] for t in stored.analysis.result["turns"][:2]] == ["Amy Chen", "David Lin"]


def test_without_a_time_the_transcripts_header_dates_the_call_never_the_files_time(
    signed_in: Browser, workspace_url: str, tmp_path: Path
) -> None:
    copy = tmp_path / "steel.vtt"
    copy.write_bytes(STEEL.read_bytes().replace(b"WEBVTT", RECORDED.encode(), 1))
    os.utime(copy, (1_600_000_000, 1_600_000_000))  # 2020: a copy's time, not the call's
    call = _call_id(_upload(signed_in, copy, sales="Amy"))
    assert _stored(workspace_url, call).occurred_at == dt.datetime(2026, 3, 14, 2, 30, tzinfo=dt.UTC)


def test_a_call_that_says_no_time_and_is_given_none_is_refused(signed_in: Browser) -> None:
    answer = _upload(signed_in, STEEL, sales="Amy")
    assert answer.status_code == 422 and "en_steel_good.vtt" in _beside(answer.text, "at")
    assert 'id="upload-call"' in answer.text and 'value="Amy"' in answer.text


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("notes.txt", b"just some words\nwithout any speaker\n", "unknown format"),
        ("one.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Amy>Hello</v>\n", "only one speaker"),
        ("big.txt", b"Amy: hi\n" * 100_000, "larger than 524288 bytes"),
    ],
)
def test_a_bad_file_gets_a_clear_message_beside_the_file(
    signed_in: Browser, name: str, data: bytes, said: str
) -> None:
    answer = _upload(signed_in, Path(name), data, sales="Amy", at="2026-03-02T09:15")
    assert answer.status_code == 422
    message = _beside(answer.text, "transcript")
    assert name in message and said in message.lower()


@pytest.mark.parametrize(
    ("lang", "size", "said"),
    [
        ("en", 2 * 1024 * 1024, "big.vtt is larger than 524288 bytes."),
        ("zh-Hant", 2 * 1024 * 1024, "big.vtt 大於 524288 位元組。"),
        ("zh-Hans", 20 * 1024 * 1024, "big.vtt 大于 524288 字节。"),
    ],
)
def test_a_file_over_the_apis_body_limit_is_said_too_large_beside_the_field(
    signed_in: Browser, lang: str, size: int, said: str
) -> None:
    signed_in.post("/language", {"lang": lang, "next": "/accounts/A"}, htmx=False)
    answer = _upload(signed_in, Path("big.vtt"), b"x" * size, sales="Amy Chen", at="2026-03-02T09:15")
    assert answer.status_code == 422 and answer.headers["content-type"].startswith("text/html")
    assert _beside(answer.text, "transcript") == said
    assert 'value="Amy Chen"' in answer.text and 'value="2026-03-02T09:15"' in answer.text  # kept


def test_a_large_upload_without_the_csrf_token_is_still_refused(signed_in: Browser) -> None:
    files = {"transcript": ("big.vtt", b"x" * (2 * 1024 * 1024))}
    answer = signed_in.client.post("/accounts/A/calls", data={"sales": "Amy"}, files=files)
    assert answer.status_code == 403


def test_elsewhere_a_body_over_the_limit_still_gets_the_apis_json_answer(signed_in: Browser) -> None:
    body = b"x" * (2 * 1024 * 1024)
    for path in ("/api/v1/accounts", "/accounts/A/stakeholders"):
        answer = signed_in.client.post(path, content=body, headers={"content-type": "application/json"})
        assert answer.status_code == 413, path
        assert answer.json()["error"]["code"] == "api_body_too_large"


@pytest.mark.parametrize(
    ("at", "field"), [("", "transcript"), ("yesterday", "at"), ("1800-01-01T10:00", "at")]
)
def test_a_missing_file_or_a_bad_time_is_said_beside_its_field(
    signed_in: Browser, at: str, field: str
) -> None:
    answer = _upload(signed_in, None if field == "transcript" else STEEL, sales="Amy", at=at)
    assert answer.status_code == 422 and _beside(answer.text, field)


def test_unnamed_salespeople_are_said_with_the_speakers_found(signed_in: Browser) -> None:
    answer = _upload(signed_in, STEEL, at="2026-03-02T09:15")
    assert answer.status_code == 422 and "Amy Chen" in _beside(answer.text, "transcript")


def test_a_rep_cannot_upload_onto_another_teams_account(signed_in: Browser) -> None:
    answer = _upload(signed_in, STEEL, code="B", sales="Amy", at="2026-03-02T09:15")
    assert answer.status_code == 404


def test_an_upload_without_the_csrf_token_is_refused(signed_in: Browser) -> None:
    files = {"transcript": (STEEL.name, STEEL.read_bytes())}
    answer = signed_in.client.post("/accounts/A/calls", data={"sales": "Amy"}, files=files)
    assert answer.status_code == 403


def _timeline(text: str) -> dict[str, Any]:
    found = re.search(r"id=\"timeline-data\" hidden data-json='([^']+)'", text)
    assert found
    return dict(json.loads(found.group(1).replace("&#34;", '"').replace("&amp;", "&").replace("&#39;", "'")))


def test_the_call_page_shows_who_spoke_when_and_the_flags_with_their_reasons(signed_in: Browser) -> None:
    call = _call_id(_upload(signed_in, PUSHY, sales="張志明", at="2026-03-02T09:15"))
    page = signed_in.get(f"/accounts/A/calls/{call}")
    assert page.status_code == 200
    line = _timeline(page.text)
    assert line["speakers"] == ["張志明", "林小姐"] and line["sales"] == ["張志明"]
    assert {turn[2] for turn in line["turns"]} == {0, 1}
    assert [turn[3] for turn in line["turns"][:2]] == ["sales", "customer"]
    kinds = [m["kind"] for m in line["moments"]]
    assert {"pitch", "price", "quote", "flag"} <= set(kinds)
    assert [m["at"] for m in line["moments"]] == sorted(m["at"] for m in line["moments"])
    flags = re.findall(r'<div class="flag-reason" id="flag-(\w+)">', page.text)
    assert flags == ["not_listening", "early_pitch", "price_too_early", "no_discovery"]
    assert "a figure before negotiation leaks your floor" in page.text
    assert "每噸只要五千八百元" in page.text
    form = {"lang": "zh-Hant", "next": "/", "csrf_token": signed_in.csrf}
    assert signed_in.client.post("/language", data=form, follow_redirects=False).status_code == 303
    chinese = signed_in.get(f"/accounts/A/calls/{call}").text
    assert "過早談價格" in chinese and _timeline(chinese)["kinds"]["price"] == "價格"


def test_an_older_analysis_without_turns_still_shows_its_moments(
    signed_in: Browser, workspace_url: str
) -> None:
    from kam.workspace.interactions.models import CallAnalysisRecord

    call = _call_id(_upload(signed_in, PUSHY, sales="張志明", at="2026-03-02T09:15"))
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        record = session.query(CallAnalysisRecord).filter_by(interaction_id=call).one()
        record.result = {k: v for k, v in record.result.items() if k != "turns"}
    engine.dispose()
    page = signed_in.get(f"/accounts/A/calls/{call}")
    line = _timeline(page.text)
    assert page.status_code == 200 and line["turns"] == [] and line["moments"]
    assert "upload the transcript again" in page.text


def test_a_call_of_another_account_or_without_analysis_is_not_found(signed_in: Browser) -> None:
    call = _call_id(_upload(signed_in, STEEL, sales="Amy", at="2026-03-02T09:15"))
    assert signed_in.get(f"/accounts/B/calls/{call}").status_code == 404
    noted = signed_in.post(
        "/accounts/A/interactions", {"kind": "note", "occurred_at": "2026-03-01T10:00", "title": "A note"}
    )
    note = int(re.search(r'id="interactions-(\d+)"', noted.text).group(1))  # type: ignore[union-attr]
    assert signed_in.get(f"/accounts/A/calls/{note}").status_code == 404


def test_what_a_call_proposes_is_accepted_or_rejected_on_the_account_page(
    signed_in: Browser, workspace_url: str
) -> None:
    call = _call_id(_upload(signed_in, STEEL, sales="Amy", at="2026-03-02T09:15"))
    engine = make_engine(workspace_url)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        proposed = [p for p in list_proposals(session, "A") if p.kind is ProposalKind.NEED]
    page = signed_in.get("/accounts/A").text
    pending = [int(p) for p in re.findall(r'<tr id="proposal-(\d+)" class="proposal status-pending">', page)]
    assert len(proposed) >= 2 and {p.id for p in proposed} <= set(pending)
    first, second = proposed[0], proposed[1]
    assert first.text in page
    accepted = signed_in.post(f"/accounts/A/proposals/{first.id}/accept")
    assert accepted.status_code == 200 and "status-accepted" in accepted.text
    rejected = signed_in.post(f"/accounts/A/proposals/{second.id}/reject")
    assert rejected.status_code == 200 and "status-rejected" in rejected.text
    assert signed_in.post(f"/accounts/A/proposals/{second.id}/accept").status_code == 409
    assert signed_in.post(f"/accounts/B/proposals/{first.id}/accept").status_code == 404
    with session_scope(engine, LOCAL_OPERATOR) as session:
        needs = list_needs(session, NeedFilters(account="A")).items
    engine.dispose()
    assert [(n.statement, n.interaction) for n in needs] == [(first.text, call)]


def test_a_salespersons_trend_over_their_calls(signed_in: Browser) -> None:
    for day in ("2026-03-02", "2026-03-09", "2026-03-16"):
        data = STEEL.read_bytes().replace(b"today", day.encode())  # three different calls
        _call_id(_upload(signed_in, STEEL, data, sales="Amy", at=f"{day}T09:15"))
    page = signed_in.get("/calls/trend?sales=Amy Chen")
    assert page.status_code == 200
    lines = re.findall(r"<li>([^<]*)</li>", page.text[page.text.index('id="trend-lines"') :])
    assert lines[0].startswith("Trend of Amy Chen over 3 stored calls")
    found = re.search(r"id=\"trend-data\" hidden data-json='([^']+)'", page.text)
    assert found and len(json.loads(found.group(1).replace("&#34;", '"'))["measures"][0]["points"]) == 3
    nobody = signed_in.get("/calls/trend?sales=Zed").text
    assert "No stored calls by Zed" in nobody and 'id="trend-data"' not in nobody
