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


STAKEHOLDER_COLUMNS = (
    "customer_id",
    "name",
    "title",
    "function",
    "decision_role",
    "influence",
    "stance",
    "coach",
    "reports_to",
    "purchase_factors",
    "preferences",
)
STAKEHOLDERS = [
    # K001 華東電力設備: every function met, a coach in engineering
    ("K001", "周建國", "總經理", "executive", "decision_maker", 5, "supporter", "no", "", "", "看重長期合作與供應穩定"),
    ("K001", "孫麗", "財務總監", "finance", "economic_buyer", 4, "neutral", "no", "周建國", "price;total_cost", ""),
    ("K001", "吳磊", "技術部經理", "technical", "technical_buyer", 4, "supporter", "yes", "周建國", "advancement;compatibility", "願意提前透露招標的技術要求"),
    ("K001", "鄭芳", "生產部主管", "user_department", "user_buyer", 3, "supporter", "no", "吳磊", "ease_of_use;delivery", ""),
    ("K001", "馮強", "設備維護主管", "operations_maintenance", "influencer", 3, "neutral", "no", "吳磊", "stability;failure_rate;after_sales_service", ""),
    ("K001", "何靜", "採購專員", "procurement", "gatekeeper", 2, "unknown", "no", "孫麗", "price;delivery", ""),
    # K002 長江家電集團: the finance director is the most influential and against us; no coach
    ("K002", "王偉", "財務總監", "finance", "economic_buyer", 5, "opponent", "no", "", "price;total_cost", "認為現有供應商價格更低"),
    ("K002", "李娜", "工程部經理", "technical", "technical_buyer", 3, "supporter", "no", "王偉", "quality;compatibility", ""),
    ("K002", "張敏", "沖壓車間主任", "user_department", "user_buyer", 2, "neutral", "no", "李娜", "ease_of_use", ""),
    # K003 嶺南機械: one contact only
    ("K003", "陳志明", "采购经理", "procurement", "gatekeeper", 3, "supporter", "no", "", "price;delivery", ""),
    # K005 華東重工: a joint venture whose engineers write in English
    ("K005", "Daniel Wu", "Plant Engineering Manager", "technical", "technical_buyer", 4, "supporter", "yes", "", "quality;stability", "prefers data sheets before meetings"),
    ("K005", "Grace Lin", "Maintenance Lead", "operations_maintenance", "influencer", 3, "unknown", "no", "Daniel Wu", "failure_rate;after_sales_service", ""),
]

NEED_COLUMNS = ("customer_id", "statement", "said_by", "depth", "parent", "status")
NEEDS = [
    # K001, five whys down to a root need (Simplified, as 王强 writes)
    ("K001", "交货总是拖期", "何靜", "stated", "", "confirmed"),
    ("K001", "生产线经常因为缺料停机", "鄭芳", "underlying", "交货总是拖期", "confirmed"),
    ("K001", "安全库存压得太低，因为资金占用压力大", "孫麗", "underlying", "生产线经常因为缺料停机", "confirmed"),
    ("K001", "需要按周滚动的准时交付，降低库存占用的资金", "孫麗", "root", "安全库存压得太低，因为资金占用压力大", "confirmed"),
    ("K001", "板材宽度改成1250毫米就行", "鄭芳", "stated", "", "open"),  # a want: it prescribes a size
    # K002, a chain that stops after two levels at a solution (shallow)
    ("K002", "最近沖壓件退貨太多", "張敏", "stated", "", "confirmed"),
    ("K002", "換成更厚的板材就好", "李娜", "underlying", "最近沖壓件退貨太多", "open"),
    # K003: a stated want only
    ("K003", "希望每噸再便宜兩百元", "陳志明", "stated", "", "open"),
    # K005, in English
    ("K005", "Our press line stops twice a month because coils arrive out of tolerance", "Daniel Wu", "stated", "", "confirmed"),
    ("K005", "We need a consistent thickness tolerance so the line can run unattended at night", "Daniel Wu", "underlying", "Our press line stops twice a month because coils arrive out of tolerance", "open"),
]

DEAL_COLUMNS = ("customer_id", "title", "value", "currency", "stage", "expected_close", "needs", "quoted_on")
DEALS = [
    # K002's price went out while the deal was still in discovery: the quote gate flags it
    ("K002", "冷軋板 2027 年度合約", 1_200_000, "CNY", "discovery", "2027-01-31", "最近沖壓件退貨太多", "2026-09-15"),
    ("K001", "镀锌板 2027 年框架协议", 3_500_000, "CNY", "negotiation", "2026-12-31", "需要按周滚动的准时交付，降低库存占用的资金", "2026-11-20"),
    ("K003", "熱軋卷補貨", 400_000, "CNY", "proposal", "2026-12-20", "", ""),
    ("K005", "Galvanised coil supply 2027", 900_000, "CNY", "solution", "2027-03-31", "We need a consistent thickness tolerance so the line can run unattended at night", ""),
]


def stakeholders() -> pl.DataFrame:
    """The decision chains of K001, K002, K003 and K005, as a stakeholders file."""
    return pl.DataFrame(STAKEHOLDERS, schema=list(STAKEHOLDER_COLUMNS), orient="row")


def needs() -> pl.DataFrame:
    """The needs and their why-chains, as a needs file (each row's parent is above it)."""
    return pl.DataFrame(NEEDS, schema=list(NEED_COLUMNS), orient="row")


def deals() -> pl.DataFrame:
    """The open deals, as a deals file."""
    return pl.DataFrame(DEALS, schema=list(DEAL_COLUMNS), orient="row")


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
            rows.append((code, year, "冷軋板", round(grown * 0.7), "t", round(grown * 0.7 * price, -2), "CNY"))
            if year > end.year - 10:
                rows.append((code, year, "鍍鋅板", round(grown * 0.3), "t", round(grown * 0.3 * price * 1.12, -2), "CNY"))
    schema = ["customer_id", "year", "product", "volume", "unit", "value", "currency"]
    return pl.DataFrame(rows, schema=schema, orient="row")
