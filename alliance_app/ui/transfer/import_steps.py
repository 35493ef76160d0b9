"""The import wizard's last steps: the preview with problems marked, the import itself with progress, the summary."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from alliance_app.long_work import CancelCheck, Progress
from alliance_app.services.transfer import ImportCancelled, ImportResult, TransferError, apply_plan
from alliance_app.services.transfer.plan import CREATE, INVALID, UNCHANGED, UPDATE
from alliance_app.services.transfer.preview import change_lines, defaults_line, erasures
from alliance_app.ui.error_dialog import show_error
from alliance_app.ui.progress_task import ProgressTask
from alliance_app.ui.transfer.import_state import ImportState
from alliance_app.ui.transfer.preview_model import PreviewModel
from alliance_app.ui.workspace import Workspace


class PreviewPage(QWizardPage):
    """What the import will do, row by row; nothing is written unless the file is clean or the user chooses to
    import only the valid rows."""

    def __init__(self, state: ImportState, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.workspace = state, workspace
        self.setTitle(self.tr("Check before importing"))
        self.counts = QLabel(self)
        self.counts.setObjectName("importCounts")
        self.rows = QTableView(self)
        self.rows.setObjectName("importPreview")
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setAlternatingRowColors(False)
        self.problems = QListWidget(self)
        self.problems.setObjectName("importProblems")
        self.problems.currentRowChanged.connect(self._show_problem)
        # Conversions, rows left out, defaults and field-by-field changes: what the import does besides problems.
        self.notes = QListWidget(self)
        self.notes.setObjectName("importNotes")
        self.valid_only = QCheckBox(self.tr("Import only the valid rows (the rows with problems are left out)"), self)
        self.valid_only.setObjectName("validOnly")
        self.valid_only.toggled.connect(self._choices_changed)
        self.accept_defaults = QCheckBox(
            self.tr("Columns were left out: new records take the defaults listed above for the fields no column fills"),
            self,
        )
        self.accept_defaults.setObjectName("acceptDefaults")
        self.accept_defaults.toggled.connect(self._choices_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.rows, 3)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.valid_only)
        layout.addWidget(self.accept_defaults)

    def _choices_changed(self, _on: bool) -> None:
        self.state.valid_only = self.valid_only.isChecked()
        self.state.accept_defaults = self.accept_defaults.isChecked()
        self.completeChanged.emit()

    def initializePage(self) -> None:
        plan, table, lang = self.state.plan, self.state.table, self.workspace.lang
        assert plan is not None and table is not None
        self.model = PreviewModel(table, plan, lang, self)
        self.rows.setModel(self.model)
        self.rows.resizeColumnsToContents()
        counts = self.tr("New: %1 · Updated: %2 · Unchanged: %3 · With problems: %4")
        for i, action in enumerate((CREATE, UPDATE, UNCHANGED, INVALID), start=1):
            counts = counts.replace(f"%{i}", str(plan.count(action)))
        found = len(plan.problems)
        if found:
            counts += " — " + self.tr("%n problem(s) found; nothing is imported until they are corrected.", "", found)
        self.counts.setText(counts)
        self.problems.clear()
        self.problems.addItems([p.line(lang) for p in plan.problems])
        self.problems.setVisible(bool(plan.problems))
        self.valid_only.setChecked(False)
        self.valid_only.setVisible(bool(plan.problems) and not plan.blocking)
        lines = [n.line(lang) for n in plan.notes + plan.conversions]
        if plan.defaults and plan.count(CREATE):
            lines.append(defaults_line(plan, lang))
        lines += change_lines(plan, lang)
        self.notes.clear()
        self.notes.addItems(lines)
        self.notes.setVisible(bool(lines))
        self.accept_defaults.setChecked(False)
        self.accept_defaults.setVisible(plan.needs_confirmation)
        erased = erasures(plan)
        if erased:
            counts += " — " + self.tr("%n stored value(s) will be erased by empty cells (listed below).", "", erased)
            self.counts.setText(counts)
        self.setSubTitle(
            self.tr("Cells with a problem are marked red; point at one to read why.")
            if plan.problems
            else self.tr("No problems found.")
        )

    def _show_problem(self, index: int) -> None:
        plan = self.state.plan
        if plan is None or index < 0:
            return
        problem = plan.problems[index]
        row = next((i for i, r in enumerate(self.model.table.rows) if r.number == problem.row), None)
        if row is not None:
            column = (problem.column_index + 1) if problem.column_index is not None else 0
            self.rows.setCurrentIndex(self.model.index(row, column))

    def isComplete(self) -> bool:
        plan = self.state.plan
        if plan is None or plan.blocking:
            return False
        todo = plan.count(CREATE) + plan.count(UPDATE)
        confirmed = not plan.needs_confirmation or self.accept_defaults.isChecked()
        return todo > 0 and confirmed and (not plan.problems or self.valid_only.isChecked())


class ImportPage(QWizardPage):
    """Writes the plan in the background (one transaction, after a backup) with progress and cancel."""

    def __init__(self, state: ImportState, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.workspace = state, workspace
        self.setTitle(self.tr("Importing"))
        self.setCommitPage(True)  # no way back once written
        self.task: ProgressTask | None = None
        self.status = QLabel(self)
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.cancel_button = QPushButton(self.tr("Cancel import"), self)
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)

    def initializePage(self) -> None:
        state, desk = self.state, self.workspace.desk
        plan = state.plan
        assert plan is not None
        valid_only, accept_defaults = state.valid_only, state.accept_defaults
        writing = plan.count(CREATE) + plan.count(UPDATE)
        self.status.setText(self.tr("Writing %1 record(s)…").replace("%1", str(writing)))
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        state.result = None

        def work(progress: Progress, cancelled: CancelCheck) -> ImportResult:
            return apply_plan(
                desk,
                plan,
                valid_only=valid_only,
                accept_defaults=accept_defaults,
                progress=progress,
                cancelled=cancelled,
            )

        self.task = ProgressTask(self.workspace, work, self)
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._finished)
        self.task.start()

    def _progressed(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling… nothing will be changed."))

    def _finished(self, result: Any, error: BaseException | None) -> None:
        lang = self.workspace.lang
        self.cancel_button.setEnabled(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(1 if error is None else 0)
        if isinstance(error, ImportCancelled):
            self.status.setText(self.tr("The import was cancelled; nothing was changed."))
        elif isinstance(error, TransferError):
            self.status.setText(error.message(lang))
        elif error is not None:
            self.status.setText(self.tr("The import failed; nothing was changed."))
            show_error(self, error, lang)
        else:
            self.state.result = result
            self.workspace.hub.broadcast(result.changes)  # every list showing these records refreshes
            self.completeChanged.emit()
            QTimer.singleShot(0, self._go_on)  # not from inside this page's own initializePage (a quick import)
            return
        self.completeChanged.emit()

    def _go_on(self) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            wizard.next()

    def isComplete(self) -> bool:
        return self.state.result is not None


class SummaryPage(QWizardPage):
    def __init__(self, state: ImportState, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.workspace = state, workspace
        self.setTitle(self.tr("Import finished"))
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result, lang = self.state.result, self.workspace.lang
        if result is None:
            return
        text = self.tr("%1 record(s) created, %2 updated, %3 unchanged.")
        text = text.replace("%1", str(result.created)).replace("%2", str(result.updated))
        text = text.replace("%3", str(result.unchanged))
        if result.partners_added or result.partners_removed:
            partners = self.tr("Partner members: %1 added, %2 removed.")
            text += "\n" + partners.replace("%1", str(result.partners_added)).replace(
                "%2", str(result.partners_removed)
            )
        if result.skipped:
            rows = ", ".join(str(n) for n in result.skipped)
            text += "\n" + self.tr("Rows left out because of problems: %1.").replace("%1", rows)
        plan = self.state.plan
        if plan is not None and (plan.conversions or plan.notes):
            converted = self.tr("%n value(s) were stored in another form than typed:", "", len(plan.conversions))
            lines = [n.line(lang) for n in plan.notes]
            if plan.conversions:
                lines.append(converted)
                lines += [c.line(lang) for c in plan.conversions[:50]]
                if len(plan.conversions) > 50:
                    lines.append("…")
            text += "\n" + "\n".join(lines)
        if result.backup is not None:
            backup = self.tr("A backup of the records before the import is at %1.")
            text += "\n" + backup.replace("%1", str(result.backup))
        self.summary.setText(text)
