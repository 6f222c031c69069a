"""The function behind `kam referrals list`: one service in one transaction."""

from __future__ import annotations

from kam.i18n import Lang
from kam.workspace.listing import MAX_PER_PAGE, PageRequest
from kam.workspace.referrals.schemas import ReferralCredits, ReferralFilters
from kam.workspace.referrals.service import referral_credits
from kam.workspace.run import workspace_session


def run_referrals_list(
    url: str, referrer: str | None = None, as_login: str | None = None, lang: Lang | str = Lang.EN
) -> ReferralCredits:
    """The referrers the user may see (the first 500, most accounts brought first)."""
    with workspace_session(url, as_login) as session:
        return referral_credits(
            session, ReferralFilters(referrer=referrer), PageRequest(per_page=MAX_PER_PAGE), lang
        )
