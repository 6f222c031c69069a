"""Database URLs as users may see them: the password is never shown, in kam's messages or a driver's.

One place hides it, by the URL's text as it was typed, so that a URL SQLAlchemy cannot parse (a bad port,
an unquoted @ or / in the password, no scheme at all) loses its password too.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

HIDDEN = "***"

# scheme://user:password@host... (the password up to the last @: an unquoted @ may be in it)
_IN_URL = re.compile(r"(?P<keep>[A-Za-z][A-Za-z0-9+.\-]*://[^:/\s]*:)(?P<secret>.*)@")
# user:password@host without a scheme
_BARE = re.compile(r"(?P<keep>(?:^|(?<=\s))[^:/\s@]*:)(?!//)(?P<secret>\S*)@")
# ?password=... in the query
_IN_QUERY = re.compile(r"(?i)(?P<keep>[?&;](?:password|passwd|pwd|pass)=)(?P<secret>[^&;\s]*)")
_RULES = ((_IN_URL, "@"), (_BARE, "@"), (_IN_QUERY, ""))  # each with what follows the password


def hide_password(url: str) -> str:
    """`url` as typed, with its password (and a password= in its query) shown as ***."""
    for rule, after in _RULES:
        url = rule.sub(rf"\g<keep>{HIDDEN}{after}", url)
    return url


def unquoted_at_in_password(url: str) -> bool:
    """True when the password of `url` as typed has an @ in it, which a URL must write as %40: a parser
    takes what follows it for the host, and a driver then prints it in its error."""
    match = _IN_URL.search(url)
    return match is not None and "@" in match["secret"]


def without_secrets(text: str, url: str) -> str:
    """`text` (a driver's error, say) without the password of `url`: written as in the URL, quoted or not,
    or as SQLAlchemy parses it, and with the password of any URL in it hidden."""
    for secret in sorted(_secrets(url), key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    return hide_password(text)


def _secrets(url: str) -> set[str]:
    found = {m["secret"] for rule, _ in _RULES for m in rule.finditer(url)}
    try:
        from sqlalchemy.engine import make_url

        parsed = make_url(url).password
    except Exception:  # any text may be given; what SQLAlchemy cannot parse has no parsed password
        parsed = None
    if parsed:
        found.add(str(parsed))
    return {form for secret in found for form in (secret, unquote(secret), quote(secret, safe="")) if form}
