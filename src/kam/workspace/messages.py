"""What the workspace commands say, in one place (English; the call report has its own three languages)."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    "init_created": "Created the workspace at {where} (schema {revision}).",
    "init_upgraded": "Upgraded the workspace at {where} from schema {before} to {revision}.",
    "init_current": "The workspace at {where} is up to date (schema {revision}).",
    "account_added": "Added account {code} ({name}) to {where}.",
    "accounts_imported": (
        "Imported {file} into {where}: {created} new, {updated} updated, {unchanged} unchanged account(s)."
    ),
    "no_accounts": "No accounts yet: add one with `kam accounts add` or import a customers file.",
    "no_interactions": "No interactions yet: store call analyses with `kam calls analyze --store`.",
    "interactions": "Interactions ({count}):",
    "accounts_title": "Accounts in {where}",
    "interactions_title": "Interactions in {where}",
}

LABELS: dict[str, str] = {
    "code": "code",
    "name": "name",
    "type": "type",
    "ownership": "ownership",
    "industry": "industry",
    "since": "since",
    "referred_by": "referred by",
    "owner": "owner",
    "account": "account",
    "when": "when",
    "kind": "kind",
    "title": "title",
    "stage": "stage",
    "ratio": "c:s",
    "questions": "questions",
    "flags": "flags",
}


def message(key: str, **values: Any) -> str:
    return MESSAGES[key].format(**values)
