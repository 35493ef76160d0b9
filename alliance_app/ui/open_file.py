"""Opening a file Alliance Desk wrote (the report PDF) in the user's own program — or, where no program is set up
for it, saying so and offering the folder and the path, instead of a button that silently does nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

PDF = "application/pdf"
FOLDER = "inode/directory"


def has_program_for(mime: str) -> bool:
    """Whether the desktop names a program for `mime`. Only Linux desktops can be asked beforehand (xdg-mime):
    there, Qt hands any file to xdg-open and reports success even when xdg-open then finds no program. Windows
    and macOS answer the open itself with a failure when nothing is associated."""
    if not sys.platform.startswith("linux"):
        return True
    xdg_mime, xdg_open = shutil.which("xdg-mime"), shutil.which("xdg-open")
    if not xdg_mime or not xdg_open:
        return False
    try:
        answer = subprocess.run([xdg_mime, "query", "default", mime], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return answer.returncode == 0 and bool(answer.stdout.strip())


def _open(path: Path) -> bool:
    """Qt's own opening first (desktop portals and integrations); where its platform cannot open documents (a
    minimal or offscreen platform), the freedesktop opener Qt itself would call."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    xdg_open = shutil.which("xdg-open") if sys.platform.startswith("linux") else None
    if xdg_open is None:
        return False
    try:
        subprocess.Popen(
            [xdg_open, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
    except OSError:
        return False
    return True


def open_or_offer(parent: QWidget, path: Path, mime: str = PDF) -> NoProgramBox | None:
    """Opens `path` in its program; where there is none, shows (without blocking) and returns the box that says
    so and offers the folder and the path."""
    if has_program_for(mime) and _open(path):
        return None
    box = NoProgramBox(parent, path)
    box.open()
    return box


class NoProgramBox(QMessageBox):
    """ "No program opens PDF files here": the saved file's path (selectable), Show in folder where a file manager
    is set up, Copy path always."""

    def __init__(self, parent: QWidget, path: Path):
        super().__init__(parent)
        self.path = path
        self.setObjectName("noProgramDialog")
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("Alliance Desk"))
        self.setText(self.tr("No program for opening PDF files is set up on this computer. The file is saved here:"))
        self.setInformativeText(str(path))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = None
        if has_program_for(FOLDER):
            self.folder_button = self.addButton(self.tr("Show in folder"), QMessageBox.ButtonRole.ActionRole)
            self.folder_button.clicked.connect(self.show_in_folder)
        self.copy_button = self.addButton(self.tr("Copy path"), QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_path)
        self.setDefaultButton(self.copy_button)
        self.addButton(QMessageBox.StandardButton.Close)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def show_in_folder(self) -> None:
        _open(self.path.parent)

    def copy_path(self) -> None:
        QGuiApplication.clipboard().setText(str(self.path))
