"""Settings: one object, every setting documented, overrides from environment and config files."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.errors import ConfigError
from kam.setting_ranges import bounds
from kam.settings import SECTIONS, load_settings, settings_markdown, settings_reference

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_docs_list_every_setting() -> None:
    assert DOCS.read_text(encoding="utf-8") == settings_markdown(), (
        "docs/settings.md is stale: run `python -m kam.settings > docs/settings.md`"
    )


def test_every_setting_has_a_one_line_help() -> None:
    rows = settings_reference()
    assert len(rows) > 40
    for name, _default, help_text in rows:
        assert help_text and "\n" not in help_text, name


def test_environment_and_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAM_VALUE__KEY_MIN_MARGIN", "0.3")
    assert load_settings().value.key_min_margin == 0.3
    config = tmp_path / "kam.json"
    config.write_text('{"value": {"key_min_margin": 0.4}, "calls": {"max_pitch_s": 240}}', encoding="utf-8")
    settings = load_settings(config)
    assert settings.value.key_min_margin == 0.4
    assert settings.calls.max_pitch_s == 240


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[value]\nkey_min_margin = 'high'\n", "value.key_min_margin"),
        ("[valeu]\nx = 1\n", "unknown section valeu"),
        ("[value\n", "not valid TOML"),
        ("[coach]\nfactors_finance = ['price', 'pricey']\n", "coach.factors_finance = 'pricey'"),
        ("[coach]\nquote_allowed_from = 'haggling'\n", "coach.quote_allowed_from = 'haggling'"),
    ],
)
def test_bad_config_is_named(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "kam.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(config)


# Every numeric setting's range: (lowest, lowest allowed?, highest, highest allowed?); None is unbounded.
# A whole-number setting's "just outside" is one step, a number's a millionth.
RANGES: dict[str, tuple[float | None, bool, float | None, bool]] = {
    "value.a_tier_profit_share": (0, False, 1, True),
    "value.b_tier_profit_share": (0, False, 1, True),
    "value.big_customer_top_share": (0, False, 1, True),
    "value.key_min_orders_per_year": (0, True, None, False),
    "value.key_min_margin": (0, True, 1, True),
    "value.key_max_recency_days": (0, True, None, False),
    "value.at_risk_min_drop": (0, False, 1, True),
    "value.at_risk_min_gap_stretch": (0, False, None, False),
    "value.at_risk_overdue_multiple": (1, True, None, False),
    "value.at_risk_max_p_alive": (0, True, 1, True),
    "value.episode_days": (1, True, None, False),
    "value.one_off_max_orders": (1, True, None, False),
    "value.one_off_max_episodes": (1, True, None, False),
    "value.one_off_min_order_share": (0, False, 1, True),
    "value.one_off_min_order_multiple": (1, True, None, False),
    "value.low_profit_max_net_margin": (-1, True, 1, True),
    "value.low_profit_min_orders": (1, True, None, False),
    "value.squeezer_min_discount": (0, False, 1, True),
    "value.squeezer_min_return_rate": (0, False, 1, True),
    "value.squeezer_min_payment_days": (0, False, None, False),
    "value.squeezer_min_cost_to_serve_share": (0, False, None, False),
    "value.squeezer_min_signals": (1, True, 4, True),
    "value.lapsed_after_days": (1, True, None, False),
    "value.lapsed_gap_multiple": (1, True, None, False),
    "value.lapsed_max_p_alive": (0, True, 1, True),
    "value.lapsed_min_episodes": (2, True, None, False),
    "value.lapsed_min_span_days": (0, True, None, False),
    "value.potential_max_recency_days": (0, True, None, False),
    "value.potential_min_orders_per_year": (0, True, None, False),
    "value.potential_min_margin": (0, True, 1, True),
    "value.potential_min_growth": (0, True, None, False),
    "value.potential_min_forecast_rise": (0, True, None, False),
    "value.potential_young_min_days": (1, True, None, False),
    "value.potential_young_min_rise": (0, True, None, False),
    "value.potential_max_wallet_share": (0, False, 1, True),
    "value.potential_max_accounts": (1, True, None, False),
    "value.potential_max_share": (0, False, 1, True),
    "value.cost_of_capital": (0, True, 1, True),
    "value.order_handling_cost": (0, True, None, False),
    "value.min_observation_days": (1, True, None, False),
    "value.trend_window_days": (1, True, None, False),
    "value.stray_date_years": (1, True, None, False),
    "clv.horizon_months": (0, False, 120, True),
    "clv.annual_discount_rate": (0, True, 1, True),
    "clv.margin": (0, False, 1, True),
    "clv.max_iterations": (1, True, 100_000, True),
    "clv.gradient_tolerance": (0, False, 0.1, True),
    "calls.min_customer_to_sales": (0, True, None, False),
    "calls.target_customer_to_sales": (0, False, None, False),
    "calls.min_questions_before_pitch": (0, True, None, False),
    "calls.max_pitch_s": (0, False, None, False),
    "calls.max_pitch_share": (0, False, 1, True),
    "calls.min_discovery_questions": (0, True, None, False),
    "calls.why_chain_max_gap_s": (0, False, None, False),
    "calls.why_chain_min_shared_terms": (0, True, None, False),
    "calls.latin_word_s": (0, False, 10, True),
    "calls.cjk_char_s": (0, False, 10, True),
    "calls.mixed_language_share": (0, False, 0.5, True),
    "calls.evidence_max_chars": (1, True, None, False),
    "calls.next_step_last_share": (0, False, 1, True),
    "calls.praise_why_chain_depth": (1, True, None, False),
    "calls.trend_min_calls": (2, True, None, False),
    "calls.trend_min_share_change": (0, False, 1, True),
    "calls.trend_min_count_change": (0, False, None, False),
    "coach.coach_min_influence": (1, True, 5, True),
    "coach.high_influence": (1, True, 5, True),
    "coach.decision_maker_max_days": (1, True, None, False),
    "coach.engaged_within_days": (1, True, None, False),
    "coach.min_engaged_stakeholders": (2, True, None, False),
    "coach.score_full_breadth": (1, True, None, False),
    "coach.score_coach": (1, True, 100, True),
    "coach.score_decision_maker": (1, True, 100, True),
    "coach.score_functions": (1, True, 100, True),
    "coach.score_breadth": (1, True, 100, True),
    "coach.score_stances": (1, True, 100, True),
    "coach.score_opponents": (1, True, 100, True),
    "coach.max_talking_points": (1, True, 50, True),
    "coach.classify_min_evidence": (0, False, None, False),
    "coach.classify_min_margin": (0, True, None, False),
    "coach.group_min_similarity": (0, False, 1, True),
    "coach.shared_need_min_accounts": (2, True, None, False),
    "coach.why_chain_min_levels": (2, True, 10, True),
    "workspace.api_max_body_bytes": (1_024, True, 1_073_741_824, True),
    "workspace.web_session_minutes": (5, True, 43_200, True),
    "workspace.web_login_failures_per_login": (1, True, 1_000, True),
    "workspace.web_login_failures_per_address": (1, True, 100_000, True),
    "workspace.web_login_window_seconds": (10, True, 86_400, True),
    "workspace.web_transcript_max_bytes": (1_024, True, 1_073_741_824, True),
}
# Settings that must stay in order with another: a value accepted at a bound needs its partner moved too.
PARTNERS: dict[tuple[str, float], dict[str, float]] = {
    ("value.a_tier_profit_share", 1): {"b_tier_profit_share": 1},
    ("value.b_tier_profit_share", 1e-6): {"a_tier_profit_share": 1e-6},
}


def _whole(name: str) -> bool:
    section, field = name.split(".")
    return SECTIONS[section].model_fields[field].annotation is int


def _step(name: str) -> float:
    return 1 if _whole(name) else 1e-6


def _config(tmp_path: Path, name: str, value: float) -> Path:
    section, field = name.split(".")
    table: dict[str, float] = {field: value, **PARTNERS.get((name, value), {})}
    path = tmp_path / "kam.json"
    path.write_text(json.dumps({section: table}), encoding="utf-8")  # NaN and Infinity as JSON writes them
    return path


def _inside(name: str) -> list[float]:
    low, low_in, high, high_in = RANGES[name]
    values = []
    if low is not None:
        values.append(low if low_in else low + _step(name))
    if high is not None:
        values.append(high if high_in else high - _step(name))
    return values


def _outside(name: str) -> list[float]:
    low, low_in, high, high_in = RANGES[name]
    values = [math.nan, math.inf, -math.inf]
    if low is not None:
        values.append(low - _step(name) if low_in else low)
    if high is not None:
        values.append(high + _step(name) if high_in else high)
    return values


def test_the_range_table_names_every_numeric_setting() -> None:
    numeric = {
        f"{section}.{name}"
        for section, model in SECTIONS.items()
        for name, info in model.model_fields.items()
        if info.annotation in (int, float)
    }
    assert numeric == set(RANGES)


@pytest.mark.parametrize(
    ("name", "value"), [(name, value) for name in RANGES for value in _inside(name)], ids=str
)
def test_a_setting_accepts_its_bounds(tmp_path: Path, name: str, value: float) -> None:
    section, field = name.split(".")
    assert getattr(getattr(load_settings(_config(tmp_path, name, value)), section), field) == value


@pytest.mark.parametrize(
    ("name", "value"), [(name, value) for name in RANGES for value in _outside(name)], ids=str
)
def test_a_setting_rejects_nan_infinity_and_a_value_just_outside(
    tmp_path: Path, name: str, value: float
) -> None:
    config = _config(tmp_path, name, value)
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    message = caught.value.message
    assert str(config) in message and name in message and repr(value) in message
    info = SECTIONS[name.split(".")[0]].model_fields[name.split(".")[1]]
    assert bounds(info) and bounds(info) in message  # the allowed range, stated


@pytest.mark.parametrize(
    ("variable", "value", "name", "shown"),
    [
        ("KAM_VALUE__KEY_MIN_MARGIN", "nan", "value.key_min_margin", "'nan'"),
        ("KAM_VALUE__A_TIER_PROFIT_SHARE", "2", "value.a_tier_profit_share", "'2'"),
        ("KAM_CLV__HORIZON_MONTHS", "inf", "clv.horizon_months", "'inf'"),
        ("KAM_CALLS__MIN_CUSTOMER_TO_SALES", "-1", "calls.min_customer_to_sales", "'-1'"),
        ("KAM_VALUE__ONE_OFF_MAX_ORDERS", "1.5", "value.one_off_max_orders", "'1.5'"),
    ],
)
def test_a_bad_environment_variable_is_named(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, name: str, shown: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = caught.value.message
    assert variable in message and name in message and shown in message


def test_tier_a_is_not_above_tier_b(tmp_path: Path) -> None:
    config = tmp_path / "kam.toml"
    config.write_text("[value]\na_tier_profit_share = 0.97\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    message = caught.value.message
    assert "value.a_tier_profit_share = 0.97" in message and "value.b_tier_profit_share = 0.95" in message
    config.write_text("[value]\na_tier_profit_share = 0.95\n", encoding="utf-8")
    assert load_settings(config).value.a_tier_profit_share == 0.95  # equal is allowed: no tier B


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('[clv]\npurchase_model = "nbd"\n', "clv.purchase_model"),
        ('[clv]\nunit = "year"\n', "clv.unit"),
        ('[calls]\nprice_allowed_from = "later"\n', "calls.price_allowed_from"),
        ('[workspace]\nurl = ""\n', "workspace.url"),
        ('[value]\nearliest_date = "long ago"\n', "value.earliest_date"),
        ("[clv]\nhorizon_monts = 6\n", "clv.horizon_monts"),
    ],
)
def test_other_settings_are_checked_too(tmp_path: Path, text: str, name: str) -> None:
    config = tmp_path / "kam.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(name)):
        load_settings(config)


def test_a_bad_setting_is_said_in_chinese(tmp_path: Path) -> None:
    config = tmp_path / "kam.toml"
    config.write_text("[value]\nkey_min_margin = nan\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    said = caught.value.say("zh-Hant")
    assert "設定 value.key_min_margin = nan" in said and "0 ≤ x ≤ 1" in said


def test_docs_show_each_range() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert "| `a_tier_profit_share` | `0.8` | a number, 0 < x ≤ 1; ≤ b_tier_profit_share |" in docs
    assert "| `purchase_model` | `'bgnbd'` | one of bgnbd, pnbd |" in docs


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("value = [1, 2]\n", "value"),
        ('value = "high"\n', "value"),
        ("clv = 3\n", "clv"),
    ],
)
def test_a_section_that_is_not_a_table_is_named(tmp_path: Path, text: str, section: str) -> None:
    config = tmp_path / "kam.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(f"{config}: [{section}]")):
        load_settings(config)


def test_a_json_section_that_is_a_list_is_named(tmp_path: Path) -> None:
    config = tmp_path / "kam.json"
    config.write_text('{"value": [0.5]}', encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(f"{config}: [value]")):
        load_settings(config)


def test_a_big5_config_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "kam.toml"
    config.write_bytes("# 客戶門檻\n[value]\nkey_min_margin = 0.2\n".encode("big5"))
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert str(config) in caught.value.message and "UTF-8" in caught.value.message


def test_a_bad_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "kam.toml"
    config.write_text("value = [1]\n", encoding="utf-8")
    data = tmp_path / "t.csv"
    data.write_text("customer_id,date,amount\nA,2024-01-01,10\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(data), "--config", str(config)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "[value]" in result.output
