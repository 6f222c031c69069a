"""A segment and its reason codes for each customer, from the verdicts in the order they are met.

Each verdict is a condition and the facts that tell it, some of them cited only where their own condition
holds (kam.analytics.verdicts makes them); the first verdict a customer meets is its segment.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import narwhals as nw


@dataclass(frozen=True)
class Verdict:
    """A segment, whether a customer meets it, and the facts that tell why: each fact with the condition
    under which it is cited (True: always; False: never, its figures are unknown)."""

    segment: StrEnum
    met: nw.Expr
    facts: list[tuple[StrEnum, nw.Expr | bool]]


def judge(frame: nw.DataFrame, verdicts: list[Verdict]) -> nw.DataFrame:
    """Add `segment` (the first verdict met) and `reason_codes` (its facts that hold, in order).

    A customer's segment and codes follow from which verdict it met and which of that verdict's
    conditional facts hold: each customer gets a whole number saying both (the verdict's place in the
    low bits, one bit for each conditional fact above them), and each number found is turned into its
    segment and codes once, not once per customer."""
    first_met = nw.when(verdicts[0].met).then(nw.lit(0))
    for place, verdict in enumerate(verdicts[1:], start=1):
        first_met = first_met.when(verdict.met).then(nw.lit(place))
    frame = frame.with_columns(_verdict=first_met.cast(nw.Int64))  # the last verdict is always met
    conditional = [
        (place, code, condition)
        for place, verdict in enumerate(verdicts)
        for code, condition in verdict.facts
        if isinstance(condition, nw.Expr)
    ]
    place_bits = len(verdicts).bit_length()
    bits = {(place, code): bit for bit, (place, code, _) in enumerate(conditional, start=place_bits)}
    number = nw.col("_verdict")
    for place, code, condition in conditional:
        holds = ((nw.col("_verdict") == place) & condition).fill_null(False)
        number = number + holds.cast(nw.Int64) * (1 << bits[place, code])
    frame = frame.with_columns(_judged=number)
    found = frame.get_column("_judged").unique().to_list()
    if not found:  # no customers: empty columns of the types the verdicts have
        return frame.with_columns(
            segment=nw.lit(None, nw.String), reason_codes=nw.lit(None, nw.List(nw.String))
        ).drop("_verdict", "_judged")
    segments, codes = [], []
    for judged in found:
        place = judged & ((1 << place_bits) - 1)
        segments.append(verdicts[place].segment.value)
        codes.append(
            [
                code.value
                for code, condition in verdicts[place].facts
                if condition is True or ((place, code) in bits and judged >> bits[place, code] & 1)
            ]
        )
    judged_by = nw.col("_judged")
    return frame.with_columns(
        segment=judged_by.replace_strict(found, segments), reason_codes=judged_by.replace_strict(found, codes)
    ).drop("_verdict", "_judged")
