"""Expected workspace failures: one-line messages, each class with its HTTP status for the web handler."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kam.errors import KamError
from kam.hints import Hint, HintKey
from kam.i18n import Joined, Notice
from kam.workspace.vocabulary import RecordKind

M = TypeVar("M", bound=BaseModel)
_CODES_NAMED = 5  # codes named in a message; the error carries them all


class WorkspaceError(KamError):
    """Base of workspace errors; a bad request unless a subclass says otherwise."""

    status_code = 400


class WorkspaceUnavailable(WorkspaceError):
    """The workspace URL cannot be used or the database cannot be reached."""

    status_code = 503


class WorkspaceNotInitialised(WorkspaceError):
    """The database has no workspace schema yet (or an older one): `kam workspace init` creates it."""

    status_code = 503

    def __init__(self, where: str, *, missing: bool = False, revision: str | None = None) -> None:
        """`missing`: the database itself does not exist (a SQLite file); `revision`: its older schema."""
        if revision is not None:
            notice = Notice("ws_older_schema", where=where, revision=revision)
        elif missing:
            notice = Notice("ws_missing", where=where)
        else:
            notice = Notice("ws_not_initialised", where=where)
        super().__init__(notice, hint=Hint(HintKey.INIT_WORKSPACE, where=where))
        self.where = where


class WorkspaceReadOnly(WorkspaceError):
    """The database (a read-only file, or a user or server that may only read) refuses changes."""

    status_code = 503

    def __init__(self, where: str) -> None:
        super().__init__(Notice("ws_read_only", where=where))


class WorkspaceBusy(WorkspaceError):
    """Another connection holds a lock for longer than kam waits; trying again usually works."""

    status_code = 503

    def __init__(self, where: str) -> None:
        super().__init__(Notice("ws_busy", where=where))


class WorkspaceFull(WorkspaceError):
    """The disk (or the database's size limit) has no room for the change."""

    status_code = 507

    def __init__(self, where: str) -> None:
        super().__init__(Notice("ws_full", where=where))


class WorkspaceInMemory(WorkspaceError):
    """An in-memory SQLite database vanishes when the command ends: nothing could be kept in it."""

    status_code = 400

    def __init__(self, where: str) -> None:
        super().__init__(Notice("ws_in_memory", where=where), hint=Hint(HintKey.FILE_DATABASE))


class WorkspaceDatabaseError(WorkspaceError):
    """A database failure kam has no better words for; says its kind, never the SQL or the values."""

    status_code = 500

    def __init__(self, where: str, kind: str) -> None:
        super().__init__(Notice("ws_database_error", where=where, kind=kind))


class AccountsAddedMeanwhile(WorkspaceError):
    """Another import (or add) stored some of the same new codes between this import's check and insert;
    this import was rolled back whole."""

    status_code = 409

    def __init__(self, codes: list[str]) -> None:
        named: list[str] = [", ".join(codes[:_CODES_NAMED])]
        if len(codes) > _CODES_NAMED:
            named.append(Notice("codes_more", count=len(codes) - _CODES_NAMED))
        super().__init__(Notice("ws_added_meanwhile", count=len(codes), codes=Joined("", named)))
        self.codes = codes


class RecordNotFound(WorkspaceError):
    """No record of this kind has this key, or none that the actor may see: the two are never told apart."""

    status_code = 404

    def __init__(self, what: RecordKind, key: object) -> None:
        super().__init__(Notice("ws_record_not_found", what=Notice(f"record_{what.value}"), ident=str(key)))
        self.what, self.key = what, key


class AccountNotFound(RecordNotFound):
    """No account has this code (that the actor may see)."""

    status_code = 404

    def __init__(self, code: str) -> None:
        WorkspaceError.__init__(
            self, Notice("ws_account_not_found", code=code), hint=Hint(HintKey.ADD_ACCOUNT, code=code)
        )
        self.what, self.key, self.code = RecordKind.ACCOUNT, code, code


class StaleVersion(WorkspaceError):
    """The change names a version of the record that is no longer the stored one: someone changed it
    since. Nothing was changed; `current` is the record as stored now, for the caller to merge."""

    status_code = 409

    def __init__(self, what: RecordKind, key: object, given: int, current: BaseModel | None) -> None:
        stored = getattr(current, "version", None)
        notice = Notice(
            "ws_stale_version",
            what=Notice(f"record_{what.value}"),
            ident=str(key),
            given=given,
            stored=stored,
        )
        super().__init__(notice)
        self.current = current


class AccessDenied(WorkspaceError):
    """The actor may see the record but not do this (an admin's task, or a change that would put the
    record out of the actor's own reach)."""

    status_code = 403


class NotAuthenticated(WorkspaceError):
    """A request without a valid token (or session): nobody to act for."""

    status_code = 401

    def __init__(self) -> None:
        super().__init__(Notice("api_not_authenticated"))


class DuplicateRecord(WorkspaceError):
    """A record of this kind with this key exists already (a login, a team name)."""

    status_code = 409

    def __init__(self, what: RecordKind, key: str) -> None:
        super().__init__(Notice("ws_duplicate_record", what=Notice(f"record_{what.value}"), ident=key))


class InvalidChoice(WorkspaceError):
    """A value that names nothing valid here: an unknown sort field, an owner two users answer to."""

    status_code = 422


class DuplicateAccount(WorkspaceError):
    """An account with this code exists already."""

    status_code = 409

    def __init__(self, code: str) -> None:
        super().__init__(Notice("ws_duplicate_account", code=code))
        self.code = code


class InteractionNotFound(WorkspaceError):
    """No interaction has this id."""

    status_code = 404

    def __init__(self, interaction_id: int) -> None:
        super().__init__(Notice("ws_interaction_not_found", id=interaction_id))


class InvalidReferral(WorkspaceError):
    """`referred_by` names no account, the account itself, or closes a loop of referrals."""

    status_code = 422


class InvalidParent(WorkspaceError):
    """`parent` names no account, the account itself, or closes a loop of groups."""

    status_code = 422


class InvalidInput(WorkspaceError):
    """Input that fails its schema; the message names the field, the problem and the value."""

    status_code = 422

    @classmethod
    def of(cls, exc: ValidationError) -> InvalidInput:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or exc.title
        given = first.get("input")
        # the value of a field, never a whole object (which may hold a password) nor a secret
        secret = any("password" in str(p) for p in first["loc"])
        value = "…" if secret or isinstance(given, dict | list) else repr(given)
        # pydantic's own words for the problem (in English) are a value of kam's notice
        return cls(Notice("ws_invalid_input", field=where, problem=first["msg"], value=value))


def parse_input(model: type[M], data: dict[str, Any]) -> M:
    """Validate `data` as `model`; a failure is an `InvalidInput` naming the field, not a traceback."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput.of(exc) from None


class InvalidLink(WorkspaceError):
    """A link to another record of the same account (reports to, said by, parent need, the deal of a next
    step) that names no such record, the record itself, or closes a loop."""

    status_code = 422
