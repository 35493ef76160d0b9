"""The Reports page's editor of the secretariat's written sections, with a live preview of the printed page.

One section of one year at a time: its Chinese text (required) and its English text (optional: the English edition
marks a section without it as untranslated). Plain paragraphs separated by a blank line, and list lines starting
with "- ". The preview lays the text out with the report's own composer (reports/preview.py) a moment after each
keystroke, so the secretariat sees the page as it will print. Only the secretariat may write: other accounts read.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from alliance_app.models import NarrativeSection, link_id
from alliance_app.services import ChangeSet, Desk
from alliance_app.ui.workspace import Workspace

PREVIEW_DELAY_MS = 300  # after the last keystroke: typing stays smooth, the page follows within a moment
PREVIEW_WIDTH = 420  # pixels of the page picture


class NarrativeEditor(QWidget):
    """Edits the narrative of (year, section); `saved` is emitted after each save with the ChangeSet."""

    saved = Signal(object)

    def __init__(self, workspace: Workspace, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.year = year
        self.setObjectName("narrativeEditor")
        self._folder = tempfile.TemporaryDirectory(prefix="alliance-preview-")
        self.preview_path = Path(self._folder.name) / "preview.pdf"
        self.preview_pages = 0  # pages of the last preview written (0: none yet)
        self._figures: dict[int, Any] = {}  # year → figures (or the ReportError saying why there are none)
        self._stored: dict[str, str | None] = {"text_zh": None, "text_en": None}
        self._loading = False
        self.section = QComboBox(self)
        self.section.setObjectName("narrativeSection")
        for section in NarrativeSection:
            self.section.addItem(section.label(workspace.lang), section.value)
        self.section.currentIndexChanged.connect(lambda _i: self.load())
        self.preview_lang = QComboBox(self)
        self.preview_lang.setObjectName("narrativePreviewLanguage")
        self.preview_lang.addItem("中文", "zh")
        self.preview_lang.addItem("English", "en")
        self.preview_lang.setCurrentIndex(max(self.preview_lang.findData(workspace.lang), 0))
        self.preview_lang.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.text_zh = QPlainTextEdit(self)
        self.text_zh.setObjectName("narrativeTextZh")
        self.text_en = QPlainTextEdit(self)
        self.text_en.setObjectName("narrativeTextEn")
        self.text_en.setPlaceholderText(self.tr("Optional. Without it the English edition prints the Chinese text, "
                                                "marked as not yet translated (暂无英文)."))  # fmt: skip
        for edit in (self.text_zh, self.text_en):
            edit.textChanged.connect(self._edited)
        self.save_button = QPushButton(self.tr("Save section"), self)
        self.save_button.setObjectName("saveNarrativeButton")
        self.save_button.clicked.connect(self.save)
        self.state = QLabel(self)
        self.state.setObjectName("narrativeState")
        self.state.setWordWrap(True)
        self.preview = QLabel(self)
        self.preview.setObjectName("narrativePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.preview.setMinimumSize(QSize(PREVIEW_WIDTH, 200))
        scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.refresh_preview)
        self._lay_out(scroll)
        self._lock_if_refused()
        self.load()

    def _lay_out(self, scroll: QScrollArea) -> None:
        hint = QLabel(
            self.tr("Paragraphs are separated by a blank line; a line starting with '- ' is a list item. In the "
                    "chronicle, a line starting with a date (2026-03-15) is placed among the year's events."),
            self,
        )  # fmt: skip
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Section"), self))
        top.addWidget(self.section, 1)
        top.addWidget(QLabel(self.tr("Preview in"), self))
        top.addWidget(self.preview_lang)
        texts = QGridLayout()
        texts.addWidget(QLabel(self.tr("Chinese text"), self), 0, 0)
        texts.addWidget(self.text_zh, 1, 0)
        texts.addWidget(QLabel(self.tr("English text"), self), 2, 0)
        texts.addWidget(self.text_en, 3, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.state, 1)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(hint)
        left.addLayout(texts, 1)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(scroll, 1)

    def _lock_if_refused(self) -> None:
        refusal = self.workspace.desk.refusal("narrative")
        if refusal is not None:  # everyone reads the narratives; only the secretariat writes them
            for edit in (self.text_zh, self.text_en):
                edit.setReadOnly(True)
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(refusal.message(self.workspace.lang))

    @property
    def current(self) -> NarrativeSection:
        return NarrativeSection(self.section.currentData())

    @property
    def record_id(self) -> str:
        return link_id("narrative", {"year": self.year, "section": self.current.value}) or ""

    def set_year(self, year: int) -> None:
        if year != self.year:
            self.year = year
            self.load()

    def load(self) -> None:
        """Shows the stored text of the current year and section (empty when nobody wrote it yet)."""
        stored = _stored_texts(self.workspace.desk, self.record_id)
        self._stored = stored
        self._loading = True
        self.text_zh.setPlainText(stored["text_zh"] or "")
        self.text_en.setPlainText(stored["text_en"] or "")
        self._loading = False
        self._show_state()
        self.refresh_preview()

    @property
    def dirty(self) -> bool:
        return self._typed() != {k: v or None for k, v in self._stored.items()}

    def _typed(self) -> dict[str, str | None]:
        zh, en = self.text_zh.toPlainText(), self.text_en.toPlainText()
        return {"text_zh": zh if zh.strip() else None, "text_en": en if en.strip() else None}

    def _edited(self) -> None:
        if not self._loading:
            self._show_state()
            self.timer.start()

    def _show_state(self) -> None:
        if self.dirty:
            self.state.setText(self.tr("Unsaved changes"))
        elif self._stored["text_zh"] is None:
            self.state.setText(self.tr("Not written yet: the report leaves this part out unless the records fill it."))
        else:
            self.state.setText(self.tr("Saved"))

    def save(self) -> None:
        """Writes the section through the desk (the one write plan): a create, an edit, or — both texts cleared —
        a delete, so the report leaves the section out again."""
        typed, record_id, year, section = self._typed(), self.record_id, self.year, self.current.value
        exists = self._stored["text_zh"] is not None

        def work(desk: Desk) -> ChangeSet:
            if typed["text_zh"] is None and typed["text_en"] is None:
                return desk.delete("narrative", record_id) if exists else ChangeSet()
            if exists:
                return desk.update("narrative", record_id, typed)
            return desk.create("narrative", {"year": year, "section": section, **typed})

        self.workspace.write(self, work).success(self._saved).run()

    def _saved(self, changes: ChangeSet) -> None:
        self._stored = _stored_texts(self.workspace.desk, self.record_id)
        self._show_state()
        self.saved.emit(changes)

    def refresh_preview(self) -> None:
        """Lays out the current text as the report would print it and shows the page."""
        self.timer.stop()
        year = self.year
        if year not in self._figures:
            self.preview.setText(self.tr("Preparing the preview…"))
            self.workspace.read(self, lambda desk: _figures_or_refusal(desk, year)).success(
                lambda found: self._have_figures(year, found)
            ).run()
            return
        figures = self._figures[year]
        if isinstance(figures, Exception):
            self.preview.setText(figures.message(self.workspace.lang))  # type: ignore[attr-defined]
            return
        self._render(figures)

    def _have_figures(self, year: int, found: Any) -> None:
        self._figures[year] = found
        if year == self.year:
            self.refresh_preview()

    def _render(self, figures: Any) -> None:
        from PySide6.QtPdf import QPdfDocument

        from alliance_app.reports.narrative import Narratives, SectionText
        from alliance_app.reports.preview import PREVIEW_PAGE, write_section_preview

        typed = self._typed()
        sections: dict[str, SectionText] = {}
        if typed["text_zh"] is not None or typed["text_en"] is not None:
            code = str(self.current)
            sections[code] = SectionText(code, typed["text_zh"] or "", typed["text_en"])
        lang = str(self.preview_lang.currentData())
        write_section_preview(figures, Narratives(self.year, sections), self.current, lang, self.preview_path)
        document = QPdfDocument(self)
        document.load(str(self.preview_path))
        self.preview_pages = document.pageCount()
        size = document.pagePointSize(PREVIEW_PAGE)
        height = round(PREVIEW_WIDTH * size.height() / size.width())
        image: QImage = document.render(PREVIEW_PAGE, QSize(PREVIEW_WIDTH, height))
        document.close()
        self.preview.setPixmap(QPixmap.fromImage(image))


def _stored_texts(desk: Desk, record_id: str) -> dict[str, str | None]:
    from alliance_app.services.writes import RecordNotFound

    try:
        record = desk.get("narrative", record_id)
    except RecordNotFound:
        return {"text_zh": None, "text_en": None}
    if record.get("deleted"):
        return {"text_zh": None, "text_en": None}
    return {"text_zh": record["text_zh"], "text_en": record.get("text_en")}


def _figures_or_refusal(desk: Desk, year: int) -> Any:
    """The year's figures for the sections that show them, or the sentence saying why there are none."""
    from alliance_app.reports.compute import compute_figures
    from alliance_app.reports.period import ReportError

    try:
        return compute_figures(desk.store, year)
    except ReportError as refused:
        return refused
