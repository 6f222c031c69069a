"""Read kam's HTML and SVG the way a browser's parser splits them: every element, and every run of text
with the elements it sits in. Used to check that data is shown as text, never read as markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# every element kam's pages are made of: anything else (script, img, iframe, b...) came from data
KAM_ELEMENTS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "p",
    "code",
    "section",
    "ul",
    "li",
}
KAM_ELEMENTS |= {"table", "tr", "th", "td", "span", "div"}
KAM_ELEMENTS |= {"svg", "g", "title", "line", "text", "polyline", "circle", "rect"}
# report.html: its data and scripts, the charts' frames and the table's controls
KAM_ELEMENTS |= {
    "script",
    "header",
    "h3",
    "figure",
    "figcaption",
    "input",
    "select",
    "button",
    "thead",
    "tbody",
}
KAM_ELEMENTS |= {"noscript"}
VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "embed", "source", "track", "wbr"}


@dataclass
class Page:
    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    texts: list[tuple[tuple[str, ...], str]] = field(default_factory=list)

    def tags(self) -> set[str]:
        return {tag for tag, _ in self.elements}

    def text_in(self, tag: str) -> list[str]:
        """The texts whose innermost element is `tag`."""
        return [text for path, text in self.texts if path and path[-1] == tag]

    def attributes(self) -> list[str]:
        return [value for _, attrs in self.elements for value in attrs.values() if value is not None]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.page.texts.append((tuple(self.open), data))


def read_page(markup: str) -> Page:
    """The page's elements and texts; every element is closed in order."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    assert not reader.open, f"left open: {reader.open}"
    return reader.page
