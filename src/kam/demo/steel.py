"""A realistic demo company: a steel supplier like the one in the article (DOMAIN.md §3).

96 contract customers (30 over 100 t a year, the top 5 over 500 t; tenures up to 24 years; about a
third referred by older customers; state-owned, collective and private) plus a long tail of small
buyers, with planted one-off bulk buyers (one of them a purchase delivered in three orders), thin-margin
and squeezing customers, lapsed and rising ones, and customers whose estimated annual demand is known.

Planted too, for `kam analyze --compare` on two analyses a quarter apart (QUARTER_BEFORE and END): in
the last quarter a key account stopped buying (it leaves `key`), a big customer's silence grew long
enough to lapse, a steady key account missed its orders (newly at risk), and a group purchase came in
three orders (a new fake key account). They are made apart from the random company (their own orders,
fixed), so that the company the seed gives is the same with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import polars as pl

START = dt.date(2023, 10, 1)
END = dt.date(2026, 9, 30)
QUARTER_BEFORE = END - dt.timedelta(days=91)  # the as-of date of the analysis a quarter earlier
PRODUCTS = {"HR-COIL": 4300.0, "CR-SHEET": 5100.0, "GALV-SHEET": 5900.0, "REBAR": 3900.0, "H-BEAM": 4600.0}
COST_RATIO = 0.80
PLANTED = {
    "one_off_bulk": 3,
    "low_profit_volume": 3,
    "profit_squeezer": 3,
    "lapsed": 3,
    "potential": 5,
}
_PREFIX = ("華東", "華北", "西南", "中原", "東海", "南方", "北方", "長江", "珠江", "渤海", "嶺南", "江淮")
_CORE = (
    "重工",
    "機械",
    "鋼構",
    "建設",
    "汽車零件",
    "造船",
    "電力設備",
    "家電",
    "管道",
    "橋樑",
    "精密",
    "物流",
)
_SUFFIX = ("股份有限公司", "有限公司", "集團", "實業公司")
_INDUSTRY = ("construction", "machinery", "automotive", "shipbuilding", "energy", "appliances")


@dataclass(frozen=True)
class DemoCompany:
    transactions: pl.DataFrame
    customers: pl.DataFrame
    planted: dict[str, list[str]]  # segment -> the customers planted in it
    # what moved in the last quarter (as kam.analytics.changes lists it) -> the customers planted so
    moves: dict[str, list[str]] = field(default_factory=dict)


# Customers who moved in the last quarter: steady monthly buyers of MOVER_TONS (a key account's size)
# who stop (left key; lapsed) or miss orders (at risk), days before END
MOVER_TONS = 36.0
MOVERS = {
    "M01": ("華中重工股份有限公司", "left_key", 150, ()),  # stopped 150 days ago: not key (> 120 days)
    "M02": ("西北鋼構集團", "newly_lapsed", 195, ()),  # stopped 195 days ago: lapsed (> 180 days)
    "M03": ("東南造船有限公司", "newly_at_risk", 100, (70,)),  # its monthly order 70 days ago was its last
}
# A group purchase of the last quarter, delivered as three orders within five days (one buying episode)
SPLIT_PURCHASE = ("G04", "東郊廠房團購", (40, 38, 35), 300.0)
# Customers whose estimated annual demand (wallet, in tons) the customers table gives: a few times what
# they buy from us, so they buy a small share of it
WALLETS = {"K062": 5.0, "K074": 4.0, "K037": 6.0}


def _names(rng: np.random.Generator, n: int) -> list[str]:
    return [
        f"{_PREFIX[rng.integers(len(_PREFIX))]}{_CORE[rng.integers(len(_CORE))]}{_SUFFIX[rng.integers(len(_SUFFIX))]}"
        for _ in range(n)
    ]


def _customers(rng: np.random.Generator, n_contract: int, n_tail: int) -> pl.DataFrame:
    ids = [f"K{i + 1:03d}" for i in range(n_contract)] + [f"T{i + 1:04d}" for i in range(n_tail)]
    annual = np.concatenate(
        [
            rng.uniform(520, 900, 5),  # the top 5: over 500 t a year
            rng.uniform(110, 480, 25),  # 30 contract customers over 100 t in all
            rng.uniform(20, 80, n_contract - 30),
            rng.lognormal(1.2, 0.8, n_tail),  # small buyers, a few tons a year
        ]
    )
    years = np.concatenate(
        [
            [24.0],
            rng.uniform(2.5, 20, n_contract - 1),
            rng.uniform(0.2, 6, n_tail),
        ]
    )
    since = [END - dt.timedelta(days=int(y * 365.25)) for y in years]
    # of the 30 customers over 100 t, 16 are state-owned or collective (the article's example)
    big_owners = np.array(["state"] * 10 + ["collective"] * 6 + ["private"] * 14)
    rng.shuffle(big_owners)
    rest = rng.choice(
        ["private", "private", "private", "collective", "foreign", "state"], n_contract + n_tail - 30
    )
    ownership = np.concatenate([big_owners, rest])
    types = np.where(
        np.arange(n_contract + n_tail) < n_contract,
        rng.choice(["end_user", "end_user", "distributor", "dealer", "agent"], n_contract + n_tail),
        rng.choice(["end_user", "dealer", "wholesaler"], n_contract + n_tail),
    )
    referred: list[str | None] = [None] * (n_contract + n_tail)
    for i in range(8, n_contract):
        if rng.random() < 0.36:  # about a third came through referrals by older customers
            referred[i] = ids[int(rng.integers(0, min(i, 30)))]
    return pl.DataFrame(
        {
            "customer_id": ids,
            "name": _names(rng, n_contract + n_tail),
            "type": types,
            "ownership": ownership,
            "industry": rng.choice(_INDUSTRY, n_contract + n_tail),
            "since": since,
            "referred_by": referred,
            "payment_days": np.round(rng.uniform(25, 60, n_contract + n_tail)),
            "service_cost": np.round(annual * 4500 * rng.uniform(0.008, 0.02, n_contract + n_tail) + 300, -1),
            "_annual_tons": annual,
        }
    )


def _orders(rng: np.random.Generator, customers: pl.DataFrame, planted: dict[str, list[str]]) -> pl.DataFrame:
    span = (END - START).days
    rows: dict[str, list[object]] = {k: [] for k in ("customer_id", "date", "tons", "discount", "cost_ratio")}
    role = {cid: kind for kind, cids in planted.items() for cid in cids}
    for cid, annual in customers.select("customer_id", "_annual_tons").iter_rows():
        kind = role.get(cid)
        first_day = max(
            0, span - int((END - customers.filter(pl.col("customer_id") == cid)["since"][0]).days)
        )
        per_year = 12.0 if annual > 100 else 6.0 if annual > 20 else 3.0
        n = max(1, rng.poisson(per_year * (span - first_day) / 365.25))
        days = np.sort(rng.integers(first_day, span + 1, n))
        tons = rng.gamma(4.0, annual / per_year / 4.0, n)
        discount = rng.uniform(0.02, 0.08, n)
        cost = np.full(n, COST_RATIO)
        if kind == "one_off_bulk":
            days, tons = (
                np.array([int(rng.integers(span // 3, span - 60))]),
                np.array([rng.uniform(700, 1200)]),
            )
            discount, cost = np.array([0.05]), np.array([COST_RATIO])
        elif kind == "low_profit_volume":
            cost = np.full(n, 0.945)
        elif kind == "profit_squeezer":
            discount = rng.uniform(0.18, 0.24, n)
        elif kind == "lapsed":
            keep = days < span - 300
            days, tons, discount, cost = days[keep], tons[keep], discount[keep], cost[keep]
        elif kind == "potential":
            extra = np.sort(rng.integers(span - 330, span - 5, 12))
            days = np.concatenate([days, extra])
            tons = np.concatenate([tons, rng.gamma(4.0, 2.5, 12)])
            discount = np.concatenate([discount, rng.uniform(0.02, 0.06, 12)])
            cost = np.concatenate([cost, np.full(12, COST_RATIO)])
        if kind is None and annual < 20 and rng.random() < 0.45:  # small buyers drift away
            stop = int(rng.integers(first_day, span + 1))
            keep = days <= stop
            keep[0] = True
            days, tons, discount, cost = days[keep], tons[keep], discount[keep], cost[keep]
        rows["customer_id"] += [cid] * len(days)
        rows["date"] += [START + dt.timedelta(days=int(d)) for d in days]
        rows["tons"] += list(np.round(np.maximum(tons, 0.5), 2))
        rows["discount"] += list(discount)
        rows["cost_ratio"] += list(cost)
    return pl.DataFrame(rows)


def _lines(rng: np.random.Generator, orders: pl.DataFrame, squeezers: list[str]) -> pl.DataFrame:
    n = orders.height
    names = list(PRODUCTS)
    product = rng.choice(names, n)
    list_price = np.array([PRODUCTS[p] for p in product]) * rng.uniform(0.97, 1.03, n)
    tons = orders["tons"].to_numpy()
    unit_price = np.round(list_price * (1 - orders["discount"].to_numpy()), 2)
    lines = orders.with_columns(
        order_id=pl.format("SO{}", pl.int_range(100001, 100001 + n).cast(pl.String)),
        product_id=pl.Series(product),
        quantity=pl.Series(tons),
        unit_price=pl.Series(unit_price),
        amount=pl.Series(np.round(tons * unit_price, 2)),
        cost=pl.Series(np.round(tons * list_price * orders["cost_ratio"].to_numpy(), 2)),
        list_amount=pl.Series(np.round(tons * list_price, 2)),
    )
    returns = lines.filter(pl.col("customer_id").is_in(squeezers)).sample(
        fraction=0.3, seed=int(rng.integers(1 << 30))
    )
    returns = returns.with_columns(
        order_id=pl.format("RT{}", pl.col("order_id").str.slice(2)),
        date=pl.col("date") + pl.duration(days=14),
        quantity=-(pl.col("quantity") * 0.5).round(2),
        amount=-(pl.col("amount") * 0.5).round(2),
        cost=-(pl.col("cost") * 0.5).round(2),
        list_amount=-(pl.col("list_amount") * 0.5).round(2),
    ).filter(pl.col("date") <= END)
    keep = [
        "date",
        "customer_id",
        "order_id",
        "product_id",
        "quantity",
        "unit_price",
        "amount",
        "cost",
        "list_amount",
    ]
    return pl.concat([lines.select(keep), returns.select(keep)]).sort("date", "order_id")


def _mover_lines(customers: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The movers' and the split purchase's customers and lines: fixed, no random numbers drawn."""
    rows: dict[str, list[object]] = {k: [] for k in ("customer_id", "date", "tons")}
    for cid, (_, _, stopped, late) in MOVERS.items():
        days = [*range(stopped, (END - START).days - 10, 30), *late]  # monthly, the last `stopped` days ago
        for day in days:
            rows["customer_id"].append(cid)
            rows["date"].append(END - dt.timedelta(days=day))
            rows["tons"].append(MOVER_TONS)
    group, _, split_days, tons = SPLIT_PURCHASE
    for day in split_days:
        rows["customer_id"].append(group)
        rows["date"].append(END - dt.timedelta(days=day))
        rows["tons"].append(tons)
    price = PRODUCTS["HR-COIL"]
    orders = pl.DataFrame(rows).sort("customer_id", "date")
    lines = orders.with_columns(
        order_id=pl.format("SM{}", pl.int_range(1, orders.height + 1).cast(pl.String)),
        product_id=pl.lit("HR-COIL"),
        quantity=pl.col("tons"),
        unit_price=pl.lit(round(price * 0.96, 2)),
        amount=(pl.col("tons") * round(price * 0.96, 2)).round(2),
        cost=(pl.col("tons") * price * COST_RATIO).round(2),
        list_amount=(pl.col("tons") * price).round(2),
    ).drop("tons")
    named = {cid: name for cid, (name, *_rest) in MOVERS.items()} | {SPLIT_PURCHASE[0]: SPLIT_PURCHASE[1]}
    movers = pl.DataFrame(
        {
            "customer_id": list(named),
            "name": list(named.values()),
            "type": ["end_user"] * len(named),
            "ownership": ["private", "state", "collective", "private"],
            "industry": ["machinery", "construction", "shipbuilding", "construction"],
            "since": [START - dt.timedelta(days=3000)] * 3 + [END - dt.timedelta(days=40)],
            "referred_by": [None] * len(named),
            "payment_days": [40.0] * len(named),
            "service_cost": [25_000.0] * 3 + [500.0],
        }
    )
    movers = movers.cast({name: customers.schema[name] for name in movers.columns})
    return movers, lines


def make_demo_company(
    seed: int = 7, n_contract: int = 96, n_tail: int = 400, *, movers: bool = True
) -> DemoCompany:
    """Generate the demo supplier's customers and transaction lines (deterministic for a seed); without
    `movers`, the company as it was before the last quarter's planted moves were added to it."""
    rng = np.random.default_rng(seed)
    customers = _customers(rng, n_contract, n_tail)
    contract = [f"K{i:03d}" for i in range(1, n_contract + 1)]
    planted = {
        "profit_squeezer": contract[6:9],
        "low_profit_volume": contract[9:12],
        "lapsed": contract[12:15],
        "potential": [f"T{i:04d}" for i in range(1, 6)],
        "one_off_bulk": [f"G{i:02d}" for i in range(1, PLANTED["one_off_bulk"] + 1)],
    }
    group_buyers = pl.DataFrame(
        {
            "customer_id": planted["one_off_bulk"],
            "name": ["城西團購聯盟", "新區住宅團購", "臨時工程採購組"],
            "type": ["end_user"] * 3,
            "ownership": ["private"] * 3,
            "industry": ["construction"] * 3,
            "since": [END - dt.timedelta(days=400)] * 3,
            "referred_by": [None] * 3,
            "payment_days": [30.0] * 3,
            "service_cost": [500.0] * 3,
            "_annual_tons": [0.0] * 3,
        },
        schema=customers.schema,
    )
    customers = pl.concat([customers, group_buyers])
    rising = pl.col("customer_id").is_in(planted["potential"])
    customers = customers.with_columns(
        since=pl.when(rising).then(pl.lit(END - dt.timedelta(days=900))).otherwise(pl.col("since")),
        _annual_tons=pl.when(rising).then(pl.lit(4.0)).otherwise(pl.col("_annual_tons")),
    )
    customers = customers.with_columns(
        payment_days=pl.when(pl.col("customer_id").is_in(planted["profit_squeezer"]))
        .then(pl.lit(125.0))
        .otherwise(pl.col("payment_days")),
        service_cost=pl.when(pl.col("customer_id").is_in(planted["profit_squeezer"]))
        .then(pl.lit(90000.0))
        .otherwise(pl.col("service_cost")),
    )
    lines = _lines(rng, _orders(rng, customers, planted), planted["profit_squeezer"])
    if not movers:
        return DemoCompany(lines, customers.drop("_annual_tons"), planted)
    moved, mover_lines = _mover_lines(customers)
    lines = pl.concat([lines, mover_lines.select(lines.columns)]).sort("date", "order_id")
    annual = pl.col("_annual_tons")
    customers = customers.with_columns(
        wallet_volume=pl.col("customer_id").replace_strict(WALLETS, default=None, return_dtype=pl.Float64)
        * annual.round(0),
    ).with_columns(wallet_unit=pl.when(pl.col("wallet_volume").is_not_null()).then(pl.lit("t")))
    customers = pl.concat([customers.drop("_annual_tons"), moved], how="diagonal")
    planted["one_off_bulk"] = [*planted["one_off_bulk"], SPLIT_PURCHASE[0]]
    moves = {kind: [cid] for cid, (_, kind, _, _) in MOVERS.items()} | {"new_fakes": [SPLIT_PURCHASE[0]]}
    return DemoCompany(lines, customers, planted, moves)
