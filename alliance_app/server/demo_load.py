"""Loads the demo alliance into the server database in one bulk write, as if each record had been pushed.

Each record gets the next revision in generator order (parents first), all under the revision counter's lock
held for the whole load, so a puller sees the demo appear in one commit and in rev order. Per record the load
writes what a pushed create writes: the row stamped with its rev, a field-revs row (created at that rev, no
later field changes) and one change-log entry per field that has a value (op "create", by "demo", no mutation
id). Plain executemany inserts in chunks keep memory flat: scale 50 is about 97,000 records and 600,000
change-log entries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from alliance_app.models import RECORD_TYPES, AllianceError, field_specs, to_wire
from alliance_app.models.column_values import driver_writer
from alliance_app.server import kind_sums
from alliance_app.server.db import Database, Revs
from alliance_app.server.tables import ChangeLogEntry, Conflict, FieldRevs, MutationRecord, RevCounter

DEMO_USER = "demo"
_CHUNK = 2000


class DemoLoadRefused(AllianceError):
    """The database already holds records and --force was not given."""

    def __init__(self, count: int):
        self.count = count
        super().__init__(
            f"服务器数据库中已有 {count} 条记录，未载入示例联盟；如要用示例联盟替换它们，请加 --force。",
            f"The server database already holds {count} records; add --force to replace them with the demo alliance.",
        )


@dataclass(frozen=True)
class DemoLoaded:
    counts: dict[str, int]
    server_rev: int  # the rev of the last record loaded


def load_demo(db: Database, *, scale: int = 1, force: bool = False) -> DemoLoaded:
    """Fills the server database with `generate_demo(scale)`. Refuses a database that holds records unless
    `force`, which first removes every record, its history, conflicts and remembered mutations (accounts stay)
    and makes every existing desktop cursor too old, so desktops re-pull instead of mixing the two data sets."""
    from alliance_app.demo import generate_demo
    from alliance_app.long_work import no_gc_pauses

    with no_gc_pauses():
        rows = generate_demo(scale)
        with db.write(lock_revs=True) as session:
            revs = Revs(session)
            _clear(session, revs, force)
            for cls in RECORD_TYPES:
                for chunk in _chunks(rows[cls.kind]):
                    _insert(session, cls.kind, cls.__table__, chunk, revs)  # type: ignore[attr-defined]
            kind_sums.rewrite(session, revs.current or 0)  # the records were replaced wholesale: counted whole
            revs.save()
    return DemoLoaded({cls.kind: len(rows[cls.kind]) for cls in RECORD_TYPES}, revs.current or 0)


def _clear(session: Session, revs: Revs, force: bool) -> None:
    held = sum(session.scalar(select(func.count()).select_from(cls)) or 0 for cls in RECORD_TYPES)
    if held and not force:
        raise DemoLoadRefused(held)
    for cls in reversed(RECORD_TYPES):  # children before the parents they point at
        session.execute(delete(cls.__table__))  # type: ignore[attr-defined]
    for table in (FieldRevs, ChangeLogEntry, Conflict, MutationRecord):
        session.execute(delete(table))
    if session.scalar(select(RevCounter.rev).where(RevCounter.id == 1)):
        # Revisions were handed out before: the wipe takes one, and every cursor below it must re-pull (410).
        wipe = revs.next()
        session.execute(update(RevCounter).where(RevCounter.id == 1).values(purged_rev=wipe))


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]


def _insert(session: Session, kind: str, table: Any, chunk: list[dict[str, Any]], revs: Revs) -> None:
    names = [spec.name for spec in field_specs(kind)]
    dialect = session.connection().dialect
    log_table, revs_table = ChangeLogEntry.__table__, FieldRevs.__table__
    as_time, as_json = driver_writer(log_table.c.changed_at, dialect), driver_writer(log_table.c.new, dialect)
    no_old, no_revs = driver_writer(log_table.c.old, dialect)(None), driver_writer(revs_table.c.revs, dialect)({})
    records, field_revs, log = [], [], []
    for row in chunk:
        rev, record_id = revs.next(), row["id"]
        records.append({**row, "rev": rev, "deleted": False, "updated_by": DEMO_USER})
        field_revs.append((kind, record_id, rev, None, no_revs))
        at = as_time(row["updated_at"])
        for name in names:
            value = row.get(name)
            if value not in (None, [], ""):
                log.append((rev, kind, record_id, "create", name, no_old, as_json(to_wire(value)), DEMO_USER, at))
    session.execute(insert(table), records)
    _insert_plain(session, FieldRevs.__table__, _FIELD_REVS_COLUMNS, field_revs)  # type: ignore[arg-type]
    _insert_plain(session, ChangeLogEntry.__table__, _LOG_COLUMNS, log)  # type: ignore[arg-type]


# Field revs and change-log rows (six in seven of the rows a load writes) go to the driver as ready values,
# encoded by each column type's own bind processor (models/column_values.py), once per value rather than
# through SQLAlchemy's per-statement processing, which cost more than the inserts themselves. PostgreSQL
# takes them by COPY.
_FIELD_REVS_COLUMNS = ("kind", "record_id", "created_rev", "deleted_rev", "revs")
_LOG_COLUMNS = ("rev", "kind", "record_id", "op", "field", "old", "new", "changed_by", "changed_at")


def _insert_plain(session: Session, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":  # COPY: several times faster than row-by-row inserts
        column_list = ", ".join(columns)
        driver = connection.connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({column_list}) FROM STDIN") as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
        return
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=list(columns))
    if compiled.positional:
        order = [columns.index(name) for name in compiled.positiontup or ()]
        params: list[Any] = [tuple(row[i] for i in order) for row in rows]
    else:
        params = [dict(zip(columns, row, strict=True)) for row in rows]
    connection.exec_driver_sql(compiled.string, params)
