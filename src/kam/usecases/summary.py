"""What `kam analyze` found, in one typed object: summary.json as written, and the API's response.

The figures a sales director reads first (segments, the portfolio's concentration), what was read and how
(the source, its rows, encoding and column mapping), what the analysis could not do (`missing`) and was
told (`warnings`), and the settings it ran with, so that a result can be checked and run again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, SkipValidation

from kam.analytics.portfolio import PortfolioFigures
from kam.analytics.settings import ValueSettings
from kam.clv.settings import ClvSettings
from kam.domain.segments import Segment
from kam.io.unattributed import UnattributedSales
from kam.io.units import Units


class MissingInput(BaseModel):
    """An analysis left out for want of a column or a table (`missing.cost`), said in the run's language."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    message: str


class Unattributed(BaseModel):
    """The lines without a customer, set aside from the per-customer analysis: how many, their revenue and
    their share of all revenue (None when the revenue of all lines is not positive)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lines: int
    revenue: float
    share_of_revenue: float | None

    @classmethod
    def of(cls, sales: UnattributedSales | None) -> Unattributed | None:
        """The summary of the lines a reader set aside, if any."""
        if sales is None:
            return None
        return cls(lines=sales.lines, revenue=sales.revenue, share_of_revenue=sales.share)


class PotentialList(BaseModel):
    """The potential list's length: the accounts listed, those that qualified, and the length it is kept
    to (listed is the smaller of the other two)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    listed: int
    qualified: int
    limit: int


class SettingsUsed(BaseModel):
    """The thresholds of the verdicts and the settings of the forecast the analysis ran with."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: ValueSettings
    clv: ClvSettings


class AnalysisSummary(BaseModel):
    """summary.json: what was read, what was found, what is missing, what the user was told."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str  # the file or table, as messages name it
    as_of: dt.date
    basis: str  # net_profit, or revenue when cost is unknown: what ranks, shares and tiers measure
    rows_read: int
    rows_rejected: int
    rows_after_as_of: int  # lines after the analysis date, left out
    duplicate_lines: int | None  # exact duplicates (None: not counted, as when streaming)
    cancellation_lines: int
    unattributed: Unattributed | None  # lines without a customer (None: every line has one)
    units: Units  # the currency and volume unit the data names (in its headers or currency column)
    encoding: str | None  # of a text file (None: a typed source, Parquet, Excel or a database)
    mapping: dict[str, str]  # kam's column -> the source's column
    customers: int
    segments: dict[Segment, int]  # every segment, in the order of Segment, with 0 for none
    at_risk: int  # key accounts flagged at risk
    potential_list: PotentialList
    portfolio: PortfolioFigures
    median_order: float
    missing: list[MissingInput]
    # notices, each said in the reader's language at the edge (written in English in summary.json)
    warnings: list[SkipValidation[str]]
    settings: SettingsUsed
    # with --compare: the earlier run's folder (`previous`) and what moved since (kam.analytics.changes)
    changes: dict[str, SkipValidation[Any]] | None = None

    def to_json(self) -> dict[str, object]:
        """The summary as summary.json holds it (warnings as their English text; `changes` only with
        --compare)."""
        return self.model_dump(mode="json", exclude={"changes"} if self.changes is None else None)
