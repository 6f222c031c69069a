"""Five whys: a why-chain of fewer than `why_chain_min_levels` levels that ends in a solution is shallow."""

from __future__ import annotations

import pytest

from kam.coach.facts import NeedFacts
from kam.coach.findings import FindingCode
from kam.coach.settings import CoachSettings
from kam.coach.whys import ends_in_solution, shallow_whys, why_chains
from kam.domain.needs import NeedDepth, NeedKind

# The article's chain: five levels down to the real need, a readable Chinese manual.
ARTICLE = (
    "使用部門對你們的新裝置很不滿意。",
    "因為操作起來很不方便。",
    "新裝置加入的新功能模組不好用。",
    "使用部門不會使用。",
    "使用手冊只有英文的，使用中遇到問題閱讀起來很費力。",
)
SOLUTION = "裝置的側邊開一個小槽就好了。"  # prescribes its own solution
PROBLEM = "停機太多，影響生產。"


def chain(*statements: str, kinds: tuple[NeedKind | None, ...] = ()) -> list[NeedFacts]:
    kinds = kinds or (None,) * len(statements)
    return [
        NeedFacts(f"n{i}", text, parent=f"n{i - 1}" if i else None, kind=kind)
        for i, (text, kind) in enumerate(zip(statements, kinds, strict=True))
    ]


@pytest.mark.parametrize(
    ("statements", "min_levels", "shallow"),
    [
        ((SOLUTION,), 3, True),  # a solution taken at its word, never asked why
        ((ARTICLE[0], SOLUTION), 3, True),
        ((ARTICLE[0], ARTICLE[1], SOLUTION), 3, False),  # three levels
        ((ARTICLE[0], ARTICLE[1], SOLUTION), 4, True),
        ((ARTICLE[0], PROBLEM), 3, False),  # short, but no solution yet: still digging
        ((PROBLEM,), 2, False),
        (ARTICLE, 3, False),
        ((ARTICLE[0], "Just add a bigger screen."), 3, True),
        ((ARTICLE[0], "Make the handle 5 cm longer."), 2, False),
    ],
)
def test_a_short_chain_ending_in_a_solution_is_shallow(
    statements: tuple[str, ...], min_levels: int, shallow: bool
) -> None:
    found = shallow_whys(chain(*statements), CoachSettings(why_chain_min_levels=min_levels))
    expected = {
        "first": statements[0],
        "last": statements[-1],
        "levels": len(statements),
        "min_levels": min_levels,
    }
    assert [(f.code, f.subject, dict(f.values)) for f in found] == (
        [(FindingCode.SHALLOW_WHYS, f"n{len(statements) - 1}", expected)] if shallow else []
    )


@pytest.mark.parametrize(
    ("kind", "statement", "solution"),
    [
        (NeedKind.WANT, PROBLEM, True),  # recorded as a want, whatever its words
        (NeedKind.NEED, SOLUTION, False),  # a user's override is kept
        (None, SOLUTION, True),
        (NeedKind.UNDECIDED, SOLUTION, True),
        (None, PROBLEM, False),
    ],
)
def test_a_chain_ends_in_a_solution_by_its_recorded_kind_or_its_words(
    kind: NeedKind | None, statement: str, solution: bool
) -> None:
    assert ends_in_solution(NeedFacts("n", statement, kind=kind)) is solution


def test_chains_branch_and_a_loop_is_cut_where_it_closes() -> None:
    needs = [
        NeedFacts("a", "A", depth=NeedDepth.STATED),
        NeedFacts("b", "B", parent="a"),
        NeedFacts("c", "C", parent="a"),
        NeedFacts("d", "D", parent="c"),
        NeedFacts("x", "X", parent="y"),
        NeedFacts("y", "Y", parent="x"),  # a loop that nothing leads into: it starts at x
        NeedFacts("z", "Z", parent="missing"),  # its parent is not recorded: a top
    ]
    paths = sorted(tuple(n.id for n in c.needs) for c in why_chains(needs))
    assert paths == [("a", "b"), ("a", "c", "d"), ("x", "y"), ("z",)]
