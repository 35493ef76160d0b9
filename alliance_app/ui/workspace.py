"""Everything a page needs, handed to it explicitly: the desk, the runner, the change hub, the sync controller,
language and state. Built once every part exists (app.py builds the hub and the sync controller first), so no
part is filled in afterwards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from alliance_app.services import ChangeSet, Desk
from alliance_app.settings import Settings
from alliance_app.store import meta_keys
from alliance_app.ui.change_hub import ChangeHub
from alliance_app.ui.directory import MemberNames
from alliance_app.ui.operations import ReadOperation, WriteOperation
from alliance_app.ui.runner import OperationRunner
from alliance_app.ui.sync_controller import SyncController
from alliance_app.ui.window_state import WindowState

T = TypeVar("T")


@dataclass
class Workspace:
    desk: Desk
    runner: OperationRunner
    hub: ChangeHub
    sync: SyncController
    lang: str
    state: WindowState
    settings: Settings
    members: MemberNames

    def read(self, parent: QWidget | None, work: Callable[[Desk], T]) -> ReadOperation[T]:
        return ReadOperation(self, parent, work)

    def write(self, parent: QWidget | None, work: Callable[[Desk], ChangeSet]) -> WriteOperation:
        return WriteOperation(self, parent, work)

    @property
    def demo(self) -> bool:
        return bool(self.desk.store.get_meta(meta_keys.DEMO, False))
