"""After the server was restored from a backup: what this desktop holds that the restored server lost, offered
back to the user ("send again" or "discard"), never silently kept and never silently dropped.

The server names its history (an epoch, see server/epoch.py) and the revision the restored history ends at
(`since_rev`, the fork). Revisions up to the fork mean the same in both histories; a record this desktop holds at a
higher revision of the old history carries a change the restore lost. So, on meeting a new epoch:

1. `begin`: those records are set aside (their values as they are here) and their revision reset, so the full
   re-pull that follows can overwrite them; unsent edits stay in the outbox, their base revision brought down to
   the fork (a base from the lost history would hide later changes by others from the merge).
2. The engine re-pulls everything (records the server no longer has are swept to local tombstones).
3. `settle`: each set-aside record is compared with what the server sent; every difference is one lost edit,
   listed on the Sync page until the user sends it again (an ordinary local edit through the same write rules,
   pushed at the next sync) or discards it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from alliance_app.models import RECORD_TYPES, RECORDS_BY_KIND, Actor, field_specs, from_wire, to_wire
from alliance_app.store.engine import Store
from alliance_app.store.local_tables import OutboxEntry, StoreMeta
from alliance_app.store.meta_keys import EPOCH, LOST, SET_ASIDE

HISTORY_CHANGED = "history_changed"  # the server's refusal of a request naming an older epoch


@dataclass(frozen=True)
class LostEdit:
    """A record this desktop held, changed after the backup the server was restored from, that the server no
    longer has as it was here. `op`: update (fields differ), create (the server lacks the record), delete (the
    server has it alive), restore (the server has it deleted). `mine`: this account made that change."""

    kind: str
    record_id: str
    op: str
    fields: dict[str, tuple[Any, Any]]  # field → (the server's value, this desktop's value), wire form
    changed_by: str
    mine: bool

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.record_id}"


def _meta(session: Session, key: str) -> Any:
    row = session.get(StoreMeta, key)
    return None if row is None else row.value


def _wire_values(record: Any) -> dict[str, Any]:
    return {spec.name: to_wire(getattr(record, spec.name)) for spec in field_specs(record.kind)}


def begin(session: Session, store: Store, epoch: str, fork: int) -> int:
    """Sets aside the records of the lost history and rebases the outbox on the fork; returns how many records
    were set aside. The caller then re-pulls everything (and calls `settle` in the re-pull's last transaction)."""
    aside: dict[str, dict[str, Any]] = dict(_meta(session, SET_ASIDE) or {})
    for cls in RECORD_TYPES:
        for record in session.scalars(select(cls).where(cls.rev > fork)):
            aside.setdefault(
                f"{cls.kind}:{record.id}",
                {"values": _wire_values(record), "deleted": bool(record.deleted), "by": record.updated_by or ""},
            )
        # Revision 0: below anything the server sends, so the re-pull overwrites them; and still "synced", so a
        # record the server no longer has is swept to a tombstone like any other.
        session.execute(update(cls).where(cls.rev > fork).values(rev=0))
    session.execute(update(OutboxEntry).where(OutboxEntry.base_rev > fork).values(base_rev=fork))
    store.set_meta(session, SET_ASIDE, aside)
    store.set_meta(session, EPOCH, epoch)
    return len(aside)


def settle(session: Session, store: Store, kept: dict[tuple[str, str], set[str]], account: str) -> int:
    """Compares the set-aside records with the server's (now in the store); lists each difference as a lost edit.
    `kept`: fields with unsent edits (those go to the server anyway). Returns how many lost edits were found."""
    aside: dict[str, dict[str, Any]] = _meta(session, SET_ASIDE) or {}
    lost: dict[str, dict[str, Any]] = dict(_meta(session, LOST) or {})
    found = 0
    for key, held in aside.items():
        kind, record_id = key.split(":", 1)
        record = session.get(RECORDS_BY_KIND[kind], record_id)
        if record is None:
            continue
        entry = _difference(kind, record, held, kept.get((kind, record_id), set()))
        if entry is not None:
            entry["by"] = held["by"]
            entry["mine"] = held["by"] == account
            lost[key] = entry
            found += 1
    store.set_meta(session, LOST, lost)
    store.set_meta(session, SET_ASIDE, None)
    return found


def _difference(kind: str, record: Any, held: dict[str, Any], kept: set[str]) -> dict[str, Any] | None:
    now = _wire_values(record)
    if "deleted" not in kept and held["deleted"] != bool(record.deleted):
        if held["deleted"]:
            return {"op": "delete", "fields": {}}
        op = "create" if record.rev == 0 else "restore"  # rev 0: swept by the re-pull, the server lacks it
        fields = {name: [now[name], value] for name, value in held["values"].items() if now.get(name) != value}
        return {"op": op, "fields": fields}
    if held["deleted"]:
        return None
    fields = {
        name: [now[name], value]
        for name, value in held["values"].items()
        if name not in kept and now.get(name) != value
    }
    return {"op": "update", "fields": fields} if fields else None


def lost_edits(store: Store) -> list[LostEdit]:
    with store.read() as session:
        lost: dict[str, dict[str, Any]] = _meta(session, LOST) or {}
    return [
        LostEdit(
            key.split(":", 1)[0],
            key.split(":", 1)[1],
            entry["op"],
            {name: (pair[0], pair[1]) for name, pair in entry["fields"].items()},
            entry.get("by", ""),
            bool(entry.get("mine")),
        )
        for key, entry in sorted(lost.items())
    ]


def send_again(store: Store, actor: Actor, key: str) -> None:
    """The user's choice to make the lost edit again: an ordinary local edit (the desktop's write rules and
    permissions, the outbox), pushed with the next sync. Raises what those rules raise; the entry then stays."""
    from alliance_app.services import writes

    with store.write() as session:
        lost: dict[str, dict[str, Any]] = dict(_meta(session, LOST) or {})
        entry = lost.pop(key, None)
        if entry is None:
            return
        kind, record_id = key.split(":", 1)
        if entry["op"] == "delete":
            writes.delete(session, actor, kind, record_id)
        else:
            if entry["op"] in ("create", "restore"):
                writes.restore(session, actor, kind, record_id)
            values = {name: from_wire(kind, name, pair[1]) for name, pair in entry["fields"].items()}
            if values:
                writes.update(session, actor, kind, record_id, values)
        store.set_meta(session, LOST, lost)


def discard(store: Store, key: str) -> None:
    """The user's choice to let the lost edit go: the record stays as the server has it."""
    with store.write() as session:
        lost: dict[str, dict[str, Any]] = dict(_meta(session, LOST) or {})
        lost.pop(key, None)
        store.set_meta(session, LOST, lost)
