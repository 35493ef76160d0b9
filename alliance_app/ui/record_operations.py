"""The window's named writes on records, in one place (Anki's operations/note.py): pages ask for
`delete_record(...)` instead of writing `desk.delete` themselves, so what a delete means — a broadcast change and
an Undo offered — is decided once, by the operation, whichever page or form starts it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from alliance_app.services import ChangeSet, Desk, LinkEdits
from alliance_app.ui.change_hub import DeletedRecord
from alliance_app.ui.display import record_title
from alliance_app.ui.operations import OperationHost, WriteOperation

if TYPE_CHECKING:
    from alliance_app.ui.workspace import Workspace


def create_record(host: OperationHost, parent: QWidget | None, kind: str, values: dict[str, Any]) -> WriteOperation:
    return WriteOperation(host, parent, lambda desk: desk.create(kind, values))


def update_record(
    host: OperationHost, parent: QWidget | None, kind: str, record_id: str, change: dict[str, Any]
) -> WriteOperation:
    return WriteOperation(host, parent, lambda desk: desk.update(kind, record_id, change))


def save_record(
    host: OperationHost,
    parent: QWidget | None,
    kind: str,
    record_id: str | None,
    raw: dict[str, Any],
    links: LinkEdits | None,
) -> WriteOperation:
    """A form's save: the record and its partner links in one transaction (services/record_save.py)."""

    def work(desk: Desk) -> ChangeSet:
        return desk.save(kind, record_id, raw, links)

    return WriteOperation(host, parent, work)


def delete_record(host: OperationHost, parent: QWidget | None, kind: str, record_id: str, title: str) -> WriteOperation:
    """Deletes a record the user confirmed; once done, Undo offers to bring back “title”."""
    return WriteOperation(host, parent, lambda desk: desk.delete(kind, record_id)).undoable(
        DeletedRecord(kind, record_id, title)
    )


def remove_attendance(host: OperationHost, parent: QWidget | None, record_id: str) -> WriteOperation:
    """Takes a check-in back. Not offered for Undo: checking the person in again is the way back."""
    return WriteOperation(host, parent, lambda desk: desk.delete("attendance", record_id))


def restore_record(host: OperationHost, parent: QWidget | None, deleted: DeletedRecord) -> WriteOperation:
    return WriteOperation(host, parent, lambda desk: desk.restore(deleted.kind, deleted.record_id))


def confirm_text(title: str) -> str:
    return QCoreApplication.translate("RecordDialog", "Delete “%1”? You can undo this with Ctrl+Z.").replace(
        "%1", title
    )


def delete_confirmed(
    parent: QWidget, workspace: Workspace, kind: str, record: dict[str, Any], then: Any = None
) -> None:
    """Deletes a record after the user confirmed; the delete operation itself offers it to Undo."""
    title = record_title(kind, record, workspace.lang, workspace.members)
    operation = delete_record(workspace, parent, kind, record["id"], title)
    if then is not None:
        operation.success(lambda _changes: then())
    operation.run()
