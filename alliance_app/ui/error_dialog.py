"""The one error dialog: a sentence a liaison understands and a way forward, the technical details behind a button."""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from alliance_app.models import ValidationError
from alliance_app.services import PermissionRefused, RecordNotFound
from alliance_app.store.errors import StoreError

# Errors a user can cause: each carries its own sentence in both languages.
USER_ERRORS = (ValidationError, PermissionRefused, RecordNotFound, StoreError)


def explain(error: BaseException, lang: str) -> tuple[str, str]:
    """The sentence to show and the details to keep behind the button."""
    if isinstance(error, USER_ERRORS):
        other = "en" if lang == "zh" else "zh"
        return error.message(lang), error.message(other)
    details = getattr(error, "__traceback_text__", None) or "".join(traceback.format_exception(error))
    sentence = QCoreApplication.translate(
        "ErrorDialog",
        "Something went wrong that Alliance Desk did not expect. Your records are safe; please try again, "
        "and if it happens again send the details to the secretariat.",
    )
    return sentence, details


def show_error(parent: QWidget | None, error: BaseException, lang: str) -> QMessageBox:
    """Opens the error dialog without blocking (tests and the event loop keep running) and returns it."""
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
