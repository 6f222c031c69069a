"""A document (kam.render.document) as a workbook or a PDF, in memory; writing the file is the caller's.

The workbook holds the sections one after another on one sheet, headings in bold, every text cell
neutralised (kam.report.cells). The PDF is drawn by fpdf2, without a browser or a network, in a CJK font
that has the Chinese glyphs (Noto Sans CJK, found on the system unless a font file is named): without
one, Chinese would show as empty boxes, so no font is an error rather than a PDF.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kam.errors import ConfigError, KamError
from kam.i18n import Notice
from kam.plaintext import printable
from kam.render.document import Bullets, Document, Heading, OrgChart, Paragraph, Table
from kam.report.cells import safe_cell
from kam.report.plan_chart import draw_chart

# where Debian's fonts-noto-cjk (and similar packages) put Noto Sans CJK
FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/opentype/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/local/share/fonts"),
)
FONT_PATTERNS = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJK*-Regular.otf",
    "NotoSansCJK*.tt[cf]",
    "NotoSans*CJK*",
)
# the face of a collection for each script: Noto Sans CJK TC (Traditional) or SC (Simplified)
FACE_BY_LANG = {"zh-Hans": "SC"}
PAGE_MARGIN_MM = 15
LINE_MM = 6
FILE_MODE = 0o644  # a plan is a document to share: readable by others, as any file the user saves


def find_cjk_font(configured: Path | None = None, dirs: Iterable[Path] = FONT_DIRS) -> Path:
    """The font file to draw the PDF with: `configured` when given (it must exist), else the first
    Noto Sans CJK file in `dirs`; none is a ConfigError that says what to install."""
    if configured is not None:
        if not configured.is_file():
            raise ConfigError(Notice("plan_font_missing", file=configured))
        return configured
    for folder in dirs:
        for pattern in FONT_PATTERNS:
            found = sorted(folder.glob(pattern)) if folder.is_dir() else []
            if found:
                return found[0]
    raise ConfigError(Notice("plan_no_cjk_font", dirs=", ".join(str(d) for d in dirs)))


def _face(font: Path, lang: str) -> int:
    """The number of the face in a font collection to use for `lang` (0 for a single font)."""
    if font.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection

    want = f"CJK {FACE_BY_LANG.get(lang, 'TC')}"
    with TTCollection(str(font), lazy=True) as collection:
        for number, face in enumerate(collection.fonts):
            if want in str(face["name"].getDebugName(1) or ""):
                return number
    return 0


def document_pdf(doc: Document, font: Path, lang: str = "zh-Hant") -> bytes:
    """The document as a PDF on A4 pages, drawn in `font`."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_margins(PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    pdf.set_auto_page_break(True, PAGE_MARGIN_MM)
    pdf.add_font("cjk", fname=str(font), collection_font_number=_face(font, lang))
    pdf.set_title(printable(doc.title, one_line=True))
    pdf.add_page()

    def say(size: float, value: str) -> None:
        pdf.set_font("cjk", size=size)
        pdf.multi_cell(0, LINE_MM * size / 10, printable(value), new_x="LMARGIN", new_y="NEXT")

    say(18, doc.title)
    say(10, doc.subtitle)
    for section in doc.sections:
        pdf.ln(3)
        say(14, section.title)
        for block in section.blocks:
            if isinstance(block, Heading):
                say(12, block.text)
            elif isinstance(block, Paragraph):
                say(10, block.text)
            elif isinstance(block, Bullets):
                for item in block.items:
                    say(10, "• " + item)
            elif isinstance(block, Table):
                pdf.set_font("cjk", size=8)
                with pdf.table(headings_style=FontFace(fill_color=(230, 230, 230)), line_height=4.5) as table:
                    for cells in (block.headers, *block.rows):
                        row = table.row()
                        for cell in cells:
                            row.cell(printable(cell))
                pdf.ln(2)
            elif isinstance(block, OrgChart):
                draw_chart(pdf, block, "cjk")
    return bytes(pdf.output())


def document_xlsx(doc: Document) -> bytes:
    """The document as a workbook: one sheet, the sections one after another."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "plan"
    bold = Font(bold=True)

    def put(values: Iterable[str], font: Font | None = None) -> None:
        sheet.append([safe_cell(printable(v, one_line=True)) for v in values])
        if font is not None:
            for cell in sheet[sheet.max_row]:
                cell.font = font

    put([doc.title], Font(bold=True, size=14))
    put([doc.subtitle])
    for section in doc.sections:
        put([])
        put([section.title], Font(bold=True, size=12))
        for block in section.blocks:
            if isinstance(block, Heading):
                put([block.text], bold)
            elif isinstance(block, Paragraph):
                put([block.text])
            elif isinstance(block, Bullets):
                for item in block.items:
                    put(["• " + item])
            elif isinstance(block, Table):
                put(block.headers, bold)
                for row in block.rows:
                    put(row)
            elif isinstance(block, OrgChart):
                for line in block.lines():
                    put([line])
    sheet.column_dimensions["A"].width = 40
    for column in "BCDEFGHI":
        sheet.column_dimensions[column].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class PlanFileError(KamError):
    """A file the plan cannot be written to: one that exists (kam never replaces a file it did not
    write), or one that cannot be created."""

    status_code = 409


def write_new_file(path: Path, data: bytes) -> None:
    """Write `data` to `path`, which must not exist: all or nothing (a temporary file in the same folder,
    linked into place only if `path` is still free, so a file appearing meanwhile is not replaced)."""
    if path.exists() or path.is_symlink():
        raise PlanFileError(Notice("plan_file_exists", file=path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=".kam-plan-", dir=folder)
    except OSError as exc:
        raise PlanFileError(Notice("plan_cannot_write", file=path, reason=exc.strerror)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, FILE_MODE)
        os.link(temp, path)
    except FileExistsError:
        raise PlanFileError(Notice("plan_file_exists", file=path)) from None
    except OSError as exc:
        raise PlanFileError(Notice("plan_cannot_write", file=path, reason=exc.strerror)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
