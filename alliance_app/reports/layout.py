"""Page furniture and building blocks: the document template, headings that feed contents and bookmarks, tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from alliance_app.reports.styles import (
    ACCENT,
    HEAD_FILL,
    MUTED,
    PRIMARY,
    RULE,
    TEXT,
    ZEBRA,
    Styles,
)

MM = 72 / 25.4
PAGE_MARGIN = 22 * MM
TABLE_CHUNK = 60  # rows per table flowable: long tables split cheaply in pieces
CELL_FONT_SIZE = 8.5  # as the td styles
CELL_PADDING = 5
BODY_HEIGHT = [0.0]  # the body frame's height, set by make_doc: a flowable offered all of it begins a page


def xml(text: object) -> str:
    """Plain text made safe for Paragraph markup (names may contain & and <)."""
    return escape(str(text))


class ReportCancelled(Exception):
    """The user cancelled the report while it was being built."""


def make_doc(
    path: str,
    styles: Styles,
    header: str,
    footer: Callable[[int, int | None], str],
    checkpoint: Callable[[str], None],
    draw_cover: Callable[[Any, Any], None],
    *,
    author: str = "",
    lang: str = "zh",
) -> tuple[Any, Any]:
    """The A4 document and its contents: a cover drawn on the canvas, then pages with a header rule and a
    "page x / y" footer. `checkpoint(key)` runs after each section heading is laid out (progress, cancel)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus.tableofcontents import TableOfContents

    width, height = A4

    class ReportDoc(BaseDocTemplate):
        page_total: int | None = None

        def beforeDocument(self) -> None:
            self.canv.showOutline()  # a reader opens the report with its bookmarks shown

        def afterFlowable(self, flowable: Any) -> None:
            entry = getattr(flowable, "toc_entry", None)
            if entry is None:
                return
            level, text, key = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
            self.notify("TOCEntry", (level, text, self.page, key))
            if level == 0:
                checkpoint(key)

    def draw_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(styles.regular, 8)
        canvas.setFillColor(colors.HexColor(MUTED))
        top = height - 14 * MM
        canvas.drawString(PAGE_MARGIN, top, header)
        canvas.setStrokeColor(colors.HexColor(PRIMARY))
        canvas.setLineWidth(0.8)
        canvas.line(PAGE_MARGIN, top - 4, width - PAGE_MARGIN, top - 4)
        canvas.setStrokeColor(colors.HexColor(ACCENT))
        canvas.setLineWidth(2.2)
        canvas.line(PAGE_MARGIN, top - 4, PAGE_MARGIN + 18 * MM, top - 4)
        canvas.setStrokeColor(colors.HexColor(RULE))
        canvas.setLineWidth(0.4)
        canvas.line(PAGE_MARGIN, 14 * MM, width - PAGE_MARGIN, 14 * MM)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawCentredString(width / 2, 9 * MM, footer(doc.page, doc.page_total))
        canvas.restoreState()

    doc = ReportDoc(
        path,
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=24 * MM,
        bottomMargin=22 * MM,
        title=header,
        author=author,
        subject=header,
        lang="zh-CN" if lang == "zh" else "en",
        initialFontName=styles.regular,
        initialFontSize=10,
    )
    BODY_HEIGHT[0] = doc.height
    cover = Frame(0, 0, width, height, 0, 0, 0, 0, id="cover")
    body = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, 0, 0, 0, 0, id="body")
    doc.addPageTemplates(
        [
            PageTemplate("cover", [cover], onPage=draw_cover, autoNextPageTemplate="body"),
            PageTemplate("body", [body], onPage=draw_page),
        ]
    )
    from reportlab.platypus import TableStyle

    toc = TableOfContents(dotsMinLevel=0)
    toc.tableStyle = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), styles.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    toc.levelStyles = [styles["toc1"], styles["toc2"]]
    toc.dotsMinLevel = 0
    return doc, toc


def page_total_keeper(doc: Any) -> Any:
    """An invisible indexing flowable that keeps multiBuild going until the page total is stable, so the
    footer's "x / y" always shows the final page count."""
    from reportlab.platypus.tableofcontents import IndexingFlowable

    class PageTotal(IndexingFlowable):
        def __init__(self) -> None:
            self.previous: int | None = None
            self.current: int | None = None

        def beforeBuild(self) -> None:
            self.previous = self.current
            doc.page_total = self.current

        def afterBuild(self) -> None:
            self.current = doc.page

        def isSatisfied(self) -> bool:
            return self.previous is not None and self.previous == self.current

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            pass

    return PageTotal()


def heading(text: str, style: Any, level: int, key: str, number: str = "") -> Any:
    """A heading paragraph that becomes a contents line and a PDF bookmark when laid out."""
    from reportlab.platypus import Paragraph

    para = Paragraph(xml(number + text), style)
    para.toc_entry = (level, number + text, key)
    return para


SHORT_SECTION_ROOM = 160  # points: a short section starts on the same page only with this much room left


def section_start(text: str, styles: Styles, key: str, number: str, new_page: bool = True) -> list[Any]:
    """A new page (or, for a short section following another, a gap and a new page only when little room is
    left), the section heading and an accent rule under it."""
    from reportlab.lib import colors
    from reportlab.platypus import CondPageBreak, PageBreak
    from reportlab.platypus.flowables import HRFlowable

    return [
        PageBreak() if new_page else CondPageBreak(SHORT_SECTION_ROOM),
        heading(text, styles["h1" if new_page else "h1_run_on"], 0, key, number),
        HRFlowable(width="100%", thickness=0.8, color=colors.HexColor(PRIMARY), spaceBefore=2, spaceAfter=10),
    ]


def para(text: str, styles: Styles, name: str = "body") -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(xml(text), styles.cell(name, text))


def cell(value: object, styles: Styles, name: str = "td") -> Any:
    from reportlab.platypus import Paragraph

    text = "" if value is None else str(value)
    return Paragraph(xml(text), styles.cell(name, text))


def two_line_cell(main: str, second: str | None, styles: Styles) -> list[Any]:
    """A cell of a name and, in smaller muted type below it, its other-language name."""
    parts = [cell(main, styles)]
    if second and second != main:
        parts.append(cell(second, styles, "td_small"))
    return parts


def table(
    head: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    styles: Styles,
    numeric: Sequence[int] = (),
    total_row: bool = False,
) -> list[Any]:
    """A ruled table with a shaded head (repeated on every page), zebra rows and cells that wrap.

    A text that fits its column on one line is drawn as a plain string (styled like the Paragraph it would
    otherwise be); anything longer becomes a Paragraph and wraps. That keeps directories of thousands of members
    fast without the classic pitfall of a plain string running out of its cell. Long tables are cut into chunks
    of TABLE_CHUNK rows, which keeps reportlab's splitting cheap; a chunk after the first draws the head only when
    it begins a page (HeadAtPageTop), so a head is repeated at a page's top and nowhere else."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    numeric_set = set(numeric)
    head_cells = [cell(h, styles, "th_right" if i in numeric_set else "th") for i, h in enumerate(head)]

    def body_cell(i: int, value: Any, bold: bool) -> Any:
        if not isinstance(value, str | int | float) and value is not None:
            return value  # already a flowable or a list of them
        text = "" if value is None else str(value)
        font = styles.bold if bold else styles.regular
        if stringWidth(text, font, CELL_FONT_SIZE) <= widths[i] - 2 * CELL_PADDING:
            return text
        return cell(text, styles, ("td_bold" if bold else "td") + ("_right" if i in numeric_set else ""))

    body = []
    for r, row in enumerate(rows):
        bold = total_row and r == len(rows) - 1
        body.append([body_cell(i, v, bold) for i, v in enumerate(row)])
    chunks = [body[i : i + TABLE_CHUNK] for i in range(0, len(body), TABLE_CHUNK)] or [[]]
    flowables: list[Any] = []
    for n, chunk in enumerate(chunks):
        last_has_total = total_row and n == len(chunks) - 1

        def make(rows: list[list[Any]], with_head: bool, total: bool = last_has_total) -> Any:
            head = 1 if with_head else 0
            commands = _table_style(len(rows), total, head) + _string_style(styles, numeric_set, total, head)
            return grid([head_cells, *rows] if with_head else rows, widths, styles, commands, head)

        flowables.append(make(chunk, True) if n == 0 else HeadAtPageTop(chunk, make))
    return flowables


def _head_at_page_top_class() -> Any:
    from reportlab.platypus import Flowable

    class HeadAtPageTopFlowable(Flowable):
        """Rows continuing a table: drawn under the rows before them without a head, except where they begin a
        page, where the head is drawn again (and on every later page they run on to)."""

        def __init__(self, rows: list[list[Any]], make: Callable[[list[list[Any]], bool], Any]):
            super().__init__()
            self.rows, self.make = rows, make
            self.table: Any = None

        @staticmethod
        def begins_page(avail_height: float) -> bool:
            return avail_height >= BODY_HEIGHT[0] - 1

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.table = self.make(self.rows, self.begins_page(avail_height))
            self.width, self.height = self.table.wrap(avail_width, avail_height)
            return self.width, self.height

        def split(self, avail_width: float, avail_height: float) -> list[Any]:
            if self.begins_page(avail_height):  # reportlab repeats the head on each page the rest runs on to
                return list(self.make(self.rows, True).split(avail_width, avail_height))
            parts = self.make(self.rows, False).split(avail_width, avail_height)
            if not parts:
                return []
            fitted = parts[0]._nrows
            return [parts[0], HeadAtPageTopFlowable(self.rows[fitted:], self.make)]

        def draw(self) -> None:
            self.table.drawOn(self.canv, 0, 0)

    return HeadAtPageTopFlowable


_HEAD_AT_PAGE_TOP: list[Any] = []


def HeadAtPageTop(rows: list[list[Any]], make: Callable[[list[list[Any]], bool], Any]) -> Any:
    if not _HEAD_AT_PAGE_TOP:
        _HEAD_AT_PAGE_TOP.append(_head_at_page_top_class())
    return _HEAD_AT_PAGE_TOP[0](rows, make)


def _string_style(styles: Styles, numeric: set[int], total_row: bool, head: int = 1) -> list[Any]:
    """How the plain-string cells look: exactly like the td / td_right / td_bold Paragraph styles."""
    from reportlab.lib import colors

    commands: list[Any] = [
        ("FONTSIZE", (0, head), (-1, -1), CELL_FONT_SIZE),
        ("LEADING", (0, head), (-1, -1), 12),
        ("TEXTCOLOR", (0, head), (-1, -1), colors.HexColor(TEXT)),
    ]
    commands += [("ALIGN", (i, head), (i, -1), "RIGHT") for i in sorted(numeric)]
    if total_row:
        commands.append(("FONTNAME", (0, -1), (-1, -1), styles.bold))
    return commands


def grid(rows: list[list[Any]], widths: Sequence[float], styles: Styles, commands: list[Any], repeat: int = 0) -> Any:
    """A reportlab Table with the report font as its base font (else reportlab sets Helvetica in every cell)."""
    from reportlab.platypus import Table, TableStyle

    t = Table(rows, colWidths=list(widths), hAlign="LEFT", repeatRows=repeat)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.regular), *commands]))
    return t


def side_by_side(parts: Sequence[Any], widths: Sequence[float], styles: Styles) -> Any:
    """Flowables (charts, tables) next to each other, top-aligned, without padding."""
    from reportlab.platypus import KeepTogether

    def content(part: Any) -> Any:
        if not isinstance(part, list):
            return part
        out: list[Any] = []
        for f in part:  # a KeepTogether cannot live in a cell: it gives up its content
            out += f._content if isinstance(f, KeepTogether) else [f]
        return out

    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
    commands.append(("RIGHTPADDING", (0, 0), (-1, -1), 0))
    return grid([[content(p) for p in parts]], widths, styles, commands)


def _table_style(rows: int, total_row: bool, head: int = 1) -> list[Any]:
    """A table's rules and fills; `head` 0 for rows continuing a table under its earlier rows (no head drawn)."""
    from reportlab.lib import colors

    commands: list[tuple[Any, ...]] = []
    if head:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEAD_FILL)),
            ("LINEABOVE", (0, 0), (-1, 0), 0.9, colors.HexColor(PRIMARY)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.HexColor(PRIMARY)),
        ]
    commands += [
        ("LINEBELOW", (0, -1), (-1, -1), 0.9, colors.HexColor(PRIMARY)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    last = rows - 1 + head  # the index of the last row
    for r in range(2 - (1 - head), last + 1, 2):  # every second body row (chunks have an even count of rows)
        commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor(ZEBRA)))
    for r in range(head, last):
        commands.append(("LINEBELOW", (0, r), (-1, r), 0.25, colors.HexColor(RULE)))
    if total_row and rows:
        commands.append(("LINEABOVE", (0, last), (-1, last), 0.6, colors.HexColor(PRIMARY)))
        commands.append(("BACKGROUND", (0, last), (-1, last), colors.HexColor(HEAD_FILL)))
    return commands
