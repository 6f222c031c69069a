"""A document as plain data: a title and sections of headings, paragraphs, bullet lists and tables, all
text already in the reader's language. One function builds it (the account plan), and each renderer
(Markdown, a workbook, a PDF) writes the same content, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PlanFormat(StrEnum):
    """The formats of the account plan."""

    MD = "md"
    XLSX = "xlsx"
    PDF = "pdf"


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ChartNode:
    """A person in an org chart: `caption` under the name (function and stance, in the reader's
    language), `stance` as a code (the colour), whom they report to (`parent`, another node's key)."""

    key: int
    name: str
    caption: str
    parent: int | None = None
    stance: str = "unknown"
    coach: bool = False
    influence: int | None = None


@dataclass(frozen=True)
class OrgChart:
    """Who reports to whom, drawn as a picture where the format can (the PDF) and as an indented tree of
    lines where it cannot (Markdown, a workbook)."""

    nodes: tuple[ChartNode, ...]

    def roots(self) -> list[ChartNode]:
        keys = {n.key for n in self.nodes}
        return [n for n in self.nodes if n.parent not in keys]

    def children(self, key: int) -> list[ChartNode]:
        return [n for n in self.nodes if n.parent == key and n.key != key]

    def walk(self) -> list[tuple[int, ChartNode]]:
        """(depth, node) in the order of the tree, each node once (a loop is cut where it closes)."""
        seen: set[int] = set()
        order: list[tuple[int, ChartNode]] = []

        def visit(node: ChartNode, depth: int) -> None:
            if node.key in seen:
                return
            seen.add(node.key)
            order.append((depth, node))
            for child in self.children(node.key):
                visit(child, depth + 1)

        for root in self.roots():
            visit(root, 0)
        for node in self.nodes:  # people in a loop have no head: they start a tree of their own
            visit(node, 0)
        return order

    def lines(self) -> list[str]:
        """The chart as text: each person under whom they report, indented; the coach starred."""
        return [
            ("" if depth == 0 else "│ " * (depth - 1) + "└ ")
            + f"{n.name} · {n.caption}"
            + (" · ★" if n.coach else "")
            for depth, n in self.walk()
        ]


Block = Heading | Paragraph | Bullets | Table | OrgChart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
