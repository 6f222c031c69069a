"""Units written into column headers, as ERP and spreadsheet exports often do: `數量(噸)`, `金額(元)`,
`Amount (USD)`, `單價（元/噸）`. The header is recognised by its name without the unit, and the unit is
kept: the currency of the amounts and the unit of the volume, which the outputs show beside the numbers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# a name, then a unit in round, full-width or square brackets at the end: "金額 (元)", "數量【噸】"
_WITH_UNIT = re.compile(r"^\s*(?P<name>.*?\S)\s*[(（\[【]\s*(?P<unit>[^()（）\[\]【】]*?\S)\s*[)）\]】]\s*$")
MONEY_COLUMNS = ("amount", "list_amount", "cost", "unit_price")  # in the order a currency is taken from
_ISO_CODE = re.compile(r"^[A-Za-z]{3}$")


def split_unit(header: str) -> tuple[str, str | None]:
    """(the header without its unit, the unit) for "金額(元)"; (header, None) when it names no unit."""
    found = _WITH_UNIT.match(header)
    if found is None:
        return header, None
    return found["name"], found["unit"]


@dataclass(frozen=True)
class Units:
    """What the amounts and the volume are counted in, when the data says (else None)."""

    currency: str | None = None
    volume: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"currency": self.currency, "volume": self.volume}


def _currency(unit: str) -> str:
    """An ISO code in capitals ("usd" -> "USD"); any other unit (元, NT$, 萬元) as written."""
    return unit.upper() if _ISO_CODE.match(unit) else unit


def header_units(resolved: Mapping[str, str], currency: str | None = None) -> Units:
    """The units named in the headers of the columns kam reads (`resolved`: kam's column -> the file's).
    The currency comes from the first money column that names one (a unit price's "元/噸" gives 元, and 噸
    for the volume when the quantity names none), else `currency` (the one currency the lines are in)."""
    money: str | None = None
    per: str | None = None
    for name in MONEY_COLUMNS:
        unit = split_unit(resolved[name])[1] if name in resolved else None
        if unit is None:
            continue
        amount_unit, _, volume_unit = unit.partition("/")
        if money is None and amount_unit.strip():
            money = _currency(amount_unit.strip())
        if name == "unit_price" and volume_unit.strip():
            per = volume_unit.strip()
    volume = split_unit(resolved["quantity"])[1] if "quantity" in resolved else None
    return Units(currency=money or (_currency(currency) if currency else None), volume=volume or per)
