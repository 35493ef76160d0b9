"""The login dialog: server address, user name and password; the server and user are remembered in the settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from alliance_app.sync.errors import SyncError
from alliance_app.ui.error_dialog import ask
from alliance_app.ui.workspace import Workspace


class LoginDialog(QDialog):
    """Logs in through the window's sync controller; a wrong password or an unreachable server shows the
    SyncError's own sentence under the fields, and switching account with unsent edits asks first."""

    succeeded = Signal(object)  # LoginResult

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in to the alliance server"))
        settings = workspace.settings
        self.server = QLineEdit(settings.server_url, self)
        self.server.setObjectName("loginServer")
        self.server.setPlaceholderText("https://sync.example.org")
        self.user = QLineEdit(settings.username, self)
        self.user.setObjectName("loginUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.server)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.login_button = self.buttons.addButton(self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.buttons.accepted.connect(lambda: self.log_in())
        self.buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("The password is not stored; this computer keeps a login token in its keyring."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        (self.password if settings.server_url and settings.username else self.server).setFocus()

    def log_in(self, force: bool = False) -> None:
        server, user, password = self.server.text().strip(), self.user.text().strip(), self.password.text()
        if not server or not user or not password:
            self.show_message(self.tr("Fill in the server address, your user name and your password."))
            return
        self.login_button.setEnabled(False)
        self.show_message(self.tr("Logging in…"))
        self.workspace.sync.login(server, user, password, force, self._done)

    def _done(self, result: Any, error: BaseException | None) -> None:
        self.login_button.setEnabled(True)
        if error is None:
            self.password.clear()
            self.succeeded.emit(result)
            self.accept()
            return
        if isinstance(error, SyncError) and error.code == "unsent_edits":
            self.show_message(error.message(self.workspace.lang))
            self.confirm = ask(
                self,
                self.tr("Switch account"),
                self.tr(
                    "Edits made on this computer have not been sent yet. They are kept and will be sent as the new "
                    "account. Switch anyway?"
                ),
                lambda: self.log_in(force=True),
            )
            return
        if isinstance(error, SyncError) and error.code == "bad_login":  # the server's sentence, plus a way forward
            hint = self.tr("Check them and try again; the secretariat can reset a forgotten password.")
            self.show_message(
                error.message(self.workspace.lang) + ("。" if self.workspace.lang == "zh" else ". ") + hint
            )
        elif isinstance(error, SyncError):
            self.show_message(error.message(self.workspace.lang))
        else:
            from alliance_app.ui.error_dialog import show_error

            self.message.hide()
            show_error(self, error, self.workspace.lang)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def open_login(workspace: Workspace, parent: QWidget | None) -> LoginDialog:
    dialog = LoginDialog(workspace, parent)
    dialog.open()
    return dialog
