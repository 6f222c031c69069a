"""kam's one settings object: every threshold and knob, named, with a default and a one-line help text.

Values come from (lowest to highest): the defaults here, `KAM_*` environment variables
(nested with `__`, e.g. `KAM_VALUE__KEY_MIN_MARGIN=0.2`), and a `--config` file (TOML or JSON
with `[value]`, `[clv]` and `[calls]` tables).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from kam.analytics.settings import ValueSettings
from kam.calls.settings import CallSettings
from kam.clv.settings import ClvSettings
from kam.errors import ConfigError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KAM_", env_nested_delimiter="__", extra="forbid")

    value: ValueSettings = Field(default_factory=ValueSettings, description="Thresholds of `kam analyze`.")
    clv: ClvSettings = Field(default_factory=ClvSettings, description="Customer-base models and CLV.")
    calls: CallSettings = Field(default_factory=CallSettings, description="Sales-call coaching thresholds.")


SECTIONS: dict[str, type[BaseModel]] = {"value": ValueSettings, "clv": ClvSettings, "calls": CallSettings}


def read_config_file(path: Path) -> dict[str, Any]:
    """Parse a TOML or JSON config file into a dict of sections."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror})") from exc
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"{path}: not valid {'JSON' if path.suffix.lower() == '.json' else 'TOML'}: {exc}"
        ) from exc
    unknown = [k for k in data if k not in SECTIONS]
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {', '.join(unknown)}; use {', '.join(SECTIONS)}")
    return data


def load_settings(config: Path | None = None) -> Settings:
    """Defaults, then KAM_* environment variables, then the config file; errors name the bad setting."""
    try:
        settings = Settings()
        if config is None:
            return settings
        overrides = read_config_file(config)
        merged = {
            name: {**getattr(settings, name).model_dump(), **overrides.get(name, {})} for name in SECTIONS
        }
        return Settings.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        source = f"{config}: " if config else "environment: "
        raise ConfigError(f"{source}setting {where}: {first['msg']} (got {first.get('input')!r})") from exc


def settings_reference() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting, in order: the documented list that a test keeps in sync."""
    rows = []
    for section, model in SECTIONS.items():
        for name, info in model.model_fields.items():
            default = info.default.value if hasattr(info.default, "value") else info.default
            rows.append((f"{section}.{name}", repr(default), info.description or ""))
    return rows
