"""Settings: one object, every setting documented, overrides from environment and config files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kam.errors import ConfigError
from kam.settings import load_settings, settings_markdown, settings_reference

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
        ("[valeu]\nx = 1\n", "unknown section(s) valeu"),
        ("[value\n", "not valid TOML"),
    ],
)
def test_bad_config_is_named(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "kam.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(config)
