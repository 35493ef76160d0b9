"""Writing what the server says into the local store: record states rebased under unpushed local edits, local
tombstones, conflicts seen, and the per-kind checksums of what this desktop holds."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from alliance_app.models import RECORD_TYPES, RECORDS_BY_KIND, SYNC_COLUMNS, field_specs, utc_now
from alliance_app.models.column_values import AS_IS, from_wire_reader, table_wire_to_driver
from alliance_app.store import sort_keys
from alliance_app.store.local_tables import OutboxEntry, SyncConflict
from alliance_app.sync.protocol import ConflictOut, record_checksum
from alliance_app.sync.protocol_sums import record_sum, sum_text

Key = tuple[str, str]  # (kind, record id)


def push_item(entry: OutboxEntry) -> dict[str, Any]:
    """An outbox entry as a push sends it."""
    return {
        "mutation_id": entry.mutation_id,
        "kind": entry.kind,
        "record_id": entry.record_id,
        "op": entry.op,
        "changes": entry.changes,
        "base_rev": entry.base_rev,
    }


# Built at import for every kind (models/column_values.py): a column the wire cannot carry fails here, not
# in the middle of a sync. The desktop's store is SQLite, whose driver takes what these produce.
_SQLITE = sqlite.dialect()
# Per kind, every column: wire value → Python value (what an ORM update binds).
READERS: dict[str, dict[str, Callable[[Any], Any]]] = {
    cls.kind: {column.key: from_wire_reader(column) for column in cls.__table__.columns}  # type: ignore[attr-defined]
    for cls in RECORD_TYPES
}
# Per kind, every column in table order: wire value → the value SQLite's driver is given (a raw bulk insert).
STORAGE: dict[str, list[tuple[str, Callable[[Any], Any]]]] = {
    cls.kind: table_wire_to_driver(cls.__table__, _SQLITE)  # type: ignore[attr-defined]
    for cls in RECORD_TYPES
}


def pending_edits(session: Session) -> dict[Key, list[tuple[int, set[str]]]]:
    """Per record, its unpushed local edits as (seq, fields they hold). Any pending create or edit also keeps
    the record alive (the server revives an edited record), so "deleted" is among the fields of every edit."""
    edits: dict[Key, list[tuple[int, set[str]]]] = defaultdict(list)
    rows = session.execute(
        select(OutboxEntry.seq, OutboxEntry.kind, OutboxEntry.record_id, OutboxEntry.op, OutboxEntry.changes)
        .where(OutboxEntry.state == "pending")
        .order_by(OutboxEntry.seq)
    )
    for seq, kind, record_id, op, changes in rows:
        fields = {"deleted"} if op == "delete" else {"deleted", *changes}
        edits[(kind, record_id)].append((seq, fields))
    return dict(edits)


def kept_fields(edits: dict[Key, list[tuple[int, set[str]]]], after_seq: int = 0) -> dict[Key, set[str]]:
    """The fields a pulled state or an outcome must leave as they are: those of edits after `after_seq`."""
    kept: dict[Key, set[str]] = {}
    for key, entries in edits.items():
        fields = set().union(*(f for seq, f in entries if seq > after_seq)) if entries else set()
        if fields:
            kept[key] = fields
    return kept


def pending_fields(session: Session) -> dict[Key, set[str]]:
    return kept_fields(pending_edits(session))


def _local_revs(session: Session, cls: Any, ids: list[str]) -> dict[str, int | None]:
    """The local rev of each of `ids` this store has. The ids go in as one JSON array parameter: a page of 1000
    ids bound one by one cost more than the lookup itself."""
    sql = f"SELECT id, rev FROM {cls.__tablename__} WHERE id IN (SELECT value FROM json_each(?))"
    rows = session.connection().exec_driver_sql(sql, (json.dumps(ids),))
    return {row[0]: row[1] for row in rows}


def _row(kind: str, state: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    read = READERS[kind]
    values = state["values"]
    row: dict[str, Any] = {}
    for spec in field_specs(kind):
        if spec.name not in keep:
            row[spec.name] = read[spec.name](values.get(spec.name))  # hidden fields are not known here: stored empty
    row["rev"] = state["rev"]
    row["updated_at"] = read["updated_at"](state["updated_at"])
    row["updated_by"] = state["updated_by"]
    owner_column = RECORDS_BY_KIND[kind].owner_column
    if owner_column not in keep:
        row["owner_member_id"] = state["owner_member_id"]
    if "deleted" not in keep:
        row["deleted"] = bool(state["deleted"])
    return row


def apply_states(session: Session, states: Iterable[dict[str, Any]], pending: dict[Key, set[str]]) -> int:
    """Writes server record states (wire dicts) into the store, parents first, never older over newer, and
    never over a field that `pending` keeps. The caller's transaction should defer foreign keys."""
    by_kind: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for state in states:
        same = by_kind[state["kind"]].get(state["id"])
        if same is None or same["rev"] <= state["rev"]:
            by_kind[state["kind"]][state["id"]] = state
    written = 0
    for cls in RECORD_TYPES:
        batch = by_kind.get(cls.kind)
        if batch:
            written += _apply_kind(session, cls, batch, pending)
    return written


def _apply_kind(session: Session, cls: Any, batch: dict[str, dict[str, Any]], pending: dict[Key, set[str]]) -> int:
    kind = cls.kind
    table = cls.__table__
    local = _local_revs(session, cls, list(batch))
    inserts: list[dict[str, Any]] = []
    updates: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    for record_id, state in batch.items():
        if record_id not in local:
            inserts.append(state)
            continue
        have = local[record_id]
        if have is not None and have > state["rev"]:
            continue  # an older answer (a replayed outcome) never undoes a newer state
        row = _row(kind, state, pending.get((kind, record_id), set()))
        row["_id"] = record_id
        updates[frozenset(row)].append(row)
    if inserts:
        _insert_raw(session, kind, table.name, inserts)
    for keys, rows in updates.items():
        columns: dict[str, Any] = {name: bindparam(name) for name in keys if name != "_id"}
        session.execute(update(table).where(table.c.id == bindparam("_id")).values(columns), rows)
    return len(inserts) + sum(len(rows) for rows in updates.values())


def _insert_raw(session: Session, kind: str, table: str, states: list[dict[str, Any]]) -> None:
    """New records straight from their wire states in one executemany, every column encoded as SQLAlchemy would
    (STORAGE), the table's CHECK constraints still guarding enum codes; hidden fields stored empty, as in `_row`."""
    storage = STORAGE[kind]
    # Most columns pass as they come (text, numbers): not calling their converter at all halves the cost.
    fields = [(name, None if write is AS_IS else write) for name, write in storage if name not in SYNC_COLUMNS]
    sync = [(name, None if write is AS_IS else write) for name, write in storage if name in SYNC_COLUMNS]
    # The pinyin sort key goes in the insert itself: the store's trigger would write each row a second time.
    columns, key = sort_keys.keyed_columns(table, [name for name, _ in fields + sync])
    rows = []
    for state in states:
        values = state["values"]
        row: list[Any] = [values.get(name) if write is None else write(values.get(name)) for name, write in fields]
        row += [state[name] if write is None else write(state[name]) for name, write in sync]
        if key is not None:
            row.append(key(row))
        rows.append(tuple(row))
    names = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    session.connection().exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def tombstone_local(session: Session, kind: str, record_id: str) -> None:
    """A record the server does not have (a refused create, a purged tombstone) is gone here too, kept as a
    tombstone so nothing that refers to it breaks."""
    table = RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]
    session.execute(update(table).where(table.c.id == record_id).values(deleted=True, updated_at=utc_now()))


def store_conflicts(session: Session, conflicts: Iterable[ConflictOut]) -> int:
    count = 0
    for conflict in conflicts:
        session.merge(
            SyncConflict(
                id=conflict.id,
                kind=conflict.kind,
                record_id=conflict.record_id,
                field=conflict.field,
                base=conflict.base,
                theirs=conflict.theirs,
                mine=conflict.mine,
                kept=conflict.kept,
                created_by=conflict.created_by,
                created_at=conflict.created_at.replace(tzinfo=None),
                resolved=conflict.resolved,
                resolution=conflict.resolution,
                resolved_by=conflict.resolved_by,
                resolved_at=conflict.resolved_at.replace(tzinfo=None) if conflict.resolved_at else None,
            )
        )
        count += 1
    return count


def _live_pairs(session: Session, kinds: set[str] | None) -> Iterator[tuple[str, list[tuple[str, int | None]]]]:
    """Per kind asked (every kind for None), the (id, rev) of the live records this desktop got from the server
    (rev set): what both checksums are made of."""
    for cls in RECORD_TYPES:
        if kinds is None or cls.kind in kinds:
            rows = session.execute(select(cls.id, cls.rev).where(cls.deleted.is_(False), cls.rev.is_not(None)))
            yield cls.kind, [(row[0], row[1]) for row in rows]


def local_checksums(session: Session, kinds: set[str] | None = None) -> dict[str, tuple[int, str]]:
    """Per kind, the count and checksum of the live records this desktop got from the server (rev set)."""
    return {kind: (len(pairs), record_checksum(pairs)) for kind, pairs in _live_pairs(session, kinds)}


def local_sums(session: Session, kinds: set[str]) -> tuple[dict[str, tuple[int, str]], int]:
    """Per kind, the count and `record_sum` of the live records this desktop got from the server (rev set), as
    the server's answer "as of" a cursor gives them; and the highest rev among them (0 if none)."""
    result, newest = {}, 0
    for kind, pairs in _live_pairs(session, kinds):
        result[kind] = (len(pairs), sum_text(record_sum(pairs)))
        newest = max([newest, *(rev or 0 for _id, rev in pairs)])
    return result, newest
