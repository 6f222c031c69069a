"""The decision chain as the data of an ECharts tree (an org chart): each stakeholder under the one they
report to, coloured by stance, sized by influence, the coach marked and each one's function labelled.
Several people at the top hang under the account itself, so the chart is one tree."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kam.domain.decision_chain import Stance
from kam.domain.languages import Lang
from kam.i18n import text
from kam.i18n.labels import label
from kam.workspace.stakeholders.schemas import StakeholderPublic

STANCE_COLOURS = {
    Stance.SUPPORTER: "#2e7d32",
    Stance.NEUTRAL: "#f9a825",
    Stance.OPPONENT: "#c62828",
    Stance.UNKNOWN: "#9e9e9e",
}
SIZE_UNKNOWN_INFLUENCE = 10  # the symbol's size when influence is not known
SIZE_PER_INFLUENCE = 6  # influence 1..5 draws 14..38 pixels


def chain_chart(account_name: str, stakeholders: list[StakeholderPublic], lang: Lang) -> dict[str, Any]:
    ids = {s.id for s in stakeholders}
    reports: dict[int | None, list[StakeholderPublic]] = defaultdict(list)
    for person in stakeholders:
        reports[person.reports_to if person.reports_to in ids else None].append(person)
    coach_word = text("ws.label.coach", lang)

    def node(person: StakeholderPublic, seen: frozenset[int]) -> dict[str, Any]:
        size = (
            SIZE_UNKNOWN_INFLUENCE if person.influence is None else 8 + SIZE_PER_INFLUENCE * person.influence
        )
        marks = f" ★ {coach_word}" if person.coach else ""
        return {
            "id": person.id,
            "name": f"{person.name}{marks}\n{label(person.function, lang)}",
            "stance": label(person.stance, lang),
            "coach": person.coach,
            "symbol": "diamond" if person.coach else "circle",
            "symbolSize": size,
            "itemStyle": {"color": STANCE_COLOURS[person.stance]},
            "children": [node(p, seen | {p.id}) for p in reports.get(person.id, []) if p.id not in seen],
        }

    tops = [node(person, frozenset({person.id})) for person in reports.get(None, [])]
    legend = [{"name": label(stance, lang), "color": colour} for stance, colour in STANCE_COLOURS.items()]
    if len(tops) == 1:
        return {"tree": tops[0], "legend": legend, "people": len(stakeholders)}
    root = {"name": account_name, "symbol": "rect", "symbolSize": 12, "itemStyle": {"color": "#455a64"}}
    return {"tree": {**root, "children": tops}, "legend": legend, "people": len(stakeholders)}
