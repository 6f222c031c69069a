"""The key accounts at risk as report.html lists them, above the table of every account: who they are and
why they are at risk, in the report's language, first by value (the order of the accounts)."""

from __future__ import annotations

from dataclasses import dataclass

import narwhals as nw

from kam.analytics.pipeline import Analysis
from kam.domain.languages import Lang
from kam.render.reasons import CITED, REASON_CODES, REASONS, ReasonContext, say_reasons

MAX_LISTED = 50  # the at-risk accounts listed on the page (accounts.csv holds them all)


@dataclass(frozen=True)
class AtRiskList:
    """The first MAX_LISTED key accounts at risk as (who, reasons), and how many more there are."""

    rows: list[tuple[str, str]]
    more: int


def at_risk_list(analysis: Analysis, lang: Lang, reasons_in: Lang | None) -> AtRiskList:
    """The key accounts at risk with their reasons in `lang`: the accounts' own `reasons` when they are
    said in `lang` (`reasons_in`), else said here from the codes."""
    accounts = analysis.accounts
    if "at_risk" not in accounts.columns:
        return AtRiskList([], 0)
    said = reasons_in == lang and REASONS in accounts.columns
    shown = {"customer_id", "name", "at_risk", *((REASONS,) if said else (REASON_CODES, *CITED))}
    flagged = accounts.select(c for c in accounts.columns if c in shown).filter(nw.col("at_risk"))
    listed = flagged.head(MAX_LISTED)
    if listed.shape[0] and not said:
        listed = listed.with_columns(say_reasons(listed, ReasonContext.of(analysis), lang).alias(REASONS))
    named = "name" in listed.columns
    rows = []
    for record in listed.iter_rows(named=True):
        who = str(record["customer_id"])
        if named and record.get("name"):
            who += f" · {record['name']}"
        rows.append((who, str(record[REASONS])))
    return AtRiskList(rows, flagged.shape[0] - listed.shape[0])
