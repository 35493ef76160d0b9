"""The report document: the cover, the contents, then each section on a new page, laid out in as many passes as
the contents' page numbers and the footer's page total need. The secretariat's written sections stand where an
alliance's annual report has them: the foreword first, the year's work after the overview, and the chronicle,
governance, finances, problems and plan after the figures; one with nothing to print is left out and the
sections after it are numbered on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from alliance_app.reports import directory, layout, sections
from alliance_app.reports import narrative_sections as written
from alliance_app.reports.context import ReportContext
from alliance_app.reports.cover import cover_painter
from alliance_app.reports.figures import AllianceFigures
from alliance_app.reports.narrative import Narratives
from alliance_app.reports.text import Words

SECTIONS: tuple[tuple[str, Callable[[ReportContext], list[Any] | None]], ...] = (
    ("s_foreword", written.foreword),
    ("s_overview", sections.overview),
    ("s_work", written.work),
    ("s_targets", sections.progress),
    ("s_projects", sections.projects),
    ("s_resources", sections.resources),
    ("s_labs", sections.labs),
    ("s_events", sections.events),
    ("s_outputs", sections.outputs),
    ("s_chronicle", written.chronicle_section),
    ("s_governance", written.governance),
    ("s_finance", written.finance),
    ("s_problems", written.problems),
    ("s_plan", written.plan),
    ("s_directory", directory.directory),
    ("s_notes", directory.notes),
)
# Short written sections that follow another on the same page when it has room, as a printed report runs them.
RUN_ON = frozenset({"s_governance", "s_finance", "s_problems", "s_plan"})
MAX_PASSES = 6


def contents(ctx: ReportContext, toc: Any) -> list[Any]:
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
    narratives: Narratives | None = None,
    printing: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Writes the edition to `path`; returns (layout passes, pages). `composed()` runs after each section is
    composed and `laid_out()` after each section heading is placed, so the caller can report and cancel;
    `printing(n)` says, once every section is composed, how many of them have something to print."""
    from alliance_app.fonts import register_report_fonts
    from alliance_app.reports.styles import make_styles

    regular, bold = register_report_fonts()
    words = Words(lang)
    styles = make_styles(regular, bold, lang)
    ctx = ReportContext(
        figures, words, styles, width=0.0, missing=missing, narratives=narratives or Narratives(figures.year)
    )
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
    number = 0
    for key, compose in SECTIONS:
        body = compose(ctx)
        if body is not None:
            number += 1
            start = layout.section_start(words(key), styles, key, words.section_number(number), key not in RUN_ON)
            story += [*start, *body]
        composed()
    if printing is not None:
        printing(number)
    passes = doc.multiBuild(story, maxPasses=MAX_PASSES)
    return passes, doc.page
