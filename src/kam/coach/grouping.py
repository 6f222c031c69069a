"""Needs shared across accounts: similar statements grouped, with the number of accounts behind each.
A need that many accounts state is a product signal for the manager, not one customer's request.

Similarity is the share of words two statements have in common (Jaccard): English words (stemmed
crudely, without the small words) and pairs of adjacent Chinese characters, on the folded text, so
Traditional and Simplified read alike. Statements in different languages are not matched.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from kam.coach.facts import NeedFacts
from kam.coach.script import fold
from kam.coach.settings import CoachSettings

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[a-z0-9]+(?:'[a-z]+)?")
# characters that carry no topic of their own (folded: Simplified), left out of the character pairs
_ZH_FUNCTION = frozenset("的了是在我们你他她它这那和与及或也都就吗呢吧啊个很把被让给对")
_STOP_WORDS = (
    "the a an and or of to in on for with our your their we you they it is are was were be been has have had "
    "this that these those at by from as so but not no do does did can could will would should there its "
    "about into than then too very just also all any some more most"
)
_EN_STOP = frozenset(_STOP_WORDS.split())
_SUFFIXES = ("ing", "ed", "es", "s")
MIN_STEM = 3  # a suffix is cut only when this many letters remain


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def need_terms(statement: str) -> frozenset[str]:
    """The words a statement is compared by (see the module's docstring)."""
    terms: set[str] = set()
    for run in _RUN.findall(fold(statement)):
        if run[0].isascii():
            if run not in _EN_STOP and len(run) > 1:
                terms.add(_stem(run))
            continue
        terms.update(
            a + b for a, b in itertools.pairwise(run) if a not in _ZH_FUNCTION and b not in _ZH_FUNCTION
        )
        if len(run) == 1 and run not in _ZH_FUNCTION:
            terms.add(run)
    return frozenset(terms)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The Jaccard share of common terms, 0 when either has none."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class NeedGroup:
    """Similar needs: the one that best represents them (most like the others), all of them, and the
    accounts that stated them."""

    statement: str
    needs: tuple[NeedFacts, ...]
    accounts: tuple[str, ...]
    signal: bool  # shared by at least shared_need_min_accounts accounts

    @property
    def account_count(self) -> int:
        return len(self.accounts)


def group_needs(needs: Sequence[NeedFacts], settings: CoachSettings | None = None) -> tuple[NeedGroup, ...]:
    """Needs linked when at least `group_min_similarity` alike, directly or through others; the groups
    with the most accounts first."""
    s = settings or CoachSettings()
    terms = [need_terms(n.statement) for n in needs]
    parent = list(range(len(needs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_term: defaultdict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(terms):
        for term in t:
            by_term[term].append(i)
    for i, t in enumerate(terms):
        candidates = {j for term in t for j in by_term[term] if j > i}
        for j in candidates:
            if similarity(t, terms[j]) >= s.group_min_similarity:
                parent[root(j)] = root(i)

    members: defaultdict[int, list[int]] = defaultdict(list)
    for i in range(len(needs)):
        members[root(i)].append(i)
    groups = []
    for indices in members.values():
        central = max(indices, key=lambda i: (sum(similarity(terms[i], terms[j]) for j in indices), -i))
        accounts = tuple(sorted({needs[i].account for i in indices}))
        group = tuple(needs[i] for i in indices)
        groups.append(
            NeedGroup(needs[central].statement, group, accounts, len(accounts) >= s.shared_need_min_accounts)
        )
    return tuple(sorted(groups, key=lambda g: (-g.account_count, -len(g.needs), g.statement)))
