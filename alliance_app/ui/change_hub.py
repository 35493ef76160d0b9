"""The window's one broadcast of changes: each write's ChangeSet, and the last delete the user can undo."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from alliance_app.models import RECORDS_BY_KIND
from alliance_app.services import ChangeSet

# In a broadcast ChangeSet, this id stands for "any record of the kind may have changed" (after a sync).
EVERY_ID = "*"


def everything() -> ChangeSet:
    """A change touching every kind: after a sync any page may show records that changed."""
    return ChangeSet({kind: frozenset({EVERY_ID}) for kind in RECORDS_BY_KIND}, outbox=True)


@dataclass(frozen=True)
class DeletedRecord:
    """The last record deleted from the window, so Undo can bring it back."""

    kind: str
    record_id: str
    title: str


class ChangeHub(QObject):
    """Broadcasts each write's ChangeSet once; every page decides for itself whether it must refresh.
    It also holds the one delete that Undo can bring back, offered by the delete operation itself."""

    changed = Signal(object)
    undoable = Signal(object)  # a DeletedRecord the user can bring back with Undo

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.last_delete: DeletedRecord | None = None

    def broadcast(self, changes: ChangeSet) -> None:
        if not changes.empty:
            self.changed.emit(changes)

    def offer_undo(self, deleted: DeletedRecord) -> None:
        self.last_delete = deleted
        self.undoable.emit(deleted)

    def take_undo(self) -> DeletedRecord | None:
        """The delete to undo, forgotten at once so a second Undo cannot restore it twice."""
        deleted, self.last_delete = self.last_delete, None
        return deleted
