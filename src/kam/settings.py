"""kam's one settings object: every threshold and knob, named, with a default and a one-line help text.

Values come from (lowest to highest): the defaults here, `KAM_*` environment variables
(nested with `__`, e.g. `KAM_VALUE__KEY_MIN_MARGIN=0.2`), and a `--config` file (TOML or JSON
with `[value]`, `[clv]`, `[calls]`, `[coach]` and `[workspace]` tables).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, SettingsConfigDict

from kam.analytics.settings import ValueSettings
from kam.calls.settings import CallSettings
from kam.clv.settings import ClvSettings
from kam.coach.settings import CoachSettings
from kam.domain.languages import Lang
from kam.errors import ConfigError
from kam.files import read_json_or_toml
from kam.i18n import Notice, say
from kam.setting_ranges import OutOfOrder, allowed, order_note
from kam.workspace.settings import WorkspaceSettings


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KAM_", env_nested_delimiter="__", extra="forbid")

    value: ValueSettings = Field(default_factory=ValueSettings, description="Thresholds of `kam analyze`.")
    clv: ClvSettings = Field(default_factory=ClvSettings, description="Customer-base models and CLV.")
    calls: CallSettings = Field(default_factory=CallSettings, description="Sales-call coaching thresholds.")
    coach: CoachSettings = Field(
        default_factory=CoachSettings, description="The key-account coach: decision chain, needs, quotes."
    )
    workspace: WorkspaceSettings = Field(
        default_factory=WorkspaceSettings, description="The workspace database (accounts, interactions)."
    )


SECTIONS: dict[str, type[BaseModel]] = {
    "value": ValueSettings,
    "clv": ClvSettings,
    "calls": CallSettings,
    "coach": CoachSettings,
    "workspace": WorkspaceSettings,
}


def read_config_file(path: Path) -> dict[str, Any]:
    """Parse a TOML or JSON config file into a dict of sections, each a table of settings."""
    data = read_json_or_toml(path, Notice("config_file"))
    sections = ", ".join(SECTIONS)
    if not isinstance(data, dict):
        raise ConfigError(Notice("config_not_tables", file=path, sections=sections))
    unknown = [k for k in data if k not in SECTIONS]
    if unknown:
        raise ConfigError(
            Notice(
                "config_unknown_sections",
                file=path,
                count=len(unknown),
                unknown=", ".join(unknown),
                sections=sections,
            )
        )
    for section, table in data.items():
        if not isinstance(table, dict):
            found = _shown(table)
            raise ConfigError(Notice("config_section_shape", file=path, section=section, found=found))
    return data


def load_settings(config: Path | None = None) -> Settings:
    """Defaults, then KAM_* environment variables, then the config file; a value out of its range (or
    NaN, or infinite) is a ConfigError naming where it came from, the setting, the value and the range."""
    try:
        settings = Settings()
    except ValidationError as exc:
        raise _setting_error(exc, None) from None
    if config is None:
        return settings
    overrides = read_config_file(config)
    merged = {name: {**getattr(settings, name).model_dump(), **overrides.get(name, {})} for name in SECTIONS}
    try:
        return Settings.model_validate(merged)
    except ValidationError as exc:
        raise _setting_error(exc, config) from None


def _shown(value: Any) -> str:
    """A value as the user wrote it, cut short: nan, 2, 'high', [1, 2]."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _setting_error(exc: ValidationError, config: Path | None) -> ConfigError:
    """The first problem of a validation as a notice: the config file (or the environment variable), the
    setting, the value and what the setting allows."""
    first = exc.errors()[0]
    loc = [str(part) for part in first["loc"]]
    section = loc[0] if loc else ""
    model = SECTIONS.get(section)

    def source(names: list[str]) -> str:
        return str(config) if config is not None else "KAM_" + "__".join(names).upper()

    cause = first.get("ctx", {}).get("error")
    if isinstance(cause, OutOfOrder):
        return ConfigError(
            Notice(
                "settings_order",
                source=source([section, "*"]),
                low=f"{section}.{cause.low}",
                low_value=_shown(cause.low_value),
                high=f"{section}.{cause.high}",
                high_value=_shown(cause.high_value),
            )
        )
    if model is not None and len(loc) > 2 and loc[1] in model.model_fields:
        loc = loc[:2]  # an item of a list setting: the setting is named, with the item that is wrong
    name = ".".join(loc)
    if model is not None and len(loc) == 1:
        found = _shown(first.get("input"))
        return ConfigError(Notice("config_section_shape", file=source(loc), section=section, found=found))
    if model is None or len(loc) != 2 or loc[1] not in model.model_fields:
        return ConfigError(Notice("unknown_setting", source=source(loc), name=name))
    expected = allowed(model.model_fields[loc[1]])
    return ConfigError(
        Notice(
            "bad_setting", source=source(loc), name=name, value=_shown(first.get("input")), expected=expected
        )
    )


def _default(info: FieldInfo) -> str:
    return _shown_value(info.default)


def _shown_value(value: Any) -> str:
    """A setting's value as the docs and the report show it: 0.15, 'bgnbd', 1901-01-01."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, list | tuple):
        value = [item.value if isinstance(item, Enum) else item for item in value]
    return value.isoformat() if isinstance(value, dt.date) else repr(value)


def settings_in_use(settings: Settings, section: str) -> list[tuple[str, str, str]]:
    """(name, value in use, help) of one section's settings: the thresholds a report says it used."""
    model = getattr(settings, section)
    return [
        (f"{section}.{name}", _shown_value(getattr(model, name)), info.description or "")
        for name, info in type(model).model_fields.items()
    ]


def _allowed_text(model: type[BaseModel], name: str) -> str:
    note = order_note(model, name)
    return say(allowed(model.model_fields[name]), Lang.EN) + (f"; {note}" if note else "")


def _documented() -> list[tuple[str, str, str, str]]:
    """(name, default, allowed values, help) of every setting, in order."""
    return [
        (f"{section}.{name}", _default(info), _allowed_text(model, name), info.description or "")
        for section, model in SECTIONS.items()
        for name, info in model.model_fields.items()
    ]


def settings_reference() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting, in order: the documented list that a test keeps in sync."""
    return [(name, default, help_text) for name, default, _allowed, help_text in _documented()]


def settings_markdown() -> str:
    """docs/settings.md: every setting with its default, its range and its meaning (a test keeps the file
    in sync)."""
    lines = [
        "# Settings",
        "",
        "Every threshold and knob of kam, with its default, the values it allows and what it means. Override",
        "them with `--config FILE` (TOML or JSON with `[value]`, `[clv]`, `[calls]`, `[coach]` and `[workspace]`",
        "tables) or environment variables such as `KAM_VALUE__KEY_MIN_MARGIN=0.2` or `KAM_WORKSPACE__URL`. A value",
        "outside its range, NaN or infinite stops kam with an error naming the setting, the value and the",
        "range. This page is generated by `python -m kam.settings > docs/settings.md`.",
        "",
    ]
    current = ""
    for name, default, allowed_text, help_text in _documented():
        section = name.split(".", 1)[0]
        if section != current:
            current = section
            lines += [
                "",
                f"## [{section}]",
                "",
                "| setting | default | allowed | meaning |",
                "| --- | --- | --- | --- |",
            ]
        lines.append(f"| `{name.split('.', 1)[1]}` | `{default}` | {allowed_text} | {help_text} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(settings_markdown(), end="")
