"""The five whys (5WHY, DOMAIN.md §5, the third sales mistake): recorded needs form chains from what the
customer stated down to the root, each level the answer to one more "why". A chain that stops after
fewer than `why_chain_min_levels` levels at a solution ("they need an easier device") was not dug deep
enough: the article's real need lay five whys down (a readable Chinese manual).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kam.coach.classify import find_cues
from kam.coach.facts import NeedFacts
from kam.coach.findings import Finding, FindingCode
from kam.coach.lexicon import CueKind
from kam.coach.settings import CoachSettings
from kam.domain.needs import NeedKind

# cues that show a statement names its own solution
SOLUTION_CUES = frozenset({CueKind.PRESCRIBES_SOLUTION, CueKind.SPECIFIC_DETAIL})


@dataclass(frozen=True)
class WhyChain:
    """Needs from a stated one (no parent) down to one with no further 'why' under it."""

    needs: tuple[NeedFacts, ...]

    @property
    def levels(self) -> int:
        return len(self.needs)


def why_chains(needs: Sequence[NeedFacts]) -> list[WhyChain]:
    """Every path from a need without a (known) parent to a need without children. A path stops where it
    would loop; a loop that no other need leads into starts at its first need."""
    by_id = {n.id: n for n in needs}
    children: dict[str, list[NeedFacts]] = {n.id: [] for n in needs}
    for n in needs:
        if n.parent is not None and n.parent in by_id and n.parent != n.id:
            children[n.parent].append(n)
    tops = [n for n in needs if n.parent is None or n.parent not in by_id or n.parent == n.id]
    chains: list[WhyChain] = []

    def walk(path: tuple[NeedFacts, ...]) -> None:
        below = [c for c in children[path[-1].id] if c not in path]
        if not below:
            chains.append(WhyChain(path))
        for child in below:
            walk((*path, child))

    for top in tops:
        walk((top,))
    reached = {n.id for c in chains for n in c.needs}
    for need in needs:  # a loop with no top: it starts at its first need recorded
        if need.id not in reached:
            walk((need,))
            reached |= {n.id for c in chains for n in c.needs}
    return chains


def ends_in_solution(need: NeedFacts) -> bool:
    """Whether the last level names a solution: recorded as a want, or, when not recorded as a need,
    its words prescribe a solution or a concrete detail."""
    if need.kind is NeedKind.WANT:
        return True
    if need.kind is NeedKind.NEED:
        return False
    return any(kind in SOLUTION_CUES for kind, _side, _weight, _words in find_cues(need.statement))


def shallow_whys(needs: Sequence[NeedFacts], settings: CoachSettings | None = None) -> list[Finding]:
    """A finding for each chain of fewer than `why_chain_min_levels` levels that ends in a solution."""
    s = settings or CoachSettings()
    found = []
    for chain in why_chains(needs):
        last = chain.needs[-1]
        if chain.levels < s.why_chain_min_levels and ends_in_solution(last):
            values = {
                "first": chain.needs[0].statement,
                "last": last.statement,
                "levels": chain.levels,
                "min_levels": s.why_chain_min_levels,
            }
            found.append(Finding(FindingCode.SHALLOW_WHYS, values, last.id))
    return found
