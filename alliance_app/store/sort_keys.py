"""Names sort by pinyin in every list (as WPS and Excel do): a stored sort key per record, kept by the store itself.

Each kind's name column has a `sort_key` twin holding `collation.sort_text(name)` (the report's collation), with
an index so a page of 100,000 records in name order is an index walk. Computing the key costs ~0.1 ms per name
(pypinyin reads words), far too slow per query, so it is stored. Every path that inserts records writes the key
in the insert itself (`insert_rows`, `keyed_columns`: the services' creates and the import's bulk insert, a sync
pull's raw inserts, the demo), so a new row is written once; SQLite triggers calling the same function, which
every store connection registers, are the safety net: they fill the key of a row inserted without one and
follow every change of a name. The column lives only in the desktop store (not in the shared models, not
synced): the server does not sort names.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Column, ColumnElement, MetaData, String, Table, Text, literal_column
from sqlalchemy.orm import Session

from alliance_app.models.collation import sort_text
from alliance_app.store.bulk import insert_many

FUNCTION = "alliance_sort_key"
COLUMN = "sort_key"

# table → the name column its list sorts by pinyin (a record kind's title column where it is text).
NAME_COLUMNS: dict[str, str] = {
    "members": "name_zh",
    "contacts": "name",
    "projects": "title",
    "resource_offers": "title",
    "resource_requests": "purpose",
    "lab_partnerships": "name",
    "events": "title",
    "attendance": "attendee_name",
}


def register(connection: sqlite3.Connection) -> None:
    """Makes the triggers' function known to this connection (every store connection, before any write)."""
    connection.create_function(FUNCTION, 1, key_of, deterministic=True)


def index_name(table_name: str) -> str:
    return f"ix_{table_name}_{COLUMN}"


def key_of(name: str | None) -> str:
    """The one sort key of a name, wherever it is written: in an insert, by the triggers, by the migrations."""
    return sort_text(name)


def trigger_sql(table_name: str, name: str) -> list[str]:
    """The two triggers keeping `table`'s sort key: after an insert that wrote none (every path of the app writes
    it in the insert: the safety net for any other), and after an update of the name."""
    fill = f"UPDATE {table_name} SET {COLUMN} = {FUNCTION}(NEW.{name}) WHERE rowid = NEW.rowid"
    return [
        f"CREATE TRIGGER {table_name}_sort_key_insert AFTER INSERT ON {table_name} "
        f"WHEN NEW.{COLUMN} IS NULL BEGIN {fill}; END",
        f"CREATE TRIGGER {table_name}_sort_key_update AFTER UPDATE OF {name} ON {table_name} "
        f"WHEN NEW.{name} IS NOT OLD.{name} BEGIN {fill}; END",
    ]


def drop_trigger_sql(table_name: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table_name}_sort_key_{when}" for when in ("insert", "update")]


def sort_column(table_name: str, name: str) -> ColumnElement[Any] | None:
    """The stored pinyin key to ORDER BY when a list of `table` is sorted by `name`, or None if it has none.
    (Named as text: the shared models do not have the column, and a second `table()` would join the table.)"""
    if NAME_COLUMNS.get(table_name) != name:
        return None
    return literal_column(f"{table_name}.{COLUMN}", String)


@cache
def _keyed_table(table: Table) -> Table:
    """`table` as the desktop store has it, with its sort-key column (the shared models do not know it)."""
    keyed = table.to_metadata(MetaData())
    keyed.append_column(Column(COLUMN, Text()))
    return keyed


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Inserts `rows` (column → value) into `table` in one executemany, each with its sort key if the table has one."""
    name = NAME_COLUMNS.get(table.name)
    if name is None:
        insert_many(session, table, rows)
        return
    for row in rows:
        row[COLUMN] = key_of(row.get(name))
    insert_many(session, _keyed_table(table), rows)


def keyed_columns(table_name: str, columns: list[str]) -> tuple[list[str], Callable[[Sequence[Any]], str] | None]:
    """For a raw insert naming `columns`: the columns with the sort key added, and the key of a row's values
    (None when the table has no sort key). Append the key to each row's values."""
    name = NAME_COLUMNS.get(table_name)
    if name is None:
        return columns, None
    at = columns.index(name)
    return [*columns, COLUMN], lambda values: key_of(values[at])
