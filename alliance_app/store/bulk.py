"""Many new rows of one table handed straight to the driver, a few hundred rows per INSERT statement.

SQLAlchemy's own executemany builds a parameter dictionary per row and runs each value through its column's
bind processor; for a 10,000-record import that bookkeeping cost about as much as SQLite's insert itself. Here
each value goes through the very same bind processor (models/column_values.driver_writer, for the session's own
dialect, so a JSON column is written by the engine's serializer), and the rows reach the driver as tuples: what
is stored is what `insert(table)` would have stored (tests/store/test_bulk_insert.py compares the two). Two
shortcuts keep to that: a day's text is the processor's, kept for the next row with the same day; a naive moment's
is made by `datetime.isoformat`, only where the processor was seen to write exactly that.

The rows go in as multi-row `INSERT … VALUES (…), (…)` statements rather than one executemany: SQLite runs
each statement in its own statement transaction, and on a table with triggers (the sort keys') or foreign keys
opening one per row cost as much as the insert itself (10,000 projects: 0.34 s → 0.14 s CPU). The rows, their
order, the triggers and the constraints are the same; a refused row fails its statement, and with it the caller's
transaction, as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, DateTime, Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from alliance_app.models.column_values import AS_IS, driver_writer

Writer = Callable[[Any], Any] | None

# Rows per statement: past a few hundred the statement's text and its parameters only grow (measured: 100 rows
# 0.16 s, 500 rows 0.14 s for 10,000 projects); SQLite's bound-parameter limit caps it for wide tables.
ROWS_PER_STATEMENT = 500


@lru_cache(maxsize=64)
def _statement(
    table: Table, names: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[Writer, ...], tuple[bool, ...]] | None:
    """The INSERT naming `names`, each column's writer (None: the value passes as it is) and whether it holds
    days; or None when the raw path cannot say what `insert(table)` would: an unknown name, or a left-out column
    whose default SQLAlchemy would fill in."""
    if any(name not in table.c for name in names):
        return None
    left_out = [column for column in table.columns if column.key not in names]
    if any(column.default is not None or column.onupdate is not None for column in left_out):
        return None
    writers: list[Writer] = []
    for name in names:
        write = driver_writer(table.c[name], dialect)
        if isinstance(table.c[name].type, DateTime) and _writes_iso_moments(write):
            write = _iso_moments(write)
        writers.append(None if write is AS_IS else write)
    quoted = ", ".join(dialect.identifier_preparer.quote(table.c[name].name) for name in names)
    marks = ", ".join("?" * len(names))
    days = tuple(_is_day(table.c[name]) for name in names)
    sql = f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({quoted}) VALUES ({marks})"
    return sql, tuple(writers), days


def _is_day(column: Any) -> bool:
    return isinstance(column.type, Date) and not isinstance(column.type, DateTime)


# Moments the dialect's processor is asked for before its shortcut is trusted: no microseconds, the smallest and
# largest years, a leap day (SQLite's DATETIME writes "%04d-%02d-%02d %02d:%02d:%02d.%06d").
_PROBES = (datetime(2026, 11, 29, 8, 1, 2, 345678), datetime(2024, 2, 29), datetime(1, 1, 1), datetime.max)


def _writes_iso_moments(write: Callable[[Any], Any]) -> bool:
    """Whether the column's processor writes a naive moment as its ISO text with a space and microseconds."""
    return all(write(moment) == moment.isoformat(" ", "microseconds") for moment in _PROBES)


def _iso_moments(write: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A date-time column's writer: a naive moment (every stored time: an import's 23,000 stamps) as the text the
    processor writes, made by `datetime.isoformat` in C; anything else as the processor answers it. Used only
    where the processor was seen writing that text (`_writes_iso_moments`; tests/store/test_bulk_insert.py holds
    the two equal for any moment)."""

    def written(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is None:
            return value.isoformat(" ", "microseconds")
        return write(value)

    return written


def _once_per_day(write: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A day column's writer for one insert, each day converted once (a roster's start and end dates repeat
    across thousands of rows): the bind processor's own answer, kept for the next row naming the same day."""
    known: dict[date, Any] = {}

    def written(value: Any) -> Any:
        if type(value) is not date:  # empty, a date-time, anything else: as the processor answers it
            return write(value)
        text = known.get(value)
        if text is None:
            text = known[value] = write(value)
        return text

    return written


@lru_cache(maxsize=64)
def _many_rows_sql(single: str, count: int) -> str:
    """`single` (an INSERT of one row) inserting `count` rows."""
    head, marks = single.rsplit(" VALUES ", 1)
    return f"{head} VALUES {', '.join([marks] * count)}"


def _rows_per_statement(connection: Any, width: int) -> int:
    dbapi = connection.connection.dbapi_connection
    limit = dbapi.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if isinstance(dbapi, sqlite3.Connection) else 999
    return max(1, min(ROWS_PER_STATEMENT, limit // max(1, width)))


def _driver_rows(
    rows: Sequence[dict[str, Any]], names: tuple[str, ...], writers: tuple[Writer, ...], days: tuple[bool, ...]
) -> list[tuple[Any, ...]]:
    """Each row's values in `names` order as the driver takes them. Column by column: the values are taken out
    of the rows and put back together in C (itemgetter, zip), and only the columns with a writer see a Python
    call, one per value (an import's 10,000 rows of 25 columns, most of them text that passes as it is)."""
    values = list(map(itemgetter(*names), rows)) if len(names) > 1 else [(row[names[0]],) for row in rows]
    if all(write is None for write in writers):
        return values
    columns: list[Sequence[Any]] = list(zip(*values, strict=True))
    for at, (write, day) in enumerate(zip(writers, days, strict=True)):
        if write is not None:
            columns[at] = list(map(_once_per_day(write) if day else write, columns[at]))
    return list(zip(*columns, strict=True))


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
    sql, writers, days = found
    try:
        data = _driver_rows(rows, names, writers, days)
    except KeyError:  # a row names another column instead
        session.execute(insert(table), list(rows))
        return
    per = _rows_per_statement(connection, width)
    for start in range(0, len(data), per):
        part = data[start : start + per]
        connection.exec_driver_sql(_many_rows_sql(sql, len(part)), tuple(chain.from_iterable(part)))
