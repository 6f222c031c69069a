"""The options the account commands share (kam.commands.accounts and kam.commands.account_changes)."""

from __future__ import annotations

from typing import Annotated

import typer

from kam.io.customers import CustomerType, Ownership

TypeOption = Annotated[CustomerType | None, typer.Option("--type", help="Customer type.")]
OwnershipOption = Annotated[Ownership | None, typer.Option("--ownership", help="Ownership.")]
IndustryOption = Annotated[str | None, typer.Option("--industry", help="Industry.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="Relationship start, YYYY-MM-DD.")]
ReferredByOption = Annotated[
    str | None, typer.Option("--referred-by", help="Code of the account that referred this one.")
]
ReferredOnOption = Annotated[
    str | None, typer.Option("--referred-on", help="When the referrer brought it, YYYY-MM-DD.")
]
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner",
        help="The user who looks after it: a login or display name (other text is kept as the owner's name).",
    ),
]
ParentOption = Annotated[
    str | None, typer.Option("--parent", help="Code of the group (parent account) it belongs to.")
]
WalletOption = Annotated[
    str | None,
    typer.Option(
        "--wallet",
        help="Estimated annual demand from all suppliers: AMOUNT UNIT, e.g. '5000 t' or '1200000 CNY'.",
    ),
]
CompetitorOption = Annotated[
    list[str] | None, typer.Option("--competitor", help="A competitor supplying the rest, repeatable.")
]
