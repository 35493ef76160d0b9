"""The first-run page of an empty store: open the demo alliance, import a roster, or log in to a server."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from alliance_app.services import ChangeSet
from alliance_app.ui.workspace import Workspace


class FirstRunPage(QWidget):
    """Emits `demo_loaded` after the demo alliance is in the store, `skipped` to start with no records."""

    demo_loaded = Signal()
    skipped = Signal()
    imported = Signal()  # records came in through the import wizard
    login_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("page_first_run")
        welcome = QLabel("<h1>" + self.tr("Welcome to Alliance Desk") + "</h1>", self)
        intro = QLabel(
            self.tr("This desk has no records yet. How would you like to start?"),
            self,
        )
        self.demo_button = QPushButton(self.tr("Open the demo alliance"), self)
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(self.load_demo)
        self.demo_button.setToolTip(
            self.tr("73 members led by Xiaomi (Wuhan), with projects, offers, labs and events, to try things out")
        )
        self.import_button = QPushButton(self.tr("Import a roster…"), self)
        self.import_button.setObjectName("importRosterButton")
        self.import_button.setToolTip(self.tr("Members, then their projects, offers and labs, from Excel or CSV files"))
        self.import_button.clicked.connect(lambda: self.import_roster())
        self.login_button = QPushButton(self.tr("Log in to a server…"), self)
        self.login_button.setObjectName("firstLoginButton")
        self.login_button.setToolTip(self.tr("Fetch the alliance's records from the server you sync with"))
        self.login_button.clicked.connect(self.login_requested)
        self.empty_button = QPushButton(self.tr("Start with no records"), self)
        self.empty_button.setObjectName("emptyButton")
        self.empty_button.clicked.connect(self.skipped)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (welcome, intro, self.demo_button, self.import_button, self.login_button, self.empty_button):
            layout.addWidget(widget)
            widget.setMaximumWidth(520)
        layout.addStretch(2)
        layout.setContentsMargins(80, 40, 80, 40)

    def import_roster(self) -> QWidget:
        """The import wizard on members (other kinds can be chosen in it); once records are in, the window opens."""
        from alliance_app.ui.transfer.import_wizard import open_import_wizard

        wizard = open_import_wizard(self.workspace, "member", self, fixed_kind=False)
        wizard.finished.connect(lambda _code: self.imported.emit() if wizard.state.result is not None else None)
        return wizard

    def load_demo(self) -> None:
        def work(desk: object) -> ChangeSet:
            from alliance_app.demo import load_demo  # the generator is only needed on this one click

            load_demo(self.workspace.desk.store)
            return ChangeSet()

        self.demo_button.setEnabled(False)
        self.workspace.write(self, work).with_progress(self.tr("Opening the demo alliance…")).success(
            lambda _c: self.demo_loaded.emit()
        ).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        from alliance_app.ui.error_dialog import show_error

        self.demo_button.setEnabled(True)
        show_error(self, error, self.workspace.lang)
