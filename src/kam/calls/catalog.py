"""The product catalog: product names (and their other names) that count as presenting the product.
JSON (a list, or an object whose "products" is the list), CSV (the first column) or lines of text; a
catalog of another shape is a clear error naming where it goes wrong. Bytes in, terms out: the caller
reads the file (kam.usecases.calls) or receives an upload."""

from __future__ import annotations

import csv
import io
import json
from pathlib import PurePath
from typing import Any

from kam.calls.errors import CatalogError
from kam.i18n import Notice

_CATALOG_COLUMNS = ("product", "name", "term", "產品", "产品")


def parse_catalog(data: bytes, name: str) -> list[str]:
    """Product terms of the catalog `name` (its suffix tells the format: .json, .csv, else lines of text),
    whose bytes are `data`: a JSON list (names, or objects with name/aliases), a CSV product column, or
    lines (blank lines and # comments left out)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = f"byte {exc.start + 1} is not UTF-8"
        raise CatalogError(Notice("catalog_not_utf8", file=name, reason=reason)) from None
    suffix = PurePath(name).suffix.lower()
    if suffix == ".json":
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise CatalogError(Notice("catalog_json", file=name, detail=str(exc) or "too deep")) from None
        return [term for term in _json_terms(name, parsed) if term.strip()]
    if suffix == ".csv":
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise CatalogError(Notice("cannot_parse_table", file=name, detail=str(exc))) from None
        if rows and rows[0] and rows[0][0].strip().lower() in _CATALOG_COLUMNS:
            rows = rows[1:]
        return [r[0].strip() for r in rows if r and r[0].strip()]
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _shown(value: Any) -> str:
    """A JSON value as written, cut short."""
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _wrong(name: str, where: str, value: Any, expected: str) -> CatalogError:
    return CatalogError(
        Notice("catalog_shape", file=name, where=where, found=_shown(value), expected=expected)
    )


def _json_terms(name: str, data: Any) -> list[str]:
    """Every name and alias of a JSON catalog, checking its shape as it goes."""
    if isinstance(data, dict) and "products" in data:
        items, where = data["products"], Notice("catalog_where_products")
    else:
        items, where = data, Notice("catalog_where_file")
    if not isinstance(items, list):
        raise _wrong(name, where, items, Notice("catalog_expect_list"))
    terms: list[str] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, str):
            terms.append(item)
            continue
        names = [key for key in ("name", "product") if key in item] if isinstance(item, dict) else []
        if not names:
            raise _wrong(name, Notice("catalog_where_item", n=n), item, Notice("catalog_expect_item"))
        for key in names:
            if not isinstance(item[key], str):
                where = Notice("catalog_where_field", n=n, field=key)
                raise _wrong(name, where, item[key], Notice("catalog_expect_name"))
            terms.append(item[key])
        aliases = item.get("aliases", [])
        bad = [aliases] if not isinstance(aliases, list) else [a for a in aliases if not isinstance(a, str)]
        if bad:
            where = Notice("catalog_where_field", n=n, field="aliases")
            raise _wrong(name, where, bad[0], Notice("catalog_expect_aliases"))
        terms += aliases
    return terms
