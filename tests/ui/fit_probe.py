"""Run in a subprocess on a configured offscreen screen (see test_screen_fit.py): opens the window and every
dialog, and prints, as JSON, each one that is not inside the screen's available area with all its buttons."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget

from alliance_app.services import Desk
from alliance_app.ui.app import DeskApplication, _qt_app
from alliance_app.ui.forms.record_dialog import RecordDialog
from alliance_app.ui.runner import ImmediateRunner
from alliance_app.ui.screen_fit import available

KINDS = ("member", "contact", "project", "resource_offer", "resource_request", "lab_partnership", "event")


def outside(widget: QWidget, area: QRect) -> list[str]:
    problems = []
    frame = widget.frameGeometry()
    if not area.contains(frame):
        problems.append(f"{widget.objectName() or type(widget).__name__} at {frame.getRect()}")
    boxes = widget.findChildren(QDialogButtonBox)
    buttons = [b for box in boxes for b in box.findChildren(QAbstractButton) if b.isVisible()]
    for button in buttons:
        corner = button.mapToGlobal(button.rect().topLeft())
        rect = QRect(corner, button.size())
        if not area.contains(rect):
            problems.append(f"button {button.text()!r} of {widget.objectName()} at {rect.getRect()}")
    return problems


def main(folder: Path, project_id: str, member_id: str) -> None:
    app: QApplication = _qt_app()
    desk_app = DeskApplication(Desk.open(folder), "zh", ImmediateRunner())
    window = desk_app.build_window()
    window.show()
    app.processEvents()
    area = available(window)
    found = {"screen": list(area.getRect()), "window": list(window.frameGeometry().getRect()), "outside": []}
    found["outside"] += outside(window, area)
    for key in window.page_keys:  # a page wider than the window makes the window grow past the screen's edge
        window.show_page(key)
        app.processEvents()
        found["outside"] += [f"{problem} on page {key}" for problem in outside(window, area)]
    dialogs: list[QDialog] = []
    for kind in KINDS:
        dialogs.append(RecordDialog(desk_app.workspace, kind, parent=window))
    dialogs.append(RecordDialog(desk_app.workspace, "project", project_id, parent=window))
    dialogs.append(window.open_settings())
    dialogs.append(window.show_page("members").open_record(member_id))  # type: ignore[attr-defined]
    dialogs.append(window.show_page("projects").import_records())  # type: ignore[attr-defined]
    for dialog in dialogs:
        dialog.show()
        app.processEvents()
        found["outside"] += outside(dialog, area)
        dialog.hide()
    box = QMessageBox(
        QMessageBox.Icon.Question, "?", "这是一个很长的问题。" * 40, QMessageBox.StandardButton.Ok, window
    )
    box.show()
    app.processEvents()
    found["outside"] += outside(box, area)
    print(json.dumps(found, ensure_ascii=False))
    desk_app.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
