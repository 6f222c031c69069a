"""Small structured files users hand to kam (configs, column mappings): JSON or TOML, read one way."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from kam.errors import ConfigError


def read_json_or_toml(path: Path, what: str) -> Any:
    """Parse `path` as JSON (by its .json suffix) or TOML; errors name the file and `what` it should be."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the {what} ({exc.strerror})") from exc
    is_json = path.suffix.lower() == ".json"
    try:
        return json.loads(text) if is_json else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid {'JSON' if is_json else 'TOML'} for a {what}: {exc}") from exc
