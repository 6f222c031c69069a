"""Lists in pages: what a caller asks for (page, size, order, whether to count the whole list) and what it
gets (the items, whether more follow, and the total when asked for)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

MAX_PER_PAGE = 500  # the most items one page holds, whatever the caller asks
MAX_PAGE = 1_000_000  # a page number past any real list, refused rather than sent to the database


class PageRequest(BaseModel):
    """Which page of a list: 1-based `page`, `per_page` items, ordered by `sort` (a field, or -field for
    descending; the list's default order when None); `total`: also count the whole list, which costs a
    count over everything the caller may see (a page alone reads only its own rows and one more)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    per_page: int = Field(default=50, ge=1, le=MAX_PER_PAGE)
    sort: str | None = None
    total: bool = Field(
        default=False,
        description="Also count the whole list (the page's `total`); slower on long lists.",
    )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class Page(BaseModel, Generic[T]):
    """One page of a list: its items, whether more follow (`has_more`), and the number of items in the
    whole list (what the caller may see) when it was counted (None when the caller did not ask for it
    and counting would cost a query)."""

    model_config = ConfigDict(frozen=True)

    items: list[T]
    total: int | None
    page: int
    per_page: int
    has_more: bool


@dataclass(frozen=True)
class Slice(Generic[T]):
    """What a repository found for one page: its records, whether more follow, and the total if counted."""

    records: list[T]
    has_more: bool
    total: int | None = None


def counted_page(items: list[T], total: int, request: PageRequest) -> Page[T]:
    """The page of `items` of a list whose length is known anyway (cut from a list in memory, or a
    record's history): its total is given, whether asked for or not."""
    more = request.offset + len(items) < total
    return Page(items=items, total=total, page=request.page, per_page=request.per_page, has_more=more)
