"""Everything a page needs, handed to it explicitly: the desk, the runner, the change hub, language and state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QWidget

from alliance_app.services import ChangeSet, Desk
from alliance_app.settings import Settings
from alliance_app.store import meta_keys
from alliance_app.ui.directory import MemberNames
from alliance_app.ui.operations import ChangeHub, OperationRunner, ReadOperation, WriteOperation
from alliance_app.ui.window_state import WindowState

if TYPE_CHECKING:
    from alliance_app.ui.sync_controller import SyncController

T = TypeVar("T")


@dataclass(frozen=True)
class DeletedRecord:
    """The last record deleted from the window, so Undo can bring it back."""

    kind: str
    record_id: str
    title: str


@dataclass
class Workspace:
    desk: Desk
    runner: OperationRunner
    hub: ChangeHub
    lang: str
    state: WindowState
    settings: Settings
    members: MemberNames
    last_delete: DeletedRecord | None = field(default=None)
    sync: SyncController | None = field(default=None)  # set by the application once the window's hub exists

    def read(self, parent: QWidget | None, work: Callable[[Desk], T]) -> ReadOperation[T]:
        return ReadOperation(self, parent, work)

    def write(self, parent: QWidget | None, work: Callable[[Desk], ChangeSet]) -> WriteOperation:
        return WriteOperation(self, parent, work)

    @property
    def demo(self) -> bool:
        return bool(self.desk.store.get_meta(meta_keys.DEMO, False))
