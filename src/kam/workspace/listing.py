"""Lists in pages: what a caller asks for (page, size, order) and what it gets (the items and the total)."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

MAX_PER_PAGE = 500  # the most items one page holds, whatever the caller asks
MAX_PAGE = 1_000_000  # a page number past any real list, refused rather than sent to the database


class PageRequest(BaseModel):
    """Which page of a list: 1-based `page`, `per_page` items, ordered by `sort` (a field, or -field for
    descending; the list's default order when None)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    per_page: int = Field(default=50, ge=1, le=MAX_PER_PAGE)
    sort: str | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class Page(BaseModel, Generic[T]):
    """One page of a list and the number of items in the whole list (what the caller may see)."""

    model_config = ConfigDict(frozen=True)

    items: list[T]
    total: int
    page: int
    per_page: int
