"""What the user can do about a message, as data: the core names the fix, the edge words it.

A core message never names a command-line flag: `kam analyze` suggests `--map customer_id=客戶編號`,
a web page would offer a form field. So a notice or an error carries a `Hint` (a key and values), and
each edge (kam.commands.hints for the command line) says it for its own interface.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, cast

from kam.i18n import Notice


class HintKey(StrEnum):
    """The fixes kam suggests; each edge says every one of them."""

    MAP_COLUMNS = "map_columns"  # missing: tuple of kam's columns, example: a column of the table or None
    MAP_COLUMN = "map_column"  # field: kam's column, column: the table's column to read it from
    OPTION = "option"  # option: the name of the setting the value came from (as_of, decimal, map, ...)
    KEEP_CURRENCY = "keep_currency"
    SKIP_BAD_ROWS = "skip_bad_rows"
    DECIMAL_ROWS = "decimal_rows"  # mark: the other decimal mark, which the bad numbers may be written with
    CHOOSE_SHEET = "choose_sheet"
    RETURN_TYPES = "return_types"
    DATE_FORMAT = "date_format"
    DECIMAL_OTHER = "decimal_other"  # mark: "point" or "comma", the other way to read the numbers
    CHOOSE_DECIMAL = "choose_decimal"
    NAME_SALES = "name_sales"  # speaker: one of the speakers seen
    INIT_WORKSPACE = "init_workspace"  # where: the workspace's URL as shown
    ADD_ACCOUNT = "add_account"  # code: the account's code
    FILE_DATABASE = "file_database"


class Hint:
    """A suggested fix: `Hint(HintKey.MAP_COLUMN, field="customer_id", column="客戶編號")`."""

    __slots__ = ("key", "values")

    def __init__(self, key: HintKey, **values: Any) -> None:
        self.key = key
        self.values = values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hint) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        values = "".join(f", {k}={v!r}" for k, v in self.values.items())
        return f"Hint({self.key.value!r}{values})"


class HintedNotice(Notice):
    """A notice with a suggested fix: said (and stored, as in summary.json) as the notice alone; the edge
    that shows it adds the hint in its own words."""

    hint: Hint

    def __new__(cls, key: str, hint: Hint, **params: Any) -> HintedNotice:
        notice = cast(HintedNotice, super().__new__(cls, key, **params))
        notice.hint = hint
        return notice


def hint_of(message: object) -> Hint | None:
    """The hint a message carries, if any."""
    return message.hint if isinstance(message, HintedNotice) else None
