"""The demo company's key-account work, as the files a team would import into the workspace.

Who owns which account (two salespeople, 王强 and 陳偉, in two teams), and for a few key accounts what
the team has learnt: the decision chains (K001 with a coach and every function met; K002 with the
finance director, the most influential person there, against us; K003 with one contact only: single-
threaded), the needs with their five-whys chains (one of them shallow, one a want rather than a need),
the deals (K002's price quoted while the deal was still in discovery), contract volumes by year (K001's
over the 24 years it has bought) and the days of the referrals. The names and words are Chinese, in
both scripts, with one joint venture's engineers writing in English.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

# the salespeople, by the display names their users get (see the Makefile's demo): odd-numbered key
# accounts are 王强's, even-numbered ones 陳偉's; the rising newcomers are 王强's; the tail is unowned
SALES = ("王强", "陳偉")


def owners(customers: pl.DataFrame, rising: list[str]) -> pl.Series:
    """Each customer's owner (a salesperson's display name): the key accounts' and the `rising`
    newcomers'; none for the long tail."""
    code = pl.col("customer_id")
    number = code.str.extract(r"^K(\d+)$").cast(pl.Int32, strict=False)
    owner = (
        pl.when(number.is_not_null())
        .then(pl.when(number % 2 == 1).then(pl.lit(SALES[0])).otherwise(pl.lit(SALES[1])))
        .when(code.is_in(rising))
        .then(pl.lit(SALES[0]))
        .otherwise(pl.lit(None, pl.String))
    )
    return customers.select(owner.alias("owner"))["owner"]


RECORDS = Path(__file__).parent / "records"  # the decision chains, needs and deals, as files


def stakeholders() -> pl.DataFrame:
    """The decision chains of K001, K002, K003 and K005, as a stakeholders file: K001 with a coach in
    engineering and every function met; K002 with the finance director, the most influential person
    there, against us and no coach; K003 with one contact only; K005, a joint venture, in English."""
    return _read("stakeholders.csv")


def needs() -> pl.DataFrame:
    """The needs and their why-chains, as a needs file (each row's parent above it): K001's five whys
    down to a root need and a want (a size prescribed); K002's chain that stops at a solution after two
    levels (shallow); K003's stated want; K005's, in English."""
    return _read("needs.csv")


def deals() -> pl.DataFrame:
    """The open deals, as a deals file: K002's price went out while the deal was still in discovery.
    K001's and K002's name the people involved; K005's is judged on who stated its need; K003's is
    linked to nobody, so the coach says so instead of scoring it."""
    return _read("deals.csv")


def _read(name: str) -> pl.DataFrame:
    return pl.read_csv(RECORDS / name, infer_schema=False)


def contracts(customers: pl.DataFrame, lines: pl.DataFrame, seed: int, end: dt.date) -> pl.DataFrame:
    """Yearly contract volumes of the first five key accounts, from the year after each began buying to
    the current year: 冷軋板 throughout, 鍍鋅板 for the last ten years, a volume that grows towards what
    the account bought in the last 12 months, and its value at that year's price per ton."""
    rng = np.random.default_rng(seed + 101)
    rows: list[tuple[str, int, str, float, str, float, str]] = []
    year_ago = end - dt.timedelta(days=365)
    bought = (
        lines.filter(pl.col("date") > year_ago)
        .group_by("customer_id")
        .agg(pl.col("quantity").sum().alias("tons"))
    )
    listed = customers.filter(pl.col("customer_id").is_in(["K001", "K002", "K003", "K004", "K005"]))
    listed = listed.join(bought, on="customer_id", how="left").sort("customer_id")
    for code, since, annual in listed.select("customer_id", "since", pl.col("tons").fill_null(0)).iter_rows():
        first = max(since.year + 1, end.year - 23)
        years = list(range(first, end.year + 1))
        for index, year in enumerate(years):
            grown = (0.35 + 0.65 * (index + 1) / len(years)) * annual * rng.uniform(0.9, 1.1)
            price = 3_600 + 60 * (year - 2003) + float(rng.uniform(-150, 150))  # 元 a ton
            rows.append(
                (code, year, "冷軋板", round(grown * 0.7), "t", round(grown * 0.7 * price, -2), "CNY")
            )
            if year > end.year - 10:
                rows.append(
                    (
                        code,
                        year,
                        "鍍鋅板",
                        round(grown * 0.3),
                        "t",
                        round(grown * 0.3 * price * 1.12, -2),
                        "CNY",
                    )
                )
    schema = ["customer_id", "year", "product", "volume", "unit", "value", "currency"]
    return pl.DataFrame(rows, schema=schema, orient="row")
