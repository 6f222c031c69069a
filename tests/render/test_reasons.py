"""The reasons said from their codes: each code's sentence with the customer's figures and the thresholds,
in each language, with the plural form of its count and one way of writing each kind of number.

Expected texts are the catalog's messages filled with the expected figures, so the tests name figures,
not wording; the plural tests name the English words of one and many, which is what they test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import narwhals as nw
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kam.analytics.settings import ValueSettings
from kam.cli import app
from kam.domain.languages import Lang
from kam.domain.segments import Reason
from kam.i18n import ntext, plural, text
from kam.render import reasons
from kam.render.reasons import CITED, ReasonContext, say_reasons

R = Reason
CONTEXT = ReasonContext(basis="net_profit", median_order=1_000.0, customers=10, settings=ValueSettings())
SCHEMA: dict[str, Any] = {name: pl.Float64 for name in CITED} | {
    "rank": pl.Int64,
    "abc_tier": pl.String,
    "orders": pl.Int64,
    "revenue_rank": pl.Int64,
    "volume_rank": pl.Int64,
    "orders_last_12m": pl.Int64,
    "orders_prev_12m": pl.Int64,
    "episodes": pl.Int64,
    "first_half_orders": pl.Int64,
    "second_half_orders": pl.Int64,
    "wallet_unit": pl.String,
    "potential_rank": pl.Int64,
    "reason_codes": pl.List(pl.String),
}
# a key account's figures; a case changes those it is about
FIGURES: dict[str, Any] = {
    "profit_share": 0.5,
    "rank": 1,
    "abc_tier": "A",
    "frequency_per_year": 12.0,
    "gross_margin": 0.3,
    "recency_days": 10.0,
    "orders": 24,
    "return_rate": 0.0,
    "net_profit": 150_000.0,
    "cost_to_serve": 5_000.0,
    "payment_days": 30.0,
    "discount_depth": 0.0,
    "cost_to_serve_share": 0.005,
    "revenue": 1_000_000.0,
    "revenue_rank": 1,
    "volume": 5.0,
    "volume_rank": 10,
    "net_margin": 0.15,
    "mean_gap_days": 30.0,
    "p_alive": 0.95,
    "revenue_trend": 0.0,
    "revenue_last_12m": 500_000.0,
    "revenue_prev_12m": 500_000.0,
    "orders_last_12m": 12,
    "orders_prev_12m": 12,
    "episodes": 24,
    "largest_episode": 60_000.0,
    "largest_episode_share": 0.06,
    "episode_gap_days": 30.0,
    "first_half_orders": None,
    "second_half_orders": None,
    "first_half_average": None,
    "second_half_average": None,
    "wallet": None,
    "wallet_volume": None,
    "wallet_unit": None,
    "wallet_share": None,
    "forecast_revenue_12m": 500_000.0,
    "expected_uplift": None,
    "potential_rank": None,
}


def _say(
    rows: list[dict[str, Any]], lang: Lang = Lang.EN, context: ReasonContext = CONTEXT
) -> list[str | None]:
    frame = pl.DataFrame([{**FIGURES, **row} for row in rows], schema=SCHEMA)
    return say_reasons(nw.from_native(frame), context, lang).to_list()


def _said(key: str, lang: Lang = Lang.EN, count: int | None = None, **values: str) -> str:
    """The catalog's message `key` in `lang` filled with `values` (in the form of `count` if it has plural forms)."""
    if plural(key, lang):
        assert count is not None, key
        return ntext(key, count, lang, **values)
    return text(key, lang, **values)


def _regular(share: str, orders: int, days: int, lang: Lang = Lang.EN, basis: str = "net_profit") -> str:
    return _said(
        "r.regular",
        lang,
        share=share,
        basis=text(f"basis.{basis}", lang),
        orders=_said("r.count_orders", lang, orders, orders=str(orders)),
        recency=_said("r.count_days", lang, days, days=str(days)),
    )


def _days(days: int, lang: Lang = Lang.EN) -> str:
    return _said("r.count_days", lang, days, days=str(days))


def _codes(*codes: Reason) -> list[str]:
    return [code.value for code in codes]


NET = "net profit"


@pytest.mark.parametrize(
    ("row", "context", "reasons"),
    [
        pytest.param(
            {
                "profit_share": 0.45678,
                "frequency_per_year": 12.34,
                "gross_margin": 0.30123,
                "reason_codes": _codes(R.SHARE, R.FREQ, R.RECENT, R.MARGIN_OK),
            },
            CONTEXT,
            [
                _said("r.share", share="45.7%", basis=NET, rank="1", tier="A"),
                _said("r.freq", opy="12.3", thr="4"),
                _said("r.recent", count=10, recency="10"),
                _said("r.margin_ok", gm="30.1%", thr="15%"),
            ],
            id="key",
        ),
        pytest.param(
            {"profit_share": 0.45678, "reason_codes": _codes(R.SHARE, R.FREQ, R.RECENT)},
            ReasonContext("revenue", 1_000.0, 10, ValueSettings()),
            [
                _said("r.share", share="45.7%", basis="revenue", rank="1", tier="A"),
                _said("r.freq", opy="12.0", thr="4"),
                _said("r.recent", count=10, recency="10"),
            ],
            id="key ranked by revenue",
        ),
        pytest.param(
            {
                "orders": 1,
                "largest_episode": 12_345.6,
                "largest_episode_share": 0.98765,
                "return_rate": 0.001,
                "reason_codes": _codes(R.ORDERS, R.LARGEST, R.MULTIPLE, R.RETURNED),
            },
            ReasonContext("net_profit", 1_234.6, 10, ValueSettings()),
            [
                _said("r.orders", count=1, orders="1"),
                _said("r.largest", largest="12,346", los="98.8%"),
                _said("r.multiple", multiple="10.0", median="1,235"),  # amounts written alike, grouped
                _said("r.returned", rr="0.1%"),
            ],
            id="one-off bulk with returns",
        ),
        pytest.param(
            {
                "orders": 1,
                "largest_episode": 4.0,
                "largest_episode_share": 1.0,
                "reason_codes": _codes(R.ORDERS, R.LARGEST, R.MULTIPLE),
            },
            ReasonContext("net_profit", 0.4, 10, ValueSettings()),
            [
                _said("r.orders", count=1, orders="1"),
                _said("r.largest", largest="4", los="100.0%"),
                _said("r.multiple", multiple="10.0", median="0"),
            ],
            id="one-off bulk in a portfolio of orders under 1 (amounts in thousands)",
        ),
        pytest.param(
            {
                "orders": 2,
                "largest_episode": 5.0,
                "largest_episode_share": 1.0,
                "reason_codes": _codes(R.ORDERS, R.LARGEST, R.MULTIPLE),
            },
            ReasonContext("net_profit", 0.0, 10, ValueSettings()),
            [
                _said("r.orders", count=2, orders="2"),
                _said("r.largest", largest="5", los="100.0%"),
                _said("r.multiple", multiple="5,000,000,000.0", median="0"),
            ],
            id="one-off bulk in a portfolio whose median order is 0",
        ),
        pytest.param(
            {
                "net_profit": -1_234.4,
                "cost_to_serve": 56_789.5,
                "discount_depth": 0.2345,
                "payment_days": 95.4,
                "return_rate": 0.1234,
                "cost_to_serve_share": 0.0567,
                "reason_codes": _codes(R.NET_PROFIT, R.PAYMENT, R.DISCOUNT, R.RETURNS, R.COST_TO_SERVE),
            },
            CONTEXT,
            [
                _said("r.net_profit", np="-1,234", cts="56,790"),
                _said("r.payment", count=95, days="95", thr="90"),
                _said("r.discount", d="23.4%", thr="15%"),
                _said("r.returns", rr="12.3%", thr="10%"),
                _said("r.cts_share", share="5.7%", thr="5%"),
            ],
            id="profit squeezer, every signal",
        ),
        pytest.param(
            {
                "net_margin": 0.01234,
                "volume": 85.4,
                "volume_rank": 2,
                "reason_codes": _codes(R.BIG, R.VOLUME, R.THIN),
            },
            CONTEXT,
            [
                _said("r.big", revenue="1,000,000", rrank="1", n="10"),
                _said("r.volume", volume="85", vrank="2", n="10"),
                _said("r.thin", count=24, nm="1.2%", orders="24", thr="5%"),
            ],
            id="low-profit volume",
        ),
        pytest.param(
            {"net_margin": 0.01, "revenue": 8.9e18, "reason_codes": _codes(R.BIG)},
            CONTEXT,
            [_said("r.big", revenue="8,900,000,000,000,000,000", rrank="1", n="10")],
            id="revenue just under the 64-bit integers",
        ),
        pytest.param(
            {"net_margin": 0.01, "revenue": 9e18, "reason_codes": _codes(R.BIG)},
            CONTEXT,
            [_said("r.big", revenue="9e+18", rrank="1", n="10")],
            id="revenue at the 64-bit integers' limit, written as a float",
        ),
        pytest.param(
            {
                "recency_days": 200.0,
                "episodes": 12,
                "episode_gap_days": 30.4,
                "p_alive": 0.256,
                "reason_codes": _codes(R.SILENT, R.GAP, R.BIG, R.VOLUME, R.P_ALIVE),
            },
            CONTEXT,
            [
                _said("r.silent", count=200, recency="200", thr="180"),
                _said("r.gap", count=12, episodes="12", span=_days(334), gap=_days(30)),
                _said("r.big", revenue="1,000,000", rrank="1", n="10"),
                _said("r.volume", volume="5", vrank="10", n="10"),
                _said("r.p_alive", p="0.26", thr="0.3"),
            ],
            id="lapsed, unlikely alive",
        ),
        pytest.param(
            {
                "abc_tier": "B",
                "revenue_trend": 0.56789,
                "recency_days": 5.0,
                "frequency_per_year": 6.0,
                "potential_rank": 3,
                "expected_uplift": 123_456.7,
                "reason_codes": _codes(R.GROWTH, R.UPLIFT, R.RECENT, R.PACE, R.MARGIN),
            },
            CONTEXT,
            [
                _said("r.growth", trend="+56.8%"),
                _said("r.uplift", rank="3", uplift="123,457"),
                _said("r.recent", count=5, recency="5"),
                _said("r.pace", opy="6.0"),
                _said("r.margin", gm="30.0%"),
            ],
            id="potential by growth",
        ),
        pytest.param(
            {
                "revenue_last_12m": 400_000.4,
                "forecast_revenue_12m": 650_000.0,
                "reason_codes": _codes(R.FORECAST),
            },
            CONTEXT,
            [_said("r.forecast", forecast="650,000", rise="+62.5%", last="400,000")],
            id="potential by forecast",
        ),
        pytest.param(
            {
                "first_half_average": 1_234.4,
                "second_half_average": 2_000.6,
                "reason_codes": _codes(R.YOUNG_BIGGER),
            },
            CONTEXT,
            [_said("r.young_bigger", early="1,234", late="2,001")],
            id="young account, bigger orders",
        ),
        pytest.param(
            {"first_half_orders": 2, "second_half_orders": 5, "reason_codes": _codes(R.YOUNG_MORE)},
            CONTEXT,
            [_said("r.young_more", count=5, early="2", late="5")],
            id="young account, more orders",
        ),
        pytest.param(
            {"wallet": 2_000_000.0, "wallet_share": 0.12345, "reason_codes": _codes(R.WALLET)},
            CONTEXT,
            [_said("r.wallet", share="12.3%", demand="2,000,000")],
            id="share of a wallet in money",
        ),
        pytest.param(
            {
                "wallet_volume": 8_000.0,
                "wallet_unit": "t",
                "wallet_share": 0.12,
                "reason_codes": _codes(R.WALLET),
            },
            CONTEXT,
            [_said("r.wallet", share="12.0%", demand="8,000 t")],
            id="share of a wallet in tons",
        ),
        pytest.param(
            {"wallet_volume": 8_000.0, "wallet_share": 0.12, "reason_codes": _codes(R.WALLET)},
            CONTEXT,
            [_said("r.wallet", share="12.0%", demand="8,000")],
            id="share of a wallet in volume without a unit",
        ),
        pytest.param(
            {"potential_rank": 45, "reason_codes": _codes(R.CUT)},
            ReasonContext("net_profit", 1_000.0, 1_000, ValueSettings()),
            [_said("r.cut", rank="45", limit="30")],
            id="cut from a list of 30 (5% of 1,000 customers is 50)",
        ),
        pytest.param(
            {"potential_rank": 12, "reason_codes": _codes(R.CUT)},
            ReasonContext("net_profit", 1_000.0, 200, ValueSettings()),
            [_said("r.cut", rank="12", limit="10")],
            id="cut from a list of 10 (5% of 200 customers)",
        ),
        pytest.param(
            {
                "revenue_last_12m": 3_668_453.6,
                "revenue_prev_12m": 4_897_778.0,
                "revenue_trend": -0.250996,
                "orders_last_12m": 8,
                "orders_prev_12m": 12,
                "recency_days": 61.0,
                "mean_gap_days": 27.24,
                "p_alive": 0.712,
                "reason_codes": _codes(R.SHRINKING, R.SLOWER, R.OVERDUE, R.FADING),
            },
            CONTEXT,
            [
                _said("r.shrinking", last="3,668,454", prev="4,897,778", trend="-25.1%", thr="20%"),
                _said("r.slower", now=_days(46), before=_days(30), thr="50%"),
                _said("r.overdue", recency=_days(61), multiple="2.2", gap=_days(27), thr="2"),
                _said("r.fading", p="0.71", thr="0.8"),
            ],
            id="a key account at risk, every sign",
        ),
        pytest.param(
            {"orders": 3, "episodes": 1, "reason_codes": _codes(R.ORDERS, R.EPISODES)},
            CONTEXT,
            [
                _said("r.orders", count=3, orders="3"),
                _said("r.episodes", count=1, episodes="1", days=_days(7)),
            ],
            id="three orders, one purchase",
        ),
        pytest.param(
            {"revenue_trend": -0.25, "reason_codes": _codes(R.GROWTH)},
            CONTEXT,
            [_said("r.growth", trend="-25.0%")],
            id="revenue falling",
        ),
        pytest.param(
            {"revenue_trend": 0.0, "reason_codes": _codes(R.GROWTH)},
            CONTEXT,
            [_said("r.growth", trend="+0.0%")],
            id="revenue flat",
        ),
        pytest.param(
            {"profit_share": 0.01234, "orders": 7, "recency_days": 33.0, "reason_codes": _codes(R.REGULAR)},
            CONTEXT,
            [_regular("1.2%", 7, 33)],
            id="regular",
        ),
    ],
)
def test_each_code_is_said_with_its_figures(
    row: dict[str, Any], context: ReasonContext, reasons: list[str]
) -> None:
    assert _say([row], context=context) == ["; ".join(reasons)]


@pytest.mark.parametrize("lang", list(Lang))
def test_the_same_codes_are_said_in_each_language(lang: Lang) -> None:
    rows = [
        {"revenue_trend": 0.5, "reason_codes": _codes(R.SHRINKING, R.FREQ, R.GROWTH, R.MARGIN_OK)},
        {"profit_share": 0.01, "orders": 1, "recency_days": 1.0, "reason_codes": _codes(R.REGULAR)},
        {"episodes": 3, "episode_gap_days": 40.0, "reason_codes": _codes(R.GAP, R.SLOWER)},
    ]
    assert _say(rows, lang) == [
        "; ".join(
            [
                _said("r.shrinking", lang, last="500,000", prev="500,000", trend="+50.0%", thr="20%"),
                _said("r.freq", lang, opy="12.0", thr="4"),
                _said("r.growth", lang, trend="+50.0%"),
                _said("r.margin_ok", lang, gm="30.0%", thr="15%"),
            ]
        ),
        _regular("1.0%", 1, 1, lang),
        "; ".join(
            [
                _said("r.gap", lang, 3, episodes="3", span=_days(80, lang), gap=_days(40, lang)),
                _said("r.slower", lang, now=_days(30, lang), before=_days(30, lang), thr="50%"),
            ]
        ),
    ]


@pytest.mark.parametrize(
    ("row", "english", "chinese"),
    [
        pytest.param({"orders": 1, "reason_codes": ["orders"]}, "1 order in all", "共1張訂單", id="1 order"),
        pytest.param(
            {"orders": 2, "reason_codes": ["orders"]}, "2 orders in all", "共2張訂單", id="2 orders"
        ),
        pytest.param(
            {"orders": 0, "reason_codes": ["orders"]}, "0 orders in all", "共0張訂單", id="0 orders"
        ),
        pytest.param(
            {"recency_days": 1.4, "reason_codes": ["recent"]},
            "last order 1 day ago",
            "最近一次訂單在1天前",
            id="1.4 days, written 1: one",
        ),
        pytest.param(
            {"recency_days": 0.6, "reason_codes": ["recent"]},
            "last order 1 day ago",
            "最近一次訂單在1天前",
            id="0.6 days, written 1: one",
        ),
        pytest.param(
            {"recency_days": 1.6, "reason_codes": ["recent"]},
            "last order 2 days ago",
            "最近一次訂單在2天前",
            id="1.6 days, written 2: other",
        ),
        pytest.param(
            {"episodes": 2, "episode_gap_days": 1.0, "reason_codes": ["gap"]},
            "bought in 2 purchases over 1 day, usually 1 day apart",
            "過去分2次採購，歷時1天，平時每隔1天採購一次",
            id="a gap of 1 day",
        ),
        pytest.param(
            {"orders": 2, "episodes": 1, "reason_codes": ["episodes"]},
            "1 purchase in all (orders within 7 days of a purchase's first order count as one)",
            "共1次採購（同一次採購首張訂單後7天內的訂單算作一次）",
            id="one purchase",
        ),
        pytest.param(
            {"first_half_orders": 0, "second_half_orders": 1, "reason_codes": ["young_more"]},
            "a young account: 1 order in the second half of its time with us against 0 in the first",
            "新客戶：合作後半段下單1次，前半段0次",
            id="one order in the second half",
        ),
        pytest.param(
            {"payment_days": 1.0, "reason_codes": ["payment"]},
            "pays after 1 day on average (≥ 90)",
            "平均1天才付款（≥ 90）",
            id="paying after 1 day",
        ),
        pytest.param(
            {"orders": 1, "net_margin": 0.01, "reason_codes": ["thin"]},
            "but net margin is only 1.0% (< 5%) over 1 order",
            "但1張訂單的淨利率僅1.0%（< 5%）",
            id="thin over 1 order",
        ),
        pytest.param(
            {"recency_days": 1.0, "reason_codes": ["silent"]},
            "no order for 1 day (lapsed after ≥ 180)",
            "已1天沒有下單（≥ 180天視為流失）",
            id="silent for 1 day",
        ),
        pytest.param(
            {"orders": 1, "recency_days": 2.0, "profit_share": 0.01, "reason_codes": ["regular"]},
            "1.0% of net profit, 1 order, last 2 days ago: no key, potential or fake criteria met",
            "佔淨利的1.0%，1張訂單，最近2天前：不符合大客戶、潛力或假大戶條件",
            id="regular: 1 order, 2 days",
        ),
        pytest.param(
            {"orders": 2, "recency_days": 1.0, "profit_share": 0.01, "reason_codes": ["regular"]},
            "1.0% of net profit, 2 orders, last 1 day ago: no key, potential or fake criteria met",
            "佔淨利的1.0%，2張訂單，最近1天前：不符合大客戶、潛力或假大戶條件",
            id="regular: 2 orders, 1 day",
        ),
    ],
)
def test_a_count_is_said_in_its_plural_form(row: dict[str, Any], english: str, chinese: str) -> None:
    assert _say([row], Lang.EN) == [english]
    assert _say([row], Lang.ZH_HANT) == [chinese]


@settings(max_examples=60, deadline=None)
@given(
    orders=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30),
    days=st.lists(st.integers(min_value=0, max_value=20_000).map(lambda q: q / 4), min_size=30, max_size=30),
    lang=st.sampled_from(list(Lang)),
)
def test_every_row_is_said_in_the_form_the_catalog_gives_its_count(
    orders: list[int], days: list[float], lang: Lang
) -> None:
    rows = [
        {"orders": n, "recency_days": d, "reason_codes": ["orders", "recent"]}
        for n, d in zip(orders, days, strict=False)
    ]
    shown = [round(d) for d in days]  # whole days, a half to the even one (as the reasons write it)
    # (every language here groups by three with a comma, as Python does)
    assert _say(rows, lang) == [
        f"{_said('r.orders', lang, n, orders=f'{n:,}')}; {_said('r.recent', lang, s, recency=f'{s:,}')}"
        for n, s in zip(orders, shown, strict=False)
    ]


def test_each_customer_is_said_by_its_own_codes_in_its_row() -> None:
    rows = [
        {"orders": 3, "reason_codes": ["orders"]},
        {"reason_codes": ["regular"]},
        {"orders": 1, "reason_codes": ["orders"]},
        {"reason_codes": []},
        {"reason_codes": ["gap", "orders"]},
    ]
    assert _say(rows) == [
        "3 orders in all",
        _regular("50.0%", 24, 10),
        "1 order in all",
        None,
        "bought in 24 purchases over 690 days, usually 30 days apart; 24 orders in all",
    ]


def test_no_customers_no_reasons() -> None:
    frame = nw.from_native(pl.DataFrame(schema=SCHEMA))
    said = say_reasons(frame, CONTEXT, Lang.EN)
    assert said.len() == 0 and said.dtype == nw.String


def test_an_analysis_stored_once_is_said_in_each_language(
    portfolio_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """accounts.parquet and summary.json of an English run hold what the reasons of a Chinese run say."""
    tx, cu = portfolio_files
    outputs = {}
    for lang in (Lang.EN, Lang.ZH_HANS):
        out = tmp_path / lang.value
        result = CliRunner().invoke(
            app,
            ["analyze", str(tx), "--customers", str(cu), "--out", str(out), "--lang", lang, "--no-forecast"],
        )
        assert result.exit_code == 0, result.output
        outputs[lang] = out
    stored = pl.read_parquet(outputs[Lang.EN] / "accounts.parquet")
    summary = json.loads((outputs[Lang.EN] / "summary.json").read_text(encoding="utf-8"))
    context = ReasonContext(
        basis=summary["basis"],
        median_order=summary["median_order"],
        customers=summary["customers"],
        settings=ValueSettings(**summary["settings"]["value"]),
    )
    chinese = pl.read_csv(outputs[Lang.ZH_HANS] / "accounts.csv")["reasons"].to_list()
    assert say_reasons(nw.from_native(stored), context, Lang.ZH_HANS).to_list() == chinese
    assert stored["reasons"].to_list() != chinese


def test_forms_that_order_their_values_apart_are_each_said_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """A language whose plural forms place the values differently (here made up: the threshold first in
    the singular) still gets each form whole, not words of one form around the values of another."""
    forms = {1: "{days}: {thr} one", 2: "{thr} other: {days}"}
    monkeypatch.setattr(reasons, "ntext", lambda key, n, lang: forms[1 if n == 1 else 2])
    rows = [
        {"payment_days": 1.0, "reason_codes": ["payment"]},
        {"payment_days": 95.0, "reason_codes": ["payment"]},
    ]
    assert _say(rows) == ["1: 90 one", "90 other: 95"]
