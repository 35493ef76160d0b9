"""The reports page: where the secretariat compiles the annual alliance report (PDF, Chinese and English)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDir
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_app.long_work import CancelCheck, Progress
from alliance_app.ui.page_info import PageInfo
from alliance_app.ui.progress_task import ProgressTask
from alliance_app.ui.workspace import Workspace


class ReportsPage(QWidget):
    PAGE = PageInfo("reports", str(QT_TRANSLATE_NOOP("MainWindow", "Reports")))

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("page_reports")
        self.task: ProgressTask | None = None
        self.pdf: Path | None = None
        intro = QLabel(
            self.tr(
                "The annual alliance report is compiled from the records on this desk: overview figures, progress "
                "against the five-year targets, projects, resource sharing, lab partnerships and the member "
                "directory, as a PDF in Chinese or English, with the sections the secretariat writes below."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.year = QComboBox(self)
        self.year.setObjectName("reportYear")
        from alliance_app.reports.period import beijing_today  # light: no pandas, no reportlab

        this_year = beijing_today().year
        for year in range(this_year, this_year - 6, -1):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(1)  # the report covers the year just ended
        self.language = QComboBox(self)
        self.language.setObjectName("reportLanguage")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(workspace.lang), 0))
        self.compile_button = QPushButton(self.tr("Compile annual report…"), self)
        self.compile_button.setObjectName("compileReportButton")
        self.compile_button.clicked.connect(self.choose_file)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelReportButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the PDF"), self)
        self.open_button.setObjectName("openReportButton")
        self.open_button.clicked.connect(self.open_pdf)
        self.open_button.hide()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Year"), self))
        row.addWidget(self.year)
        row.addWidget(QLabel(self.tr("Language"), self))
        row.addWidget(self.language)
        row.addWidget(self.compile_button)
        row.addStretch(1)
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.PAGE.display_title() + "</h2>", self))
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addLayout(working)
        layout.addWidget(self.status)
        layout.addWidget(self.open_button)
        # The secretariat's written sections of the chosen year, with a live preview of the printed page.
        from alliance_app.ui.pages.narrative_editor import NarrativeEditor

        self.narratives = NarrativeEditor(workspace, int(self.year.currentData()), self)
        self.year.currentIndexChanged.connect(lambda _i: self.narratives.set_year(int(self.year.currentData())))
        layout.addWidget(QLabel("<h3>" + self.tr("Written sections") + "</h3>", self))
        layout.addWidget(self.narratives, 1)

    def choose_file(self) -> None:
        year, lang = int(self.year.currentData()), str(self.language.currentData())
        suggested = str(Path(QDir.homePath()) / f"alliance-report-{year}-{lang}.pdf")
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the annual report"), suggested, "PDF (*.pdf)")
        if name:
            self.compile_to(name if name.lower().endswith(".pdf") else name + ".pdf")

    def compile_to(self, path: str) -> None:
        """Builds the report in the background with progress; cancelling leaves no file behind."""
        from alliance_app.reports.build import build_report

        year, lang, store = int(self.year.currentData()), str(self.language.currentData()), self.workspace.desk.store

        def work(progress: Progress, cancelled: CancelCheck) -> Any:
            return build_report(store, year, lang, path, progress=progress, cancelled=cancelled)

        self.pdf = None
        self.open_button.hide()
        self.compile_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.status.setText(self.tr("Compiling the %1 report…").replace("%1", str(year)))
        self.task = ProgressTask(self.workspace, work, self)
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._finished)
        self.task.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def _finished(self, result: Any, error: BaseException | None) -> None:
        from alliance_app.reports.layout import ReportCancelled
        from alliance_app.reports.period import ReportError

        self.compile_button.setEnabled(True)
        self.progress.hide()
        self.cancel_button.hide()
        if isinstance(error, ReportCancelled):
            self.status.setText(self.tr("The report was cancelled; no file was written."))
        elif isinstance(error, ReportError):  # a year not begun or before the alliance: its sentence, no dialog
            self.status.setText(error.message(self.workspace.lang))
        elif error is not None:
            from alliance_app.ui.error_dialog import show_error

            self.status.setText(self.tr("The report could not be compiled."))
            show_error(self, error, self.workspace.lang)
        else:
            self.pdf = Path(result.path)
            done = self.tr("Saved %1 (%2 pages).").replace("%1", str(self.pdf)).replace("%2", str(result.pages))
            self.status.setText("\n".join([done, *result.warnings, *result.reminders]))
            self.open_button.show()

    def open_pdf(self) -> Any:
        """Opens the PDF; without a PDF program, says so and offers the folder and the path (returns that box)."""
        if self.pdf is not None:
            from alliance_app.ui.open_file import open_or_offer

            return open_or_offer(self, self.pdf)
        return None
