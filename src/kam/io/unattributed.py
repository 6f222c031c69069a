"""Lines without a customer: walk-in, cash and counter sales, which shops and distributors export with an
empty customer column (a quarter of UCI Online Retail's lines). They are sales, not errors: they are set
aside from the per-customer analysis and counted, lines and revenue, so that the outputs say how much of
the business no customer carries. A line is unattributed only when every other cell reads; a line that
also has a bad cell is a bad row, named as any other."""

from __future__ import annotations

from dataclasses import dataclass

from kam.i18n import Notice


@dataclass(frozen=True)
class UnattributedSales:
    """The lines without a customer: how many, their revenue (net of cancellations and returns) and the
    revenue of every line read, theirs included."""

    lines: int
    revenue: float
    total_revenue: float

    @property
    def share(self) -> float | None:
        """Their share of all revenue; None when the revenue of all lines is not positive."""
        return self.revenue / self.total_revenue if self.total_revenue > 0 else None

    def to_dict(self) -> dict[str, float | int | None]:
        return {"lines": self.lines, "revenue": self.revenue, "share_of_revenue": self.share}

    def notice(self) -> Notice:
        """What the user is told: how many lines, and their share of revenue when it is known."""
        if self.share is None:
            return Notice("unattributed", count=self.lines)
        return Notice("unattributed_share", count=self.lines, share=f"{self.share:.1%}")
