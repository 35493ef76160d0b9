"""The Settings dialog over alliance_app.settings.Settings: each field's title comes from its declaration."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_app.models import Role
from alliance_app.settings import Settings
from alliance_app.ui.forms.picker import member_picker
from alliance_app.ui.forms.record_dialog import PROBLEM_STYLE
from alliance_app.ui.workspace import Workspace


class SettingsDialog(QDialog):
    """Emits `saved(Settings)` with the new settings when the user presses OK and they check out."""

    saved = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        lang, current = workspace.lang, workspace.settings
        titles = {name: title[lang] for name, title in Settings.titles().items()}
        self.language = QComboBox(self)
        self.language.setObjectName("languageChoice")
        for code, name in (("auto", self.tr("Follow the system")), ("zh", "中文"), ("en", "English")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current.language))
        self.server_url = QLineEdit(current.server_url, self)
        self.server_url.setPlaceholderText("https://alliance.example.cn")
        self.username = QLineEdit(current.username, self)
        self.proxy = QLineEdit(current.proxy, self)
        self.proxy.setPlaceholderText("http://proxy.example.cn:8080")
        self.ca_bundle = QLineEdit(current.ca_bundle, self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(browse)
        self.role = QComboBox(self)
        self.role.setObjectName("roleChoice")
        for role in Role:
            self.role.addItem(role.label(lang), role.value)
        self.role.setCurrentIndex(self.role.findData(current.account_role))
        # The same member picker as every form: found by any of its names; what will be saved is shown under it.
        self.member = member_picker(workspace, self)
        self.member.setObjectName("memberChoice")
        self.member.set_picked(current.account_member_id or None)
        self.member_saved = QLabel(self)
        self.member_saved.setObjectName("memberWillBeSaved")
        self.member_saved.setWordWrap(True)
        self.member.editTextChanged.connect(lambda _t: self.check())
        self.role.currentIndexChanged.connect(lambda _i: self.check())
        self.member.currentIndexChanged.connect(lambda _i: self.check())
        self.server_url.textEdited.connect(lambda _t: self.check())
        self.ca_bundle.textChanged.connect(lambda _t: self.check())
        form = QFormLayout()
        form.addRow(titles["language"], self.language)
        form.addRow(titles["server_url"], self.server_url)
        form.addRow(titles["username"], self.username)
        form.addRow(titles["proxy"], self.proxy)
        form.addRow(titles["ca_bundle"], ca_row)
        form.addRow(titles["account_role"], self.role)
        form.addRow(titles["account_member_id"], self.member)
        form.addRow("", self.member_saved)
        note = QLabel(
            self.tr("Until you log in to a server, the role and member here decide what this desk may edit."), self
        )
        note.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("settingsProblem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, 0)
        self.check()

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("CA bundle"), "", self.tr("Certificates (*.pem *.crt *.cer);;All files (*)")
        )
        if path:
            self.ca_bundle.setText(path)

    def problem_text(self) -> str:
        url = self.server_url.text().strip()
        if url and not url.startswith(("https://", "http://")):
            return self.tr("The server address starts with https:// (for example https://alliance.example.cn).")
        ca = self.ca_bundle.text().strip()
        if ca and not Path(ca).is_file():
            return self.tr(
                "The CA bundle file does not exist; choose the certificate file your IT department gave you."
            )
        refusal = self.member.refusal(self.workspace.lang)
        if refusal:
            return refusal
        if self.role.currentData() == Role.LIAISON.value and not self.member.picked_id():
            return self.tr("A liaison works for one member: choose it.")
        return ""

    def check(self) -> bool:
        picked = self.member.picked_id()
        self.member_saved.setText(
            self.tr("Will be saved: %1").replace("%1", self.workspace.members.name(picked)) if picked else ""
        )
        text = self.problem_text()
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not text)
        return not text

    def chosen(self) -> Settings:
        return Settings.model_validate(
            self.workspace.settings.model_dump()
            | {
                "language": self.language.currentData(),
                "server_url": self.server_url.text().strip(),
                "username": self.username.text().strip(),
                "proxy": self.proxy.text().strip(),
                "ca_bundle": self.ca_bundle.text().strip(),
                "account_role": self.role.currentData(),
                "account_member_id": self.member.picked_id() or "",
            }
        )

    def save(self) -> None:
        if self.check():
            self.saved.emit(self.chosen())
            self.accept()
