"""Who took part in an interaction, on both databases: stakeholders of the same account and users who
may see it are stored; anyone else is refused (422) by name and nothing is stored; a stakeholder's last
contact comes from the interactions they took part in as well as from their needs."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from kam.domain.interactions import InteractionKind
from kam.workspace.errors import InvalidChoice, InvalidLink
from kam.workspace.interactions.schemas import InteractionChanges, InteractionFilters, InteractionNew
from kam.workspace.interactions.service import (
    add_interaction,
    delete_interaction,
    find_interactions,
    interaction_history,
    update_interaction,
)
from kam.workspace.listing import PageRequest
from kam.workspace.stakeholders.schemas import StakeholderCreate
from kam.workspace.stakeholders.service import create_stakeholder, get_stakeholder
from tests.workspace.team import acting, build_team

WHEN = dt.datetime(2025, 3, 14, 10, 30, tzinfo=dt.UTC)


@pytest.fixture
def team(engine: Engine) -> dict[str, int]:
    """The team, and a stakeholder of amy's A (王偉) and of bob's B (Bob's buyer): name -> id."""
    build_team(engine)
    with acting(engine, None) as session:
        return {
            "王偉": create_stakeholder(session, StakeholderCreate(account="A", name="王偉")).id,
            "buyer": create_stakeholder(session, StakeholderCreate(account="B", name="Bob's buyer")).id,
        }


def _new(**fields: object) -> InteractionNew:
    return InteractionNew.model_validate(
        {"account": "A", "kind": "visit", "occurred_at": WHEN, "title": "Visit", **fields}
    )


def test_participants_and_notes_are_stored_and_shown(engine: Engine, team: dict[str, int]) -> None:
    with acting(engine, "amy") as session:
        added = add_interaction(
            session,
            _new(stakeholders=[team["王偉"]], present=["amy", "max"], present_names=["陳經理"], notes="=1+2"),
        )
    shown = (added.stakeholders, added.present, added.present_names, added.notes)
    assert shown == ([team["王偉"]], ["max", "amy"], ["陳經理"], "=1+2")  # users in the order they were made
    with acting(engine, "max") as session:
        mine = find_interactions(session, InteractionFilters(present="me")).items
        met = find_interactions(session, InteractionFilters(stakeholder=team["王偉"])).items
        other = find_interactions(session, InteractionFilters(stakeholder=team["buyer"])).items
        assert find_interactions(session, InteractionFilters(account="A")).items[0] == added
    assert ([i.id for i in mine], [i.id for i in met], other) == ([added.id], [added.id], [])


@pytest.mark.parametrize(
    ("field", "value", "error", "named"),
    [
        ("stakeholders", "buyer", InvalidLink, "buyer"),  # a stakeholder of bob's account
        ("stakeholders", 999_999, InvalidLink, "999999"),
        ("present", "bob", InvalidChoice, "'bob'"),  # another team's rep may not see amy's A
        ("present", "ann", InvalidChoice, "'ann'"),  # nor may her teammate: a rep sees her own
        ("present", "nobody", InvalidChoice, "'nobody'"),
        ("present", "max", None, None),  # her manager may
        ("present", "ada", None, None),  # and an admin
    ],
)
def test_a_stranger_to_the_account_is_refused_by_name(
    engine: Engine, team: dict[str, int], field: str, value: object, error: type | None, named: str | None
) -> None:
    given = team.get(value, value) if isinstance(value, str) else value
    if error is None:
        with acting(engine, "amy") as session:
            assert getattr(add_interaction(session, _new(**{field: [given]})), field) == [given]
        return
    with pytest.raises(error) as refused, acting(engine, "amy") as session:
        add_interaction(session, _new(**{field: [given]}))
    shown = str(refused.value)
    assert refused.value.status_code == 422  # type: ignore[attr-defined]
    assert (str(team["buyer"]) if named == "buyer" else str(named)) in shown
    assert "Bob's buyer" not in shown and "B Ltd" not in shown
    with acting(engine, None) as session:
        assert find_interactions(session, request=PageRequest(total=True)).total == 0


def test_a_change_replaces_the_participants_and_is_audited(engine: Engine, team: dict[str, int]) -> None:
    with acting(engine, "amy") as session:
        added = add_interaction(session, _new(present=["amy"]))
        changed = update_interaction(
            session, added.id, InteractionChanges(stakeholders=[team["王偉"]], present=[], notes="報價"), 1
        )
        assert (changed.stakeholders, changed.present, changed.notes, changed.version) == (
            [team["王偉"]],
            [],
            "報價",
            2,
        )
        rows = {(e.action, e.field) for e in interaction_history(session, added.id).items}
    assert {("update", "stakeholders"), ("update", "users"), ("update", "notes")} <= rows


def test_last_contact_comes_from_the_interactions_taken_part_in(engine: Engine, team: dict[str, int]) -> None:
    with acting(engine, "amy") as session:
        assert get_stakeholder(session, team["王偉"]).last_contact is None
        first = add_interaction(session, _new(stakeholders=[team["王偉"]]))
        later = add_interaction(
            session, _new(stakeholders=[team["王偉"]], occurred_at=WHEN + dt.timedelta(days=30), title="x")
        )
        assert get_stakeholder(session, team["王偉"]).last_contact == dt.date(2025, 4, 13)
        delete_interaction(session, later.id)
        assert get_stakeholder(session, team["王偉"]).last_contact == dt.date(2025, 3, 14)
        delete_interaction(session, first.id)
        assert get_stakeholder(session, team["王偉"]).last_contact is None


def test_kinds_include_a_note(engine: Engine, team: dict[str, int]) -> None:
    with acting(engine, "amy") as session:
        assert add_interaction(session, _new(kind="note")).kind is InteractionKind.NOTE
