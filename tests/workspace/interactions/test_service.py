"""Interactions and call analyses on both databases, with real transcripts from the call corpus."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kam.calls.analyze import analyze_transcript
from kam.calls.models import CallAnalysis, Flag, Stage
from kam.calls.settings import CallSettings
from kam.domain.interactions import InteractionKind
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.schemas import AccountCreate
from kam.workspace.accounts.service import create_account
from kam.workspace.db import session_scope
from kam.workspace.errors import AccountNotFound, InvalidInput
from kam.workspace.interactions.schemas import InteractionChanges, InteractionCreate
from kam.workspace.interactions.service import (
    create_interaction,
    delete_interaction,
    interaction_history,
    list_interactions,
    record_call_analysis,
    update_interaction,
)
from tests.calls.conftest import DATA
from tests.workspace.conftest import count_selects

STEEL, PUSHY = DATA / "en_steel_good.vtt", DATA / "zh_hant_pushy_big5.txt"
SALES = {STEEL: ["Amy"], PUSHY: ["張志明"]}
MARCH = dt.datetime(2025, 3, 14, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def accounts(engine: Engine) -> Engine:
    with session_scope(engine, LOCAL_OPERATOR) as session:
        for code in ("C001", "C002"):
            create_account(session, AccountCreate(code=code, name=f"{code} Ltd"))
    return engine


def _analyse(path: Path, settings: CallSettings | None = None) -> tuple[CallAnalysis, InteractionCreate]:
    data = path.read_bytes()
    analysis = analyze_transcript(data, str(path), sales=SALES[path], settings=settings)
    create = InteractionCreate(
        kind=InteractionKind.MEETING,
        occurred_at=MARCH,
        title=path.name,
        stage=Stage.DISCOVERY,
        source_file=path.name,
        transcript_sha256=hashlib.sha256(data).hexdigest(),
    )
    return analysis, create


def _record(engine: Engine, code: str, path: Path, settings: CallSettings | None = None) -> tuple[int, bool]:
    analysis, create = _analyse(path, settings)
    with session_scope(engine, LOCAL_OPERATOR) as session:
        recorded = record_call_analysis(session, code, create, analysis, settings or CallSettings())
    return recorded.interaction.id, recorded.created


def test_a_call_analysis_is_stored_whole_on_a_new_interaction(accounts: Engine) -> None:
    analysis, create = _analyse(PUSHY)
    _record(accounts, "C001", PUSHY)
    with session_scope(accounts, LOCAL_OPERATOR) as session:
        [stored] = list_interactions(session, "C001")
    assert (stored.account_code, stored.kind, stored.title, stored.stage) == (
        "C001",
        InteractionKind.MEETING,
        PUSHY.name,
        Stage.DISCOVERY,
    )
    assert stored.occurred_at == MARCH and stored.transcript_sha256 == create.transcript_sha256
    assert stored.analysis is not None
    assert stored.analysis.result == analysis.to_dict()
    assert "每噸只要五千八百元" in str(stored.analysis.result["evidence"])
    assert stored.analysis.flags == [
        Flag.NOT_LISTENING,
        Flag.EARLY_PITCH,
        Flag.PRICE_TOO_EARLY,
        Flag.NO_DISCOVERY,
    ]
    assert stored.analysis.settings == CallSettings().model_dump(mode="json")
    result = analysis.to_dict()
    assert (stored.analysis.questions_total, stored.analysis.customer_to_sales) == (
        result["questions"]["total"],
        result["talk"]["customer_to_sales"],
    )
    assert stored.analysis.price_first_mention_at_s == result["price"]["first_mention_at_s"] is not None


def test_the_same_transcript_again_updates_instead_of_duplicating(accounts: Engine) -> None:
    first_id, created = _record(accounts, "C001", STEEL)
    assert created
    stricter = CallSettings(min_customer_to_sales=5.0)
    second_id, created = _record(accounts, "C001", STEEL, stricter)
    assert (second_id, created) == (first_id, False)
    with session_scope(accounts, LOCAL_OPERATOR) as session:
        [stored] = list_interactions(session, "C001")
    assert stored.analysis is not None
    assert stored.analysis.settings["min_customer_to_sales"] == 5.0
    assert Flag.NOT_LISTENING in stored.analysis.flags


def test_a_transcript_whose_interaction_was_deleted_restores_and_updates_it(accounts: Engine) -> None:
    first_id, _ = _record(accounts, "C001", STEEL)
    with session_scope(accounts, LOCAL_OPERATOR) as session:
        delete_interaction(session, first_id)
        assert list_interactions(session, "C001") == []
    stricter = CallSettings(min_customer_to_sales=5.0)
    assert _record(accounts, "C001", STEEL, stricter) == (first_id, False)
    with session_scope(accounts, LOCAL_OPERATOR) as session:
        [stored] = list_interactions(session, "C001")
        actions = [(e.action, e.field) for e in interaction_history(session, first_id).items]
    assert stored.id == first_id and stored.deleted_at is None
    assert stored.analysis is not None and stored.analysis.settings["min_customer_to_sales"] == 5.0
    assert [a.value for a, field in actions if field in (None, "deleted_at")][-2:] == ["delete", "restore"]


def test_the_same_transcript_on_another_account_is_another_interaction(accounts: Engine) -> None:
    first_id, _ = _record(accounts, "C001", STEEL)
    second_id, created = _record(accounts, "C002", STEEL)
    assert created and second_id != first_id


def test_recording_on_an_unknown_account_stores_nothing(accounts: Engine) -> None:
    with pytest.raises(AccountNotFound):
        _record(accounts, "NOPE", STEEL)
    with session_scope(accounts, LOCAL_OPERATOR) as session:
        assert list_interactions(session) == []


def test_a_call_analysis_needs_its_transcript_hash(accounts: Engine) -> None:
    analysis, create = _analyse(STEEL)
    with (
        pytest.raises(InvalidInput, match="transcript_sha256"),
        session_scope(accounts, LOCAL_OPERATOR) as session,
    ):
        record_call_analysis(
            session, "C001", create.model_copy(update={"transcript_sha256": None}), analysis, CallSettings()
        )


def test_listing_runs_the_same_few_queries_for_any_number_of_interactions(accounts: Engine) -> None:
    def selects() -> int:
        with count_selects(accounts) as statements, session_scope(accounts, LOCAL_OPERATOR) as session:
            list_interactions(session)
        return len(statements)

    _record(accounts, "C001", STEEL)
    one = selects()
    _record(accounts, "C001", PUSHY)
    _record(accounts, "C002", STEEL)
    with session_scope(accounts, LOCAL_OPERATOR) as session:
        items = list_interactions(session)
    assert len(items) == 3 and all(i.analysis is not None for i in items)
    assert selects() == one <= 4  # the interactions, their analyses, stakeholders met and users present


def test_list_is_newest_first_and_filters_by_account(accounts: Engine) -> None:
    with session_scope(accounts, LOCAL_OPERATOR) as session:
        for day, code in ((1, "C001"), (3, "C002"), (2, "C001")):
            create = InteractionCreate(
                kind=InteractionKind.VISIT,
                occurred_at=dt.datetime(2025, 4, day, tzinfo=dt.UTC),
                title=f"visit {day}",
            )
            create_interaction(session, code, create)
    with session_scope(accounts, LOCAL_OPERATOR) as session:
        assert [i.title for i in list_interactions(session)] == ["visit 3", "visit 2", "visit 1"]
        only = list_interactions(session, "C001")
    assert [(i.title, i.analysis) for i in only] == [("visit 2", None), ("visit 1", None)]
    with pytest.raises(AccountNotFound), session_scope(accounts, LOCAL_OPERATOR) as session:
        list_interactions(session, "NOPE")


def test_update_changes_only_the_fields_given(accounts: Engine) -> None:
    interaction_id, _ = _record(accounts, "C001", STEEL)
    with session_scope(accounts, LOCAL_OPERATOR) as session:
        updated = update_interaction(
            session, interaction_id, InteractionChanges(stage=Stage.PROPOSAL, title="Visit")
        )
    assert (updated.stage, updated.title, updated.kind, updated.occurred_at) == (
        Stage.PROPOSAL,
        "Visit",
        InteractionKind.MEETING,
        MARCH,
    )
    assert updated.analysis is not None
    with (
        pytest.raises(InvalidInput, match="title: cannot be cleared"),
        session_scope(accounts, LOCAL_OPERATOR) as session,
    ):
        update_interaction(session, interaction_id, InteractionChanges(title=None))
