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


Block = Heading | Paragraph | Bullets | Table


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
