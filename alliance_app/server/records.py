"""Reading the alliance records on the server: with row locks during a push (the record rules themselves are
shared with the desktop in models/integrity.py), and a record's state as one account may see it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache
from operator import itemgetter
from typing import Any, Protocol

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from alliance_app.models import (
    RECORDS_BY_KIND,
    Actor,
    Problem,
    SyncedRecord,
    field_specs,
    hidden_fields,
    integrity,
    to_wire,
)
from alliance_app.models.integrity import (  # noqa: F401 - the server's modules take these from here
    CASCADES,
    defaults,
    field_values,
    live_dependants,
    unique_problems,
)
from alliance_app.server.tables import FieldRevs
from alliance_app.sync.protocol import RecordState, utc_text

# session.info key: rows this transaction has read (and on PostgreSQL locked), {(class, key): (row, for update)}.
# Set by a push that runs without a savepoint per mutation (sync_service): a lock taken there lasts until the
# commit, so a row read once needs no second statement, and a row known absent stays absent for this push's
# own reads (another transaction inserting it meanwhile makes this push's insert clash, and the push is redone).
HELD = "held_rows"


def held_get(session: Session, cls: type[Any], key: Any, *, for_update: bool) -> Any:
    """A row by primary key, locked on PostgreSQL (FOR UPDATE when it will be written, else FOR SHARE: a row
    referred to cannot be deleted until this transaction ends), and remembered while `HELD` is set."""
    lock = {"read": not for_update} if session.info.get("lock_rows") else None
    held = session.info.get(HELD)
    if held is None:
        return session.get(cls, key, with_for_update=lock)
    entry = held.get((cls, key))
    if entry is not None and (entry[1] or not for_update):
        return entry[0]
    row = session.get(cls, key, with_for_update=lock)
    held[(cls, key)] = (row, for_update)
    return row


def hold(session: Session, row: Any, key: Any) -> None:
    """A row this transaction has just added: its own to write for the rest of the push."""
    held = session.info.get(HELD)
    if held is not None:
        held[(type(row), key)] = (row, True)


def hold_all(session: Session, targets: Collection[tuple[str, str]]) -> None:
    """Reads (and locks for update) every record a push will write, and their field revs, in one statement per
    kind and one for the field revs, instead of two statements per mutation."""
    held = session.info.setdefault(HELD, {})
    lock = bool(session.info.get("lock_rows"))
    found: list[tuple[str, str]] = []
    by_kind: dict[str, set[str]] = {}
    for kind, record_id in targets:
        by_kind.setdefault(kind, set()).add(record_id)
    for kind in sorted(by_kind):
        cls = RECORDS_BY_KIND[kind]
        ids = sorted(by_kind[kind])
        query = select(cls).where(cls.id.in_(ids)).order_by(cls.id)
        rows = {r.id: r for r in session.scalars(query.with_for_update() if lock else query)}
        for record_id in ids:
            held[(cls, record_id)] = (rows.get(record_id), True)
        found.extend((kind, record_id) for record_id in sorted(rows))
    if found:
        revs_query = select(FieldRevs).where(tuple_(FieldRevs.kind, FieldRevs.record_id).in_(found))
        revs_query = revs_query.order_by(FieldRevs.kind, FieldRevs.record_id)
        locked = revs_query.with_for_update() if lock else revs_query
        revs = {(r.kind, r.record_id): r for r in session.scalars(locked)}
        for key in found:
            held[(FieldRevs, key)] = (revs.get(key), True)


def fetch(session: Session, kind: str, record_id: Any, *, for_update: bool = False) -> SyncedRecord | None:
    """A record by id, with the push's row locks (`held_get`). Row locks come before the revision counter's
    lock, always in that order."""
    cls = RECORDS_BY_KIND[kind]
    if not session.info.get("lock_rows") and HELD not in session.info:
        return session.get(cls, record_id)
    return held_get(session, cls, record_id, for_update=for_update)


def derive(session: Session, kind: str, values: dict[str, Any]) -> None:
    """The shared rule (models/integrity.py), reading with this push's row locks."""
    integrity.derive(session, kind, values, fetch)


def owner_of(session: Session, kind: str, values: dict[str, Any], record_id: str) -> str | None:
    return integrity.owner_of(session, kind, values, record_id, fetch)


def reference_problems(session: Session, kind: str, values: dict[str, Any]) -> list[Problem]:
    return integrity.reference_problems(session, kind, values, fetch)


class _Attributes:
    """An ORM record read like a row (loading any expired attribute)."""

    def __init__(self, record: SyncedRecord):
        self.record = record

    def __getitem__(self, name: str) -> Any:
        return getattr(self.record, name)


def record_state(record: SyncedRecord, actor: Actor) -> RecordState:
    return row_state(record.kind, _Attributes(record), actor)


class Row(Protocol):
    def __getitem__(self, name: str, /) -> Any: ...


def row_state(kind: str, row: Row, actor: Actor) -> RecordState:
    """A record (an ORM object's attributes or a plain row mapping) as `actor` may see it. Built without
    re-validation: every value comes from our own columns."""
    wire = row_wire(kind, row, actor)
    wire["values"] = {name: to_wire(value) for name, value in wire["values"].items()}
    wire["updated_at"] = row["updated_at"]
    return RecordState.model_construct(**wire)


@cache
def _shown(kind: str, hidden: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields shown and the hidden ones in order, for a kind and a set of hidden fields (a handful of pairs
    in all: worked out once, not for each record of a page)."""
    return tuple(spec.name for spec in field_specs(kind) if spec.name not in hidden), tuple(sorted(hidden))


def row_wire(kind: str, row: Row, actor: Actor) -> dict[str, Any]:
    """A RecordState as a plain dict for orjson, which writes dates, enum codes and floats itself: a pull page
    of 1000 records is built and serialised several times faster than through the model."""
    shown, hidden = _shown(kind, hidden_fields(actor, kind, row["owner_member_id"]))
    return {
        "kind": kind,
        "id": row["id"],
        "rev": row["rev"] or 0,
        "deleted": row["deleted"],
        "updated_at": utc_text(row["updated_at"]),
        "updated_by": row["updated_by"],
        "owner_member_id": row["owner_member_id"],
        "values": {name: row[name] for name in shown},
        "hidden": list(hidden),
    }


@cache
def positions(kind: str) -> dict[str, int]:
    """Where each column of a kind's table stands in a row of `select(table)`."""
    table = RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]
    return {c.name: i for i, c in enumerate(table.columns)}


@cache
def _values_getter(kind: str, hidden: frozenset[str]) -> tuple[tuple[str, ...], Any, list[str]]:
    """(shown names, a getter of their values from a positional row, hidden names) for a kind and hidden set."""
    shown, hidden_names = _shown(kind, hidden)
    at = positions(kind)
    indexes = [at[name] for name in shown]
    if len(indexes) == 1:  # itemgetter of one index gives the value, not a tuple
        index = indexes[0]
        return shown, (lambda row: (row[index],)), list(hidden_names)
    return shown, (itemgetter(*indexes) if indexes else (lambda row: ())), list(hidden_names)


def rows_wire(kind: str, rows: Sequence[Sequence[Any]], actor: Actor) -> list[dict[str, Any]]:
    """`row_wire` for many positional rows of one kind (`select(table)`), as a pull page builds them: the same
    dict, with the columns found by position and the hidden fields worked out once per owner, not per record."""
    at = positions(kind)
    i_id, i_rev, i_deleted = at["id"], at["rev"], at["deleted"]
    i_at, i_by, i_owner = at["updated_at"], at["updated_by"], at["owner_member_id"]
    layouts: dict[Any, tuple[tuple[str, ...], Any, list[str]]] = {}
    out = []
    for row in rows:
        owner = row[i_owner]
        layout = layouts.get(owner)
        if layout is None:
            layout = layouts[owner] = _values_getter(kind, hidden_fields(actor, kind, owner))
        shown, values_of, hidden = layout
        out.append(
            {
                "kind": kind,
                "id": row[i_id],
                "rev": row[i_rev] or 0,
                "deleted": row[i_deleted],
                "updated_at": utc_text(row[i_at]),
                "updated_by": row[i_by],
                "owner_member_id": owner,
                "values": dict(zip(shown, values_of(row), strict=True)),
                "hidden": list(hidden),
            }
        )
    return out
