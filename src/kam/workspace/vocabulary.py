"""Fixed choices of the workspace alone that commands need without importing the database layer (the kind
of an interaction is the domain's: kam.domain.interactions)."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    """What a change did to a record: deletes are soft (restorable); `purge` removed the row itself."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
    PURGE = "purge"


class ActorKind(StrEnum):
    """Who made a change: a user, or the local operator (kam run on the database without `--as`)."""

    USER = "user"
    LOCAL_OPERATOR = "local_operator"


class WalletKind(StrEnum):
    """What an account's wallet (its estimated annual demand) is measured in."""

    MONEY = "money"
    VOLUME = "volume"


class RecordKind(StrEnum):
    """The kinds of workspace records, as messages name them (`notice.record_<kind>` in the catalogs):
    "no account with key ...", "a user 'amy' exists already". A new feature adds its kind here."""

    ACCOUNT = "account"
    USER = "user"
    TEAM = "team"
    TOKEN = "token"
    INTERACTION = "interaction"
    STAKEHOLDER = "stakeholder"
    NEED = "need"
    DEAL = "deal"
    NEXT_STEP = "next_step"
    CONTRACT = "contract"
    PROPOSAL = "proposal"


class ExportEntity(StrEnum):
    """The kinds of records that can be exported, as the command line and the API's paths name them."""

    ACCOUNTS = "accounts"
    STAKEHOLDERS = "stakeholders"
    NEEDS = "needs"
    DEALS = "deals"
    NEXT_STEPS = "next-steps"
    CONTRACTS = "contracts"
    INTERACTIONS = "interactions"
    REFERRALS = "referrals"
