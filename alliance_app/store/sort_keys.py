"""Names sort by pinyin in every list (as WPS and Excel do): a stored sort key per record, kept by the store itself.

Each kind's name column has a `sort_key` twin holding `collation.sort_text(name)` (the report's collation), with
an index so a page of 100,000 records in name order is an index walk. Computing the key costs ~0.3 ms per name
(pypinyin reads words), far too slow per query, so it is stored. It is written by SQLite triggers calling a
function every store connection registers: every write path (form, CLI, import's executemany, sync's raw
inserts and updates, the demo) keeps it true without knowing it exists. The column lives only in the desktop
store (not in the shared models, not synced): the server does not sort names.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import ColumnElement, String, literal_column

from alliance_app.models.collation import sort_text

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
    connection.create_function(FUNCTION, 1, sort_text, deterministic=True)


def index_name(table_name: str) -> str:
    return f"ix_{table_name}_{COLUMN}"


def trigger_sql(table_name: str, name: str) -> list[str]:
    """The two triggers keeping `table`'s sort key: after an insert, and after an update of the name."""
    fill = f"UPDATE {table_name} SET {COLUMN} = {FUNCTION}(NEW.{name}) WHERE rowid = NEW.rowid"
    return [
        f"CREATE TRIGGER {table_name}_sort_key_insert AFTER INSERT ON {table_name} BEGIN {fill}; END",
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
