"""The languages kam speaks: every message, report and reason is said in one of them."""

from __future__ import annotations

from enum import StrEnum


class Lang(StrEnum):
    """A reader's language, named as BCP 47 does (the script, not the region, tells the two Chinese apart)."""

    EN = "en"
    ZH_HANT = "zh-Hant"
    ZH_HANS = "zh-Hans"

    @property
    def locale(self) -> str:
        """The language's name in the locale folders and for Babel: en, zh_Hant, zh_Hans."""
        return self.value.replace("-", "_")
