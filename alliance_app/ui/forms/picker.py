"""The one record picker of the window (members in every form, the partner lists, the settings): type any of a
record's names, pick from the list; Down opens the list instead of silently switching to another record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from alliance_app.models import Problem
from alliance_app.services import RecordQuery
from alliance_app.ui.editable_combo import completer_of, line_of
from alliance_app.ui.workspace import Workspace

# How a typed name is read when it is not a listed name exactly: the record it names, or why it names none.
Resolver = Callable[[str], tuple[str | None, Problem | None]]

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 7


class _NameCompleter(QCompleter):
    """Matches on every name of a record (SEARCH_ROLE) but writes its display name into the field."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class PickerBox(QComboBox):
    """An editable list of (id, display name, other names); `picked_id()` is the record the text names."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        completer = _NameCompleter(self)
        completer.setModel(self.model())
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line_of(self).installEventFilter(self)
        self._excluded: set[str] = set()
        self._all: list[tuple[str, str, str]] = []
        self._names: dict[str, set[str]] = {}  # id → every name, case-folded, for an exact match on any of them
        self._resolve: Resolver | None = None

    def resolve_by(self, resolve: Resolver) -> None:
        """Reads typed text that is no listed name by this rule (members: the services' one resolver)."""
        self._resolve = resolve

    def set_choices(self, choices: Iterable[tuple[str, str, Sequence[str | None]]]) -> None:
        """(id, display name, other names to search by), in the order to list them."""
        choices = list(choices)
        self._all = [(i, name, " ".join([name, *(n for n in others if n)])) for i, name, others in choices]
        self._names = {i: {n.casefold() for n in (name, *others) if n} for i, name, others in choices}
        self._fill()

    def exclude(self, record_ids: Iterable[str]) -> None:
        """Leaves these records out of the list (a project's lead member is not offered as its partner)."""
        wanted = {i for i in record_ids if i}
        if wanted != self._excluded:
            self._excluded = wanted
            self._fill()

    def _fill(self) -> None:
        text, current = self.currentText(), self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        self.setItemData(0, "", SEARCH_ROLE)
        for record_id, name, search in self._all:
            if record_id in self._excluded:
                continue
            self.addItem(name, record_id)
            self.setItemData(self.count() - 1, search, SEARCH_ROLE)
        index = self.findData(current) if current else -1
        self.setCurrentIndex(max(index, 0))
        if index < 0:
            self.setEditText(text if current is None else "")
        self.blockSignals(False)

    def add_unlisted(self, record_id: str, name: str) -> int:
        """Keeps a record this desk cannot list (deleted) visible as the current value."""
        self.addItem(name, record_id)
        self.setItemData(self.count() - 1, name, SEARCH_ROLE)
        return self.count() - 1

    def named(self) -> tuple[str | None, Problem | None]:
        """The record the text names (listed or left out of the list), or why it names none when the resolver
        says: its display name exactly, else the resolver's reading, else any of its names exactly."""
        text = self.currentText().strip()
        if not text:
            return None, None
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index > 0:
            return self.itemData(index), None
        if self._resolve is not None:
            return self._resolve(text)
        folded = text.casefold()
        hits = [i for i, names in self._names.items() if folded in names and i not in self._excluded]
        return (hits[0], None) if len(hits) == 1 else (None, None)

    def picked_id(self) -> str | None:
        """The record the text names, if it is one of the choices offered here; else None."""
        found, _problem = self.named()
        return found if found in self._names and found not in self._excluded else None

    def refusal(self, lang: str) -> str:
        """Why the typed text picks nothing ("" when it picks a choice or is empty): the resolver's words (no such
        member, with close names; several, listed), or that the record is not offered here."""
        text = self.currentText().strip()
        found, problem = self.named()
        if not text or self.picked_id() is not None:
            return ""
        if problem is not None:
            return problem.message(lang)
        if found is not None and found in self._names:
            return self.tr("“%1” cannot be chosen here").replace("%1", text)
        return self.tr("No record is called “%1”; pick one from the list").replace("%1", text)

    def set_picked(self, record_id: Any) -> None:
        index = self.findData(record_id) if record_id else 0
        self.setCurrentIndex(max(index, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if is_key and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and not self._list_open():  # type: ignore[attr-defined]
            self._open_list()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QComboBox moves to the next record on Down/Up/PageDown/Home/End and puts its name in the field:
        # the user sees one name while another would be saved. Open the list instead.
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            if not self._list_open():
                self._open_list()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: Any) -> None:
        event.ignore()  # scrolling the form over the picker must not change the record picked

    def _list_open(self) -> bool:
        popup = completer_of(self).popup()
        return bool(popup is not None and popup.isVisible()) or self.view().isVisible()

    def _open_list(self) -> None:
        text = self.currentText().strip()
        if text and self.picked_id() is None:
            completer_of(self).setCompletionPrefix(text)
            completer_of(self).complete()
        else:
            self.showPopup()


def member_picker(workspace: Workspace, parent: QWidget | None = None) -> PickerBox:
    """The member picker of every form, the partner lists and the settings: the live members, typed by any name
    the import and the command line take (full-width brackets, a credit code) and refused in their words."""
    picker = PickerBox(parent)
    live = set(workspace.desk.ids("member", RecordQuery(limit=None)))
    picker.set_choices(workspace.members.picker_choices(live))
    picker.resolve_by(workspace.members.resolve)
    return picker
