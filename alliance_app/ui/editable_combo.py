"""Editable combo boxes: their line edit and completer (Qt types both as optional; an editable box always has
them), and the one way a member chooser completes: by any part of a name, in a popup list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit


def line_of(box: QComboBox) -> QLineEdit:
    line = box.lineEdit()
    if line is None:
        raise ValueError(f"{box.objectName() or box!r} is not editable")
    return line


def completer_of(box: QComboBox) -> QCompleter:
    completer = box.completer()
    if completer is None:
        raise ValueError(f"{box.objectName() or box!r} is not editable")
    return completer


def complete_by_any_part(box: QComboBox) -> None:
    """Typing 光谷 finds 武汉光谷信息技术研究院: a name is found by any part of it, not only by its start."""
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = completer_of(box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
