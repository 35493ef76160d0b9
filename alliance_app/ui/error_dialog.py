"""The one error dialog: a sentence a liaison understands and a way forward, the technical details behind a button."""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from alliance_app.models import AllianceError


def _gui_sentence(error: AllianceError) -> str | None:
    """Where an error's own sentence names a command-line step, the window's way forward instead."""
    if error.code == "not_logged_in":
        return QCoreApplication.translate("ErrorDialog", "Not logged in to a sync server: log in with Sync → Log in….")
    return None


def _own_sentence(error: BaseException, lang: str) -> tuple[str, str] | None:
    """The sentence every error of ours carries (store, sync, import, report, permission…: all derive from
    AllianceError), so a new error class never falls through to "unexpected"; the other language is the details."""
    if not isinstance(error, AllianceError):
        return None
    other = "en" if lang == "zh" else "zh"
    return _gui_sentence(error) or error.message(lang), error.message(other)


def _file_sentence(error: OSError) -> str:
    """A file the app could not write or read: most often open in Excel or WPS (Windows locks it)."""
    name = str(error.filename or "")
    if isinstance(error, PermissionError):
        return QCoreApplication.translate(
            "ErrorDialog",
            "Alliance Desk could not write %1: the file is open in another program (Excel, WPS) or this folder "
            "may not be written. Close the file or choose another place, then try again.",
        ).replace("%1", name)
    return (
        QCoreApplication.translate(
            "ErrorDialog", "Alliance Desk could not use the file %1: %2. Check the place and try again."
        )
        .replace("%1", name)
        .replace("%2", error.strerror or str(error))
    )


def explain(error: BaseException, lang: str) -> tuple[str, str]:
    """The sentence to show and the details to keep behind the button."""
    own = _own_sentence(error, lang)
    if own is not None:
        return own
    details = getattr(error, "__traceback_text__", None) or "".join(traceback.format_exception(error))
    if isinstance(error, OSError) and error.filename:
        return _file_sentence(error), details
    sentence = QCoreApplication.translate(
        "ErrorDialog",
        "Something went wrong that Alliance Desk did not expect. Your records are safe; please try again, "
        "and if it happens again send the details to the secretariat.",
    )
    return sentence, details


def error_box(parent: QWidget | None, error: BaseException, lang: str) -> QMessageBox:
    """The error dialog, not yet shown: `show_error` opens it beside a running window; before the window exists
    (a store that cannot be opened) the caller runs it with exec()."""
    sentence, details = explain(error, lang)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("ErrorDialog", "Alliance Desk"),
        sentence,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("errorDialog")
    box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_error(parent: QWidget | None, error: BaseException, lang: str) -> QMessageBox:
    """Opens the error dialog without blocking (tests and the event loop keep running) and returns it."""
    box = error_box(parent, error, lang)
    box.open()
    return box


def ask(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """A yes/no question that does not block; `on_yes()` runs only when the user answers yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("confirmDialog")
    box.setDefaultButton(QMessageBox.StandardButton.No)

    def answered(_code: int) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes) and on_yes is not None:
            on_yes()
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box


def ask_unsaved(parent: QWidget, save: Callable[[], None], discard: Callable[[], None]) -> QMessageBox:
    """Save, discard or keep editing: asked when a form with unsaved changes is closed (Esc, Cancel, ×)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("ErrorDialog", "Unsaved changes"),
        QCoreApplication.translate("ErrorDialog", "This form has changes that are not saved. Save them?"),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("unsavedDialog")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)

    def answered(_code: int) -> None:
        clicked = box.clickedButton()
        if clicked is box.button(QMessageBox.StandardButton.Save):
            save()
        elif clicked is box.button(QMessageBox.StandardButton.Discard):
            discard()
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box
