"""A record's change history from the server: when, who, field, old → new, read in the background."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_app.models import AllianceError, FieldSpec, field_specs, from_wire
from alliance_app.ui.display import show
from alliance_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from alliance_app.sync.desk_sync import HistoryLine


def local_time(stamp: datetime) -> str:
    """The server logs naive UTC; people read their own clock."""
    return stamp.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class RecordHistory(QWidget):
    """The History tab: a sentence saying why there is nothing to show, or the table of changes."""

    def __init__(self, workspace: Workspace, kind: str, record_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.kind, self.record_id = workspace, kind, record_id
        self.specs = {s.name: s for s in field_specs(kind)}
        self.message = QLabel(self)
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("Field"), self.tr("Before"), self.tr("After")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.loading = False

    # ---- why nothing can be shown ------------------------------------------------------------------------

    def unavailable(self, synced: bool) -> str | None:
        """The sentence saying why this desktop cannot show the history now, or None when it can try."""
        state = self.workspace.sync.state  # None until the first state is read
        if state is None or not state.logged_in:
            return self.tr("Log in to the sync server (Sync → Log in…) to see who changed this record and when.")
        if not synced:
            return self.tr("This record has not reached the server yet; sync, then its history can be shown.")
        return None

    def say(self, sentence: str) -> None:
        self.table.setRowCount(0)
        self.table.hide()
        self.message.setText(sentence)
        self.message.show()

    # ---- loading -----------------------------------------------------------------------------------------

    def load(self) -> None:
        """Asks the server for the history off the main thread; the answer or the failure's sentence lands here."""
        if self.loading:
            return
        self.loading = True
        self.say(self.tr("Loading the history from the server…"))
        desk_sync = self.workspace.sync.desk_sync
        read = self.workspace.read(self, lambda _desk: desk_sync.history(self.kind, self.record_id))
        read.success(self.fill).failure(self.failed).run()

    def failed(self, error: BaseException) -> None:
        self.loading = False
        if isinstance(error, AllianceError):
            self.say(error.message(self.workspace.lang))
        else:
            self.say(self.tr("The history could not be read: %1").replace("%1", str(error)))

    def fill(self, lines: list[HistoryLine]) -> None:
        self.loading = False
        if not lines:
            self.say(self.tr("The server has no recorded changes for this record."))
            return
        self.message.hide()
        self.table.show()
        newest_first = sorted(lines, key=lambda line: (line.changed_at, line.rev), reverse=True)
        self.table.setRowCount(len(newest_first))
        for row, line in enumerate(newest_first):
            cells = (
                local_time(line.changed_at),
                line.changed_by,
                self.field_label(line.field),
                self.value_text(line.field, line.old),
                self.value_text(line.field, line.new),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    # ---- how a change reads ------------------------------------------------------------------------------

    def field_label(self, name: str) -> str:
        spec = self.specs.get(name)
        if spec is not None:
            return spec.label(self.workspace.lang)
        if name == "deleted":
            return self.tr("Deleted")
        if name == "owner_member_id":
            return self.tr("Owning member")
        return name

    def value_text(self, name: str, value: Any) -> str:
        spec: FieldSpec | None = self.specs.get(name)
        lang, members = self.workspace.lang, self.workspace.members
        if spec is None:
            if value is None:
                return ""
            if isinstance(value, bool):
                yes, no = QCoreApplication.translate("Display", "Yes"), QCoreApplication.translate("Display", "No")
                return yes if value else no
            return members.name(value) if name == "owner_member_id" else str(value)
        try:
            return show(spec, from_wire(self.kind, name, value), lang, members)
        except (ValueError, TypeError):
            return "" if value is None else str(value)
