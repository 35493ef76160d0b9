"""Builds the annual report PDF for a year and edition, with progress reports and a cancel check between sections."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from alliance_app.long_work import CancelCheck, Progress
from alliance_app.reports.compute import compute_figures
from alliance_app.reports.figures import AllianceFigures
from alliance_app.reports.layout import ReportCancelled
from alliance_app.reports.narrative import Narratives, load_narratives
from alliance_app.reports.period import ReportError, beijing_today

__all__ = ["LANGUAGES", "ReportError", "ReportResult", "build_report"]

if TYPE_CHECKING:
    from alliance_app.store.engine import Store

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class ReportResult:
    path: Path
    year: int
    lang: str
    pages: int
    passes: int
    seconds: float
    missing_characters: tuple[str, ...]  # characters the font lacks (listed in the data notes too)
    warnings: tuple[str, ...]  # in the edition's language: demo data, unpushed edits, missing characters
    figures: AllianceFigures
    # In the edition's language, said when the report is made and not printed: written sections still missing.
    reminders: tuple[str, ...] = ()


def report_texts(figures: AllianceFigures, narratives: Narratives | None = None) -> Iterator[str]:
    """Every piece of record text the report prints (names, titles, cities, the secretariat's sections), to
    check against the font."""
    if narratives is not None:
        yield from narratives.texts()
    for entry in figures.directory:
        yield from (entry.name_zh, entry.name_en or "", entry.short_name or "", entry.city or "")
    for project in figures.projects.major:
        yield from (project.title, project.title_en or "", project.lead_zh, project.lead_en or "")
        yield project.description or ""
    for lab in figures.labs.listed:
        yield from (lab.name, lab.name_en or "", lab.lead_zh, lab.lead_en or "")
    for event in figures.events.listed:
        yield from (event.title, event.title_en or "", event.city or "")
    yield from figures.members.by_city
    yield from (figures.lead_zh or "", figures.lead_en or "")


def missing_in(figures: AllianceFigures, narratives: Narratives | None = None) -> tuple[str, ...]:
    from alliance_app.fonts import missing_characters

    missing: set[str] = set()
    for text in report_texts(figures, narratives):
        missing |= missing_characters(text)
    return tuple(sorted(missing))


def build_report(
    store: Store,
    year: int,
    lang: str,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    *,
    figures: AllianceFigures | None = None,
    report_date: date | None = None,
    today: date | None = None,
    narratives: Narratives | None = None,
) -> ReportResult:
    """Computes the year's figures (unless given) and writes the `lang` edition of the report to `path`.

    `progress(done, total)` is called after the figures, after each section is composed and after each section
    is laid out in each layout pass (the total grows if a further pass is needed). `cancelled()` is checked at
    the same points; when it returns True, `ReportCancelled` is raised and no file is left behind. `today` (default:
    today in Beijing) decides the as-of date; a year not begun or before the alliance raises ReportError.
    `narratives` (default: the year's as stored) are the secretariat's written sections; the Reports page's
    preview passes the text being edited."""
    if lang not in LANGUAGES:
        raise ReportError(f"报告语言应为 zh 或 en，而不是 {lang}", f"The report language must be zh or en, not {lang}")
    from alliance_app.reports.directory import warnings
    from alliance_app.reports.narrative_sections import reminders
    from alliance_app.reports.text import Words

    started = time.perf_counter()
    target = Path(path)
    tracker = _Tracker(progress, cancelled)
    day = today or beijing_today()
    figures = figures or compute_figures(store, year, day)
    narratives = narratives if narratives is not None else load_narratives(store, year)
    tracker.step()
    missing = missing_in(figures, narratives)
    passes, pages = _write(figures, lang, target, tracker, missing, report_date or day, narratives)
    return ReportResult(
        path=target,
        year=year,
        lang=lang,
        pages=pages,
        passes=passes,
        seconds=time.perf_counter() - started,
        missing_characters=missing,
        warnings=tuple(warnings(Words(lang), figures, missing)),
        figures=figures,
        reminders=tuple(reminders(lang, narratives)),
    )


class _Tracker:
    """Counts steps for the progress callback and raises ReportCancelled when the user asked to stop."""

    def __init__(self, progress: Progress | None, cancelled: CancelCheck | None):
        from alliance_app.reports.pdf import SECTIONS

        self.progress, self.cancelled = progress, cancelled
        self.sections = len(SECTIONS)
        self.total = 1 + self.sections + 2 * self.sections  # figures, composing, two layout passes
        self.done = 0

    def printing(self, sections: int) -> None:
        """Only `sections` sections are laid out (the others had nothing to print): each layout pass is shorter."""
        self.total -= 2 * (self.sections - sections)
        self.sections = sections

    def step(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ReportCancelled()
        self.done += 1
        if self.done > self.total:
            self.total += self.sections  # a further layout pass
        if self.progress is not None:
            self.progress(self.done, self.total)


def _write(
    figures: AllianceFigures,
    lang: str,
    target: Path,
    tracker: _Tracker,
    missing: tuple[str, ...],
    day: date,
    narratives: Narratives,
) -> tuple[int, int]:
    """Writes to a temporary file beside the target and renames it, so a cancelled or failed build leaves the
    previous file (if any) untouched and no half-written PDF behind."""
    from alliance_app.reports.pdf import write_pdf

    handle, temp_name = tempfile.mkstemp(suffix=".pdf.part", dir=_writable_folder(target))
    os.close(handle)
    try:
        passes, pages = write_pdf(
            figures, lang, Path(temp_name), missing, day, tracker.step, tracker.step, narratives, tracker.printing
        )
        _as_a_normal_file(Path(temp_name))
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return passes, pages


def _as_a_normal_file(path: Path) -> None:
    """mkstemp makes the file readable by its owner only (0600); a report is a document to share, so it gets the
    permissions any file the user saves gets (0666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    path.chmod(0o666 & ~mask)


def _writable_folder(target: Path) -> Path:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(
            f"文件夹 {folder} 不存在，请选择已有的文件夹。",
            f"The folder {folder} does not exist; choose one that does.",
        )
    if not os.access(folder, os.W_OK):
        raise ReportError(
            f"无法写入文件夹 {folder}，请选择其他位置。", f"Cannot write to the folder {folder}; choose another place."
        )
    return folder
