"""One written section laid out as the report lays it out, for the editor's live page preview.

The preview uses the report's own styles, page frame and composer of the section, so what the secretariat sees
while typing is what the report will print. It writes a small PDF (a blank first page stands for the cover, as in
the report, so the section's page has the body template); the window renders its second page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alliance_app.models.enums import NarrativeSection
from alliance_app.reports.figures import AllianceFigures
from alliance_app.reports.narrative import Narratives

PREVIEW_PAGE = 1  # the 0-based page of the preview PDF that shows the section


def write_section_preview(
    figures: AllianceFigures, narratives: Narratives, section: NarrativeSection, lang: str, path: Path
) -> bool:
    """Writes the preview of `section` to `path`; False when the section has nothing to print (the report leaves
    it out), in which case the page says so."""
    from reportlab.platypus import PageBreak

    from alliance_app.fonts import register_report_fonts
    from alliance_app.reports import layout
    from alliance_app.reports.context import ReportContext
    from alliance_app.reports.narrative_sections import COMPOSERS, WORDS
    from alliance_app.reports.styles import make_styles
    from alliance_app.reports.text import Words

    regular, bold = register_report_fonts()
    words = Words(lang)
    styles = make_styles(regular, bold, lang)
    header = words("header", alliance=words.alliance, year=figures.year)
    doc, _toc = layout.make_doc(
        str(path), styles, header, lambda _page, _total: _preview_word(lang), lambda _key: None, _blank, lang=lang
    )
    ctx = ReportContext(figures, words, styles, width=doc.width, missing=(), narratives=narratives)
    body = COMPOSERS[section](ctx)
    key = f"s_{section.value}"
    story: list[Any] = [PageBreak(), *layout.section_start(words(key), styles, key, "")[1:]]
    if body is None:
        story.append(layout.para(WORDS["preview_empty"][words.index], styles, "note"))
    else:
        story += body
    doc.build(story)
    return body is not None


def _blank(_canvas: Any, _doc: Any) -> None:
    """The cover's place: the preview shows the section's page only."""


def _preview_word(lang: str) -> str:
    return "预览" if lang == "zh" else "Preview"
