"""A document as Markdown: data is never markup, whatever a name holds."""

from __future__ import annotations

import pytest

from kam.render.document import Bullets, Document, Heading, Paragraph, Section, Table
from kam.render.markdown import document_markdown, md_escape


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("王大明", "王大明"),
        ("2026-12-02", "2026-12-02"),  # a date is not a list item
        ("- not a list", "\\- not a list"),
        ("# not a heading", "\\# not a heading"),
        ("12. not numbered", "12\\. not numbered"),
        ("a | b", "a \\| b"),  # a table cell stays one cell
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("**bold** _it_ `code` [link](x)", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[link\\](x)"),
        ("two\nlines\x1b[31m", "two lines\\[31m"),  # one line, no control characters
    ],
)
def test_text_is_escaped(value: str, escaped: str) -> None:
    assert md_escape(value) == escaped


def test_a_document_as_markdown() -> None:
    doc = Document(
        "Plan *A*",
        "as of today",
        (
            Section("One", (Heading("Sub"), Paragraph("text"), Bullets(("a", "b")))),
            Section("Two", (Table(("x", "y"), (("1", "a|b"),)),)),
        ),
    )
    assert document_markdown(doc) == (
        "# Plan \\*A\\*\n\nas of today\n\n## One\n\n### Sub\n\ntext\n\n- a\n- b\n\n"
        "## Two\n\n| x | y |\n|---|---|\n| 1 | a\\|b |\n"
    )
