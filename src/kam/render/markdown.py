"""A document (kam.render.document) as Markdown. Data is never markup: every text is escaped, so a name
with `*`, `|` or `<script>` shows as written."""

from __future__ import annotations

import re

from kam.plaintext import printable
from kam.render.document import Bullets, Document, Heading, OrgChart, Paragraph, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # markup anywhere in a line (and HTML, and table cells)
_LINE_START = re.compile(r"^([#+=-]|\d+[.)])")  # a heading, a list item or a rule at the start of a line


def md_escape(value: str) -> str:
    """`value` as literal Markdown text on one line: markup characters backslashed (and what would start
    a heading or a list), control characters and line breaks turned into spaces."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(printable(value).split()))
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def document_markdown(doc: Document) -> str:
    """The document as Markdown: the title, the subtitle, then each section."""
    out = [f"# {md_escape(doc.title)}", "", md_escape(doc.subtitle), ""]
    for section in doc.sections:
        out += [f"## {md_escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Heading):
                out += [f"### {md_escape(block.text)}", ""]
            elif isinstance(block, Paragraph):
                out += [md_escape(block.text), ""]
            elif isinstance(block, Bullets):
                out += [*(f"- {md_escape(item)}" for item in block.items), ""]
            elif isinstance(block, Table):
                out += _table(block)
            elif isinstance(block, OrgChart):
                out += [*(f"    {line}" for line in block.lines()), ""]  # a code block keeps the indents
    return "\n".join(out).rstrip() + "\n"


def _table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(md_escape(c) for c in cells) + " |"

    return [row(table.headers), "|" + "---|" * len(table.headers), *(row(r) for r in table.rows), ""]
