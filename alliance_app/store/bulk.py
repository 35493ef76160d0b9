"""Many new rows of one table in one executemany handed straight to the driver.

SQLAlchemy's own executemany builds a parameter dictionary per row and runs each value through its column's
bind processor; for a 10,000-record import that bookkeeping cost about as much as SQLite's insert itself. Here
each value goes through the very same bind processor (models/column_values.driver_writer, for the session's own
dialect, so a JSON column is written by the engine's serializer), and the rows reach the driver as tuples: what
is stored is what `insert(table)` would have stored (tests/store/test_bulk_insert.py compares the two).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from alliance_app.models.column_values import AS_IS, driver_writer

Writer = Callable[[Any], Any] | None


@lru_cache(maxsize=64)
def _statement(table: Table, names: tuple[str, ...], dialect: Dialect) -> tuple[str, tuple[Writer, ...]] | None:
    """The INSERT naming `names` and each column's writer (None: the value passes as it is), or None when
    the raw path cannot say what `insert(table)` would: an unknown name, or a left-out column whose default
    SQLAlchemy would fill in."""
    if any(name not in table.c for name in names):
        return None
    left_out = [column for column in table.columns if column.key not in names]
    if any(column.default is not None or column.onupdate is not None for column in left_out):
        return None
    writers = []
    for name in names:
        write = driver_writer(table.c[name], dialect)
        writers.append(None if write is AS_IS else write)
    quoted = ", ".join(dialect.identifier_preparer.quote(table.c[name].name) for name in names)
    marks = ", ".join("?" * len(names))
    return f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({quoted}) VALUES ({marks})", tuple(writers)


def insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Inserts `rows` (column key → Python value, every row naming the same columns) into `table`; rows that
    name different columns, or leave out one with a default, go through SQLAlchemy's insert instead."""
    if not rows:
        return
    names = tuple(rows[0])
    connection = session.connection()
    found = _statement(table, names, connection.dialect) if connection.dialect.paramstyle == "qmark" else None
    width = len(names)
    if found is None or any(len(row) != width for row in rows):
        session.execute(insert(table), list(rows))
        return
    sql, writers = found
    pairs = tuple(zip(names, writers, strict=True))
    try:
        data = [tuple([row[n] if w is None else w(row[n]) for n, w in pairs]) for row in rows]
    except KeyError:  # a row names another column instead
        session.execute(insert(table), list(rows))
        return
    connection.exec_driver_sql(sql, data)
