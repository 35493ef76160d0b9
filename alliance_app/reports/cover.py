"""The report's cover, drawn on the canvas: a dark band with the alliance and the year, then lead member and date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alliance_app.reports.context import ReportContext
from alliance_app.reports.layout import MM, xml
from alliance_app.reports.styles import ACCENT, MUTED, PRIMARY, PRIMARY_DARK
from alliance_app.reports.text import ALLIANCE_EN, ALLIANCE_ZH, LEAD_EN, LEAD_ZH

LEFT = 26 * MM
BAND_SHARE = 0.60  # the dark band covers the top 60% of the page


def cover_painter(ctx: ReportContext, report_date: str) -> Callable[[Any, Any], None]:
    """The onPage function of the cover page."""

    def paint(canvas: Any, doc: Any) -> None:
        width, height = doc.pagesize
        band_bottom = height * (1 - BAND_SHARE)
        canvas.saveState()
        _band(canvas, width, height, band_bottom)
        _titles(ctx, canvas, width, height, band_bottom)
        _facts(ctx, canvas, band_bottom - 22 * MM, report_date)
        canvas.restoreState()

    return paint


def _band(canvas: Any, width: float, height: float, bottom: float) -> None:
    """The dark band with faint concentric rings and an accent edge."""
    from reportlab.lib import colors

    canvas.setFillColor(colors.HexColor(PRIMARY))
    canvas.rect(0, bottom, width, height - bottom, stroke=0, fill=1)
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(0, bottom, width, height - bottom)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.setStrokeColor(colors.HexColor("#24507F"))
    canvas.setLineWidth(0.7)
    for radius in range(40, 420, 24):
        canvas.circle(width - 28 * MM, bottom + 30 * MM, radius, stroke=1, fill=0)
    canvas.restoreState()
    canvas.setFillColor(colors.HexColor(ACCENT))
    canvas.rect(0, bottom - 5, width, 5, stroke=0, fill=1)
    canvas.rect(LEFT, height - 40 * MM, 14 * MM, 2.2, stroke=0, fill=1)


def _titles(ctx: ReportContext, canvas: Any, width: float, height: float, band_bottom: float) -> None:
    """Kicker, the alliance's name in both languages, the year and the report's title."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    w, regular, bold = ctx.words, ctx.styles.regular, ctx.styles.bold
    white = colors.HexColor("#FFFFFF")
    canvas.setFillColor(colors.HexColor(ACCENT))
    canvas.setFont(bold, 10)
    canvas.drawString(LEFT, height - 36 * MM, w("cover_kicker"))
    main, other = (ALLIANCE_ZH, ALLIANCE_EN) if ctx.lang == "zh" else (ALLIANCE_EN, ALLIANCE_ZH)
    styles = (
        ParagraphStyle("cover_name", fontName=bold, fontSize=25, leading=34, textColor=white, wordWrap="CJK"),
        ParagraphStyle("cover_other", fontName=regular, fontSize=11, leading=16, textColor=colors.HexColor("#C9D6E5")),
    )
    y = height - 52 * MM
    for text, style in zip((main, other), styles, strict=True):
        paragraph = Paragraph(xml(text), style)
        _, h = paragraph.wrapOn(canvas, width - 2 * LEFT, 200)
        paragraph.drawOn(canvas, LEFT, y - h)
        y -= h + 6
    canvas.setFillColor(white)
    canvas.setFont(bold, 64)
    canvas.drawString(LEFT - 3, band_bottom + 38 * MM, str(ctx.figures.year))
    canvas.setFont(bold, 20)
    canvas.drawString(LEFT, band_bottom + 22 * MM, w("report_title", year=ctx.figures.year))


def _facts(ctx: ReportContext, canvas: Any, top: float, report_date: str) -> None:
    """Lead member, compiler and date under the band; a demo-data badge when the store holds the demo."""
    from reportlab.lib import colors

    w, f = ctx.words, ctx.figures
    lead = (f.lead_en or f.lead_zh or LEAD_EN) if ctx.lang == "en" else (f.lead_zh or LEAD_ZH)
    facts = ((w("cover_lead"), lead), (w("cover_compiled"), w("cover_secretariat")), (w("cover_date"), report_date))
    y = top
    for label, value in facts:
        canvas.setFont(ctx.styles.regular, 9)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawString(LEFT, y, label)
        canvas.setFont(ctx.styles.bold, 13)
        canvas.setFillColor(colors.HexColor(PRIMARY_DARK))
        canvas.drawString(LEFT, y - 17, value)
        y -= 44
    badges = [w("cover_provisional", date=w.as_of(f.as_of, True).strip())] if f.provisional else []
    if f.demo:
        badges.append(w("cover_demo"))
    x = LEFT
    for text in badges:
        canvas.setStrokeColor(colors.HexColor(ACCENT))
        canvas.setFillColor(colors.HexColor(ACCENT))
        canvas.setLineWidth(1.2)
        canvas.setFont(ctx.styles.bold, 10)
        text_width = canvas.stringWidth(text, ctx.styles.bold, 10)
        canvas.roundRect(x, 22 * MM, text_width + 20, 22, 3, stroke=1, fill=0)
        canvas.drawString(x + 10, 22 * MM + 7, text)
        x += text_width + 32
