"""Puts the demo alliance into a store in one transaction, without outbox entries, and marks the store as demo."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from sqlalchemy import Table, delete, func, select, text
from sqlalchemy.orm import Session

from alliance_app.demo.generate import generate_demo
from alliance_app.long_work import Progress, no_gc_pauses
from alliance_app.models import RECORD_TYPES, AllianceError

# The store's local table of unpushed edits. Named, not imported: the demo stands on the models alone
# (the server uses the generator), so it reaches the store only through the object it is handed.
OUTBOX_TABLE = "outbox"
_CHUNK = 5000  # rows inserted between two progress reports (a scale-50 load inserts about 100k)


class DemoStore(Protocol):
    """What the loader needs of a store (alliance_app.store.engine.Store has it)."""

    def write(self) -> AbstractContextManager[Session]: ...

    def mark_demo(self, session: Session, scale: int) -> None: ...

    def insert_records(self, session: Session, table: Table, rows: list[dict[str, Any]]) -> None: ...


class DemoRefused(AllianceError):
    """The store already holds records; the demo never overwrites them unless asked to."""

    def __init__(self, count: int):
        self.count = count
        super().__init__(
            f"数据文件中已有 {count} 条记录，未载入演示数据；如要用演示数据替换它们，请加 --force。",
            f"The store already holds {count} records; use --force to replace them with the demo alliance.",
        )


def load_demo(
    store: DemoStore, *, scale: int = 1, force: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """Fills `store` with the demo alliance and returns the number of records per kind. Writes no outbox
    entries, so demo data is never pushed to a server; with `force`, first removes every record and edit.
    `progress(done, total)` counts the records written, once they are generated."""
    with no_gc_pauses():
        rows = generate_demo(scale)
        total, done = sum(map(len, rows.values())), 0
        with store.write() as session:
            _clear(session, force)
            for cls in RECORD_TYPES:  # parents before children
                kind_rows = rows[cls.kind]
                for start in range(0, len(kind_rows), _CHUNK):
                    chunk = kind_rows[start : start + _CHUNK]
                    store.insert_records(session, cls.__table__, chunk)  # type: ignore[attr-defined]
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
            store.mark_demo(session, scale)
    return {kind: len(kind_rows) for kind, kind_rows in rows.items()}


def _clear(session: Session, force: bool) -> None:
    held = sum(session.scalar(select(func.count()).select_from(cls)) or 0 for cls in RECORD_TYPES)
    if held and not force:
        raise DemoRefused(held)
    session.execute(text(f"DELETE FROM {OUTBOX_TABLE}"))
    for cls in reversed(RECORD_TYPES):  # children before the parents they point at
        session.execute(delete(cls.__table__))  # type: ignore[attr-defined]
