"""Lazily exported package names: loaded on first use, unknown names fail as attributes do."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kam.calls
import kam.clv


def test_names_load_on_first_use_and_stay() -> None:
    stage = kam.calls.Stage
    assert stage.DISCOVERY == "discovery"
    assert vars(kam.calls)["Stage"] is stage
    assert kam.clv.BetaGeo.name == "BG/NBD"


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match=r"'kam\.clv' has no attribute 'Nope'"):
        _ = kam.clv.Nope  # type: ignore[attr-defined]


def test_reading_the_settings_does_not_load_the_models() -> None:
    code = "import sys, kam.settings; print('scipy' in sys.modules, 'kam.calls.questions' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
