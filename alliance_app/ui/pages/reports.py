"""The reports page: where the secretariat compiles the annual alliance report (PDF, Chinese and English)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from alliance_app.ui.workspace import Workspace


class ReportsPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page_reports")
        intro = QLabel(
            self.tr(
                "The annual alliance report is compiled from the records on this desk: overview figures, progress "
                "against the five-year targets, projects, resource sharing, lab partnerships and the member "
                "directory, as a PDF in Chinese or English."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.year = QComboBox(self)
        this_year = date.today().year
        for year in range(this_year, this_year - 6, -1):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(1)  # the report covers the year just ended
        self.compile_button = QPushButton(self.tr("Compile annual report…"), self)
        self.compile_button.setObjectName("compileReportButton")
        self.compile_button.setEnabled(False)
        self.compile_button.setToolTip(self.tr("Compiling the report comes with the annual report module."))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Year"), self))
        row.addWidget(self.year)
        row.addWidget(self.compile_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Reports") + "</h2>", self))
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addStretch(1)
