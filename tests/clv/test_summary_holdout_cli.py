"""Summaries from transactions, the holdout tables and SVG, CLV arithmetic, settings and the CLI."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.clv import (
    BetaGeo,
    ClvSettings,
    GammaGamma,
    customer_lifetime_value,
    holdout_check,
    rfm_summary,
)
from kam.io.cdnow import read_cdnow

TX = pl.DataFrame(
    {
        "customer_id": ["a", "a", "a", "a", "b", "c"],
        "date": [
            dt.date(2024, 1, 1),
            dt.date(2024, 1, 1),
            dt.date(2024, 1, 8),
            dt.date(2024, 1, 22),
            dt.date(2024, 1, 15),
            dt.date(2024, 2, 1),
        ],
        "amount": [5.0, 5.0, 20.0, 40.0, 7.0, 3.0],
    }
)


@pytest.mark.parametrize(("unit", "days"), [("day", 1.0), ("week", 7.0), ("month", 30.4375)])
def test_summary_merges_same_day_and_uses_unit(unit, days):
    out = rfm_summary(TX.lazy(), unit=unit, calibration_end="2024-01-29")
    assert out["customer_id"].to_list() == ["a", "b"]
    a = out.row(0, named=True)
    assert (a["frequency"], a["monetary"]) == (2, 30.0)
    assert a["recency"] == pytest.approx(21 / days) and a["T"] == pytest.approx(28 / days)
    assert out.row(1, named=True)["monetary"] == 0.0


def test_summary_accepts_datetimes_and_adds_holdout():
    frame = TX.with_columns(pl.col("date").cast(pl.Datetime))
    out = rfm_summary(frame, unit="day", calibration_end="2024-01-10", observation_end="2024-02-09")
    assert out["customer_id"].to_list() == ["a"]
    assert out["frequency_holdout"].to_list() == [1]
    assert out["duration_holdout"].to_list() == [30.0]


@pytest.fixture(scope="module")
def sample_check(cdnow_sample_path):
    tx = read_cdnow(cdnow_sample_path)
    s = rfm_summary(tx, calibration_end="1997-09-30")
    model = BetaGeo().fit(s["frequency"], s["recency"], s["T"])
    return holdout_check(model, tx, unit="week", calibration_end="1997-09-30", observation_end="1998-06-30")


def test_holdout_tables_cover_all_customers_and_track_actuals(sample_check):
    by_freq = sample_check.by_frequency
    assert by_freq["bucket"].to_list() == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    assert by_freq["customers"].sum() == 2357
    over = sample_check.over_time
    assert over.height == 39 and np.all(np.diff(over["predicted_cumulative"].to_numpy()) > 0)
    total = (by_freq["actual_mean"] * by_freq["customers"]).sum()
    assert over["actual_cumulative"][-1] == pytest.approx(total)
    assert over["predicted_cumulative"][-1] == pytest.approx(total, rel=0.2)


def test_clv_without_discount_is_margin_times_spend_times_purchases(cdnow_summary, cdnow_spend):
    bg = BetaGeo().fit(*cdnow_summary)
    gg = GammaGamma().fit(cdnow_spend["x"], cdnow_spend["zbar"])
    x, t_x, T = (np.array([0.0, 2.0]), np.array([0.0, 30.43]), np.array([38.86, 38.86]))
    spend = np.array([0.0, 22.35])
    value = customer_lifetime_value(
        bg, gg, x, t_x, T, spend, horizon_periods=39.5, discount_rate_per_period=0.0, margin=0.5
    )
    expected = (
        0.5 * gg.conditional_expected_spend(x, spend) * bg.conditional_expected_purchases(39.5, x, t_x, T)
    )
    np.testing.assert_allclose(value, expected)
    discounted = customer_lifetime_value(
        bg, gg, x, t_x, T, spend, horizon_periods=39.5, discount_rate_per_period=0.01, margin=0.5
    )
    assert np.all(discounted < value)


def test_every_setting_has_a_description():
    assert all(field.description for field in ClvSettings.model_fields.values())


def test_cli_writes_all_outputs_or_nothing(tmp_path, cdnow_sample_path):
    csv = tmp_path / "tx.csv"
    read_cdnow(cdnow_sample_path).collect().write_csv(csv)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "clv",
            "fit",
            str(csv),
            "--calibration-end",
            "1997-09-30",
            "--holdout-end",
            "1998-06-30",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    params = json.loads((out / "params.json").read_text())
    assert params["params"]["r"] == pytest.approx(0.243, rel=2e-3) and params["n_customers"] == 2357
    predictions = pl.read_csv(out / "predictions.csv")
    assert predictions.columns == [
        "customer_id",
        "x",
        "t_x",
        "T",
        "p_alive",
        "expected_purchases",
        "expected_spend",
        "clv",
    ]
    assert (out / "holdout.svg").exists()
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<svg" in report and "Holdout check (to 1998-06-30)" in report and "<script" not in report
    assert "2,357 customers" in report
    failed = CliRunner().invoke(
        app, ["clv", "fit", str(csv), "--calibration-end", "1997-01-01", "--out", str(out)]
    )
    assert failed.exit_code == 2 and "no customer made a repeat purchase" in failed.output
    assert json.loads((out / "params.json").read_text()) == params
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tx.csv"]


def _fit(csv, out, *extra):
    return CliRunner().invoke(
        app,
        ["clv", "fit", str(csv), "--calibration-end", "1997-09-30", "--out", str(out), *extra],
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh-Hant", ("客戶群模型估計", "保留期檢驗（至 1998-06-30）", "標準誤", "已將")),
        ("zh-Hans", ("客户群模型估计", "保留期检验（至 1998-06-30）", "标准误", "已将")),
    ],
)
def test_report_and_plot_in_chinese(tmp_path, cdnow_sample_path, lang, words):
    csv = tmp_path / "tx.csv"
    read_cdnow(cdnow_sample_path).collect().write_csv(csv)
    out = tmp_path / "out"
    result = _fit(csv, out, "--holdout-end", "1998-06-30", "--lang", lang)
    assert result.exit_code == 0, result.output
    title, holdout, std_error, wrote = words
    report = (out / "report.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in report
    assert title in report and holdout in report and std_error in report
    assert "Holdout" not in report and "customers" not in report
    svg = (out / "holdout.svg").read_text(encoding="utf-8")
    assert ("實際" if lang == "zh-Hant" else "实际") in svg and "actual" not in svg
    assert wrote in result.output


def test_config_sets_unit_model_and_value_settings(tmp_path, cdnow_sample_path):
    csv = tmp_path / "tx.csv"
    read_cdnow(cdnow_sample_path).collect().write_csv(csv)
    assert _fit(csv, tmp_path / "plain").exit_code == 0
    config = tmp_path / "kam.toml"
    config.write_text('[clv]\nmargin = 0.5\nunit = "month"\npurchase_model = "pnbd"\n', encoding="utf-8")
    result = _fit(csv, tmp_path / "configured", "--config", str(config))
    assert result.exit_code == 0, result.output
    params = json.loads((tmp_path / "configured" / "params.json").read_text())
    assert params["unit"] == "month" and params["model"] == "Pareto/NBD"
    assert params["settings"]["margin"] == 0.5
    # the command line still wins over the file
    weekly = _fit(csv, tmp_path / "weekly", "--config", str(config), "--unit", "week", "--model", "bgnbd")
    assert weekly.exit_code == 0, weekly.output
    plain = pl.read_csv(tmp_path / "plain" / "predictions.csv")
    halved = pl.read_csv(tmp_path / "weekly" / "predictions.csv")
    assert halved["clv"].to_numpy() == pytest.approx(0.5 * plain["clv"].to_numpy(), rel=1e-9)


def test_a_bad_config_is_a_message(tmp_path, cdnow_sample_path):
    config = tmp_path / "kam.toml"
    config.write_text("[clv]\nmargin = 2\n", encoding="utf-8")
    result = _fit(tmp_path / "missing.csv", tmp_path / "out", "--config", str(config))
    assert result.exit_code == 2
    assert "margin" in result.output
    assert not (tmp_path / "out").exists()


def test_a_failed_fit_says_why_in_the_users_language(tmp_path, cdnow_sample_path):
    csv = tmp_path / "tx.csv"
    read_cdnow(cdnow_sample_path).collect().write_csv(csv)
    failed = CliRunner().invoke(
        app,
        [
            "clv",
            "fit",
            str(csv),
            "--calibration-end",
            "1997-01-01",
            "--out",
            str(tmp_path / "out"),
            "--lang",
            "zh-Hans",
        ],
    )
    assert failed.exit_code == 2  # an expected error, as every command exits with one
    assert failed.output.startswith("错误: ") and "没有客户重复购买" in failed.output
    assert not (tmp_path / "out").exists()
