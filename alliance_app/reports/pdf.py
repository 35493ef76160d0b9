"""The report document: the cover, the contents, then each section on a new page, laid out in as many passes as
the contents' page numbers and the footer's page total need."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from alliance_app.reports import directory, layout, sections
from alliance_app.reports.context import Context
from alliance_app.reports.cover import cover_painter
from alliance_app.reports.figures import AllianceFigures
from alliance_app.reports.text import Words

SECTIONS: tuple[tuple[str, Callable[[Context], list[Any]]], ...] = (
    ("s_overview", sections.overview),
    ("s_targets", sections.progress),
    ("s_projects", sections.projects),
    ("s_resources", sections.resources),
    ("s_labs", sections.labs),
    ("s_events", sections.events),
    ("s_outputs", sections.outputs),
    ("s_directory", directory.directory),
    ("s_notes", directory.notes),
)
MAX_PASSES = 6


def contents(ctx: Context, toc: Any) -> list[Any]:
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    title = Paragraph(layout.xml(ctx.words("contents")), ctx.styles["toc_title"])
    return [Spacer(1, 1), PageBreak(), title, Spacer(1, 14), toc]


def write_pdf(
    figures: AllianceFigures,
    lang: str,
    path: Path,
    missing: tuple[str, ...],
    report_date: date,
    composed: Callable[[], None],
    laid_out: Callable[[], None],
) -> tuple[int, int]:
    """Writes the edition to `path`; returns (layout passes, pages). `composed()` runs after each section is
    composed and `laid_out()` after each section heading is placed, so the caller can report and cancel."""
    from alliance_app.fonts import register_report_fonts
    from alliance_app.reports.styles import make_styles

    regular, bold = register_report_fonts()
    words = Words(lang)
    styles = make_styles(regular, bold, lang)
    ctx = Context(figures, words, styles, width=0.0, missing=missing)
    header = words("header", alliance=words.alliance, year=figures.year)

    def footer(page: int, total: int | None) -> str:
        return words("footer", page=page, total=total if total is not None else "—")

    doc, toc = layout.make_doc(
        str(path),
        styles,
        header,
        footer,
        lambda _key: laid_out(),
        cover_painter(ctx, words.date(report_date)),
        author=words.alliance,
        lang=lang,
    )
    ctx.width = doc.width
    story: list[Any] = [*contents(ctx, toc), layout.page_total_keeper(doc)]
    for number, (key, compose) in enumerate(SECTIONS, 1):
        story += layout.section_start(words(key), styles, key, words.section_number(number))
        story += compose(ctx)
        composed()
    passes = doc.multiBuild(story, maxPasses=MAX_PASSES)
    return passes, doc.page
