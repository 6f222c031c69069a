"""Small structured files users hand to kam (configs, column mappings): JSON or TOML, read one way."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from kam.errors import ConfigError
from kam.i18n import Notice


def read_json_or_toml(path: Path, what: str) -> Any:
    """Parse `path` as JSON (by its .json suffix) or TOML, from UTF-8 text; errors name the file and
    `what` it should be (a notice such as Notice("config_file"), or plain text)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(Notice("cannot_read_config", file=path, what=what, reason=exc.strerror)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(Notice("config_not_utf8", file=path, what=what, position=exc.start + 1)) from None
    is_json = path.suffix.lower() == ".json"
    try:
        return json.loads(text) if is_json else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        detail = str(exc) or type(exc).__name__
        raise ConfigError(
            Notice("config_syntax", file=path, format="JSON" if is_json else "TOML", what=what, detail=detail)
        ) from None
