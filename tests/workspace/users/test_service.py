"""Users and teams on both databases: admins add and change them, logins are unique, a new user claims
the accounts whose free-text owner names them, deactivated users cannot act."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from kam.domain.users import Role
from kam.workspace.accounts.schemas import AccountCreate
from kam.workspace.accounts.service import account_owners, create_account, get_account
from kam.workspace.errors import (
    AccessDenied,
    DuplicateRecord,
    InvalidChoice,
    InvalidInput,
    RecordNotFound,
    StaleVersion,
)
from kam.workspace.users.passwords import verify_password
from kam.workspace.users.schemas import UserChanges, UserCreate
from kam.workspace.users.service import (
    act_as_login,
    add_user,
    current_user,
    list_teams,
    list_users,
    update_user,
)
from tests.workspace.team import acting


def _add(engine: Engine, login: str, role: Role = Role.REP, **fields: object) -> None:
    with acting(engine, None) as session:
        add_user(session, UserCreate.model_validate({"login": login, "role": role, **fields}))


def test_a_user_is_added_with_teams_made_on_first_use(engine: Engine) -> None:
    _add(engine, "amy", display_name="Amy Chen", teams=["north", "export"])
    _add(engine, "max", Role.MANAGER, teams=["north"])
    with acting(engine, None) as session:
        users = {u.login: u for u in list_users(session).items}
        teams = {t.name: t.members for t in list_teams(session).items}
    assert (users["amy"].display_name, users["amy"].teams, users["max"].display_name) == (
        "Amy Chen",
        ["export", "north"],
        "max",
    )
    assert teams == {"export": ["amy"], "north": ["amy", "max"]}


def test_a_login_is_unique_and_only_admins_add_users(engine: Engine) -> None:
    _add(engine, "amy")
    with pytest.raises(DuplicateRecord, match="a user 'amy' exists already"):
        _add(engine, "amy", Role.ADMIN)
    _add(engine, "max", Role.MANAGER)
    with pytest.raises(AccessDenied), acting(engine, "max") as session:
        add_user(session, UserCreate(login="eve", role=Role.ADMIN))


def test_free_text_owners_are_claimed_by_login_or_display_name(engine: Engine) -> None:
    with acting(engine, None) as session:
        for code, owner in (("K1", "amy"), ("K2", " amy chen "), ("K3", "Bob"), ("K4", None)):
            create_account(session, AccountCreate(code=code, name=code, owner=owner))
        before = [(o.login, o.name, o.accounts) for o in account_owners(session)]
        added = add_user(session, UserCreate(login="amy", display_name="Amy Chen", role=Role.REP))
        after = [(o.login, o.name, o.accounts) for o in account_owners(session)]
        k2 = get_account(session, "K2")
    assert before == [(None, "amy", 1), (None, "amy chen", 1), (None, "Bob", 1)]
    assert added.matched_accounts == ["K1", "K2"]
    assert after == [("amy", "Amy Chen", 2), (None, "Bob", 1)]
    assert (k2.owner, k2.owner_name) == ("amy", None)


def test_an_owner_two_users_are_called_must_be_given_by_login(engine: Engine) -> None:
    _add(engine, "amy1", display_name="Amy")
    _add(engine, "amy2", display_name="amy")
    with (
        pytest.raises(InvalidChoice, match="several users are called 'Amy'"),
        acting(engine, None) as session,
    ):
        create_account(session, AccountCreate(code="K1", name="K1", owner="Amy"))
    with acting(engine, None) as session:
        assert create_account(session, AccountCreate(code="K1", name="K1", owner="amy2")).owner == "amy2"


def test_a_change_names_its_version_and_a_deactivated_user_cannot_act(engine: Engine) -> None:
    _add(engine, "amy", teams=["north"])
    with pytest.raises(StaleVersion) as stale, acting(engine, None) as session:
        update_user(session, "amy", UserChanges(active=False), version=5)
    assert stale.value.status_code == 409 and stale.value.current is not None
    with acting(engine, None) as session:
        changed = update_user(session, "amy", UserChanges(active=False, teams=[]), version=1)
    assert (changed.active, changed.teams, changed.version) == (False, [], 2)
    with pytest.raises(AccessDenied, match="deactivated"), acting(engine, "amy"):
        pass


def test_users_see_only_themselves_and_the_local_operator_is_no_user(engine: Engine) -> None:
    _add(engine, "amy")
    _add(engine, "bob")
    with acting(engine, "amy") as session:
        assert [u.login for u in list_users(session).items] == ["amy"]
        assert current_user(session).login == "amy"
    with pytest.raises(RecordNotFound), acting(engine, None) as session:
        current_user(session)
    with pytest.raises(RecordNotFound), acting(engine, None) as session:
        act_as_login(session, "nobody")


@pytest.mark.parametrize(
    ("password", "accepted"), [("1234567", False), ("12345678", True), ("x" * 1025, False)]
)
def test_passwords_are_hashed_with_argon2id(engine: Engine, password: str, accepted: bool) -> None:
    if not accepted:
        with pytest.raises(InvalidInput, match="8 to 1024 characters"):
            _add(engine, "amy", password=password)
        return
    _add(engine, "amy", password=password)
    from kam.workspace.users.models import User

    with acting(engine, None) as session:
        stored = session.query(User.password_hash).scalar()
    assert stored.startswith("$argon2id$") and password not in stored
    assert verify_password(stored, password) and not verify_password(stored, password + "x")
    assert not verify_password(None, password)


def test_a_bad_user_is_refused_without_showing_the_password() -> None:
    from kam.workspace.errors import parse_input

    with pytest.raises(InvalidInput) as refused:
        parse_input(UserCreate, {"login": "amy", "role": "boss", "password": "hunter2 secret"})
    assert "role" in str(refused.value) and "hunter2" not in str(refused.value)
    with pytest.raises(InvalidInput) as refused:
        parse_input(UserCreate, {"login": "amy", "role": "rep", "password": 12345678})
    assert "password" in str(refused.value) and "12345678" not in str(refused.value)
