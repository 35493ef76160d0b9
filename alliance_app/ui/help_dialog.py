"""Help → Keyboard and a short guide: the window's shortcuts, read from its own actions, and the keys of forms."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget


def form_keys() -> list[tuple[str, str]]:
    """Keys inside forms and lists, which are not menu actions."""
    return [
        ("Tab / Shift+Tab", QCoreApplication.translate("HelpDialog", "Next / previous field; leaves a list")),
        ("↑ ↓", QCoreApplication.translate("HelpDialog", "Move inside a list; Down in the search box enters the list")),
        (
            "Enter",
            QCoreApplication.translate("HelpDialog", "Open the chosen record; in the partner row, add the partner"),
        ),
        ("Ctrl+End", QCoreApplication.translate("HelpDialog", "Last record of the list, however long")),
        ("Ctrl+S", QCoreApplication.translate("HelpDialog", "Save the form")),
        ("Esc", QCoreApplication.translate("HelpDialog", "Close the form (asks first when something is not saved)")),
        (
            "Alt+↓",
            QCoreApplication.translate("HelpDialog", "Open the list of a member field or the calendar of a date"),
        ),
        ("Del", QCoreApplication.translate("HelpDialog", "Delete the chosen record (asks first)")),
    ]


def guide_text() -> str:
    return QCoreApplication.translate(
        "HelpDialog",
        "<p><b>Work offline, sync when you can.</b> Everything you change is kept on this computer first and sent "
        "to the alliance's server at the next sync (Sync → Sync now). Nothing you typed is lost if the network "
        "is down.</p>"
        "<p><b>Your own records.</b> A liaison edits the records of its own member; the others are shown read "
        "only, with the reason. Handing a record to another member, and membership decisions, go through the "
        "secretariat.</p>"
        "<p><b>Find things.</b> Each list has a search box (Ctrl+F) and filters; export saves exactly what the "
        "list shows. The annual report is made on the Reports page.</p>",
    )


class HelpDialog(QDialog):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Keyboard and guide"))
        shortcuts = [
            (action.shortcut().toString(QKeySequence.SequenceFormat.NativeText), action.text().replace("&", ""))
            for action in window.findChildren(QAction)
            if not action.shortcut().isEmpty() and action.text()
        ]
        rows = sorted(set(shortcuts), key=lambda row: row[0]) + form_keys()
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutTable")
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)
        for row, (keys, what) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(what))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        guide = QLabel(guide_text(), self)
        guide.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(guide)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
