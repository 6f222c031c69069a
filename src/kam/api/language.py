"""The language of an answer, from the request's Accept-Language header (RFC 9110): the first of kam's
languages the client accepts, by its q-values; English when it accepts none of them."""

from __future__ import annotations

from kam.i18n import Lang

# Chinese as browsers and systems name it: Traditional in Taiwan, Hong Kong and Macau, else Simplified.
_CHINESE = {
    "zh-hant": Lang.ZH_HANT,
    "zh-tw": Lang.ZH_HANT,
    "zh-hk": Lang.ZH_HANT,
    "zh-mo": Lang.ZH_HANT,
    "zh-hans": Lang.ZH_HANS,
    "zh-cn": Lang.ZH_HANS,
    "zh-sg": Lang.ZH_HANS,
    "zh": Lang.ZH_HANS,
}


def _lang(tag: str) -> Lang | None:
    tag = tag.strip().lower()
    if tag == "en" or tag.startswith("en-"):
        return Lang.EN
    for prefix in (tag, "-".join(tag.split("-")[:2])):  # zh-Hant-TW, zh-TW
        if prefix in _CHINESE:
            return _CHINESE[prefix]
    return None


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value)
            except ValueError:
                return 0.0
            return q if 0.0 <= q <= 1.0 else 0.0
    return 1.0


def accepted_language(header: str | None) -> Lang:
    """The best of en, zh-Hant and zh-Hans for `header` (e.g. "zh-TW,zh;q=0.9,en;q=0.8")."""
    best: tuple[float, int, Lang] | None = None
    for position, item in enumerate((header or "")[:1000].split(",")):
        tag, *parameters = item.split(";")
        lang = _lang(tag)
        quality = _quality(parameters)
        if lang is None or quality <= 0:
            continue
        if best is None or (quality, -position) > (best[0], best[1]):
            best = (quality, -position, lang)
    return Lang.EN if best is None else best[2]
