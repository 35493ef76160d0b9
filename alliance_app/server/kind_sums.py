"""Each kind's count and `protocol_sums` sum of its live records, kept at every revision that changed the kind, so
GET /sync/checksums?at=C answers "as of" a desktop's cursor in one indexed read instead of reading every record,
and answers the same however many desktops pushed since C.

Every writing transaction ends in `Revs.save` (push, conflict resolve), which calls `follow` under the revision
counter's lock: the terms of the records it gave revisions are taken out as they were before its first change
(`Revs.before`) and put back as they are now, and one row (kind, the transaction's last rev, count, sum) is added
per kind whose sum moved. A kind with no row yet is counted whole (`ensure` at `migrate` and `serve`, or the first
write). Writers that replace everything (the demo load)
`rewrite` the rows. Purging tombstones changes no live record, so no sum. A restore brings the rows back with the
records they count (one database, one dump).

Old rows are pruned behind the counter, only ever a kind's oldest rows up to the newest one at or below the cut,
so the newest row at or below any asked revision is the kind's true state there, or there is none (and the
answer is today's full one).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, cast

from sqlalchemy import String, Table, bindparam, delete, func, insert, inspect, select, union_all
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from alliance_app.models import RECORD_TYPES, RECORDS_BY_KIND
from alliance_app.server.tables import KindSum, RevCounter
from alliance_app.sync.protocol import MAX_REV
from alliance_app.sync.protocol_sums import MODULUS, record_term, sum_text

KEEP_REVS = 20_000  # rows this far behind the counter may go; a desktop's cursor at its check is seconds old
PRUNE_EVERY = 1_000  # revisions between two prunings of the kinds a transaction changed

Before = dict[tuple[str, str], tuple[int, bool] | None]  # (kind, id) → (rev, live) before the change, or absent

_SUMS = cast(Table, KindSum.__table__)


def _table(kind: str) -> Any:
    return RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]


def recount(session: Session, kinds: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(count, sum) of each kind's live records, read whole."""
    result = {}
    for kind in kinds:
        table = _table(kind)
        rows = session.execute(select(table.c.id, table.c.rev).where(table.c.deleted.is_(False))).all()
        result[kind] = (len(rows), sum(record_term(i, r or 0) for i, r in rows) % MODULUS)
    return result


@cache
def _newest_rows() -> Any:
    """Each kind's newest row at or below `at`: one index seek per kind (kind, rev DESC, LIMIT 1), joined by UNION
    ALL. A GROUP BY over the kinds read every kept row of each kind, on every push and pull. Built once."""
    parts = [
        select(_SUMS.c.kind, _SUMS.c.count, _SUMS.c.total)
        .where(_SUMS.c.kind == kind, _SUMS.c.rev <= bindparam("at"))
        .order_by(_SUMS.c.rev.desc())
        .limit(1)
        .subquery()
        .select()
        for kind in sorted(RECORDS_BY_KIND)
    ]
    return union_all(*parts)


@cache
def newest_column() -> Any:
    """Each kind's newest row at or below the counter, as one text column any statement can carry ("kind:count:
    total" joined by commas; `newest_of` reads it): the pull route reads it with its login check, since the sums a
    last page brings are always as of the counter (a page that ends short of it has more to come, and no sums).
    The same index seeks as `_newest_rows`, bounded by the counter read in the same statement. Built once."""
    counter = cast(Table, RevCounter.__table__)
    now = select(counter.c.rev).where(counter.c.id == 1).scalar_subquery()
    parts = [
        select((_SUMS.c.kind + ":" + _SUMS.c.count.cast(String) + ":" + _SUMS.c.total).label("entry"))
        .where(_SUMS.c.kind == kind, _SUMS.c.rev <= now)
        .order_by(_SUMS.c.rev.desc())
        .limit(1)
        .subquery()
        .select()
        for kind in sorted(RECORDS_BY_KIND)
    ]
    rows = union_all(*parts).subquery()
    return select(func.aggregate_strings(rows.c.entry, ",")).scalar_subquery()


def newest_of(value: str | None, kinds: Iterable[str]) -> dict[str, tuple[int, int]] | None:
    """`newest_column`'s value as `as_of` answers for the counter: every kind's (count, sum), or None when a kind has
    no row that old."""
    found: dict[str, tuple[int, int]] = {}
    for entry in (value or "").split(","):
        if entry:
            kind, count, total = entry.split(":")
            found[kind] = (int(count), int(total, 16))
    wanted = set(kinds)
    found = {kind: sums for kind, sums in found.items() if kind in wanted}
    return found if len(found) == len(wanted) else None


def latest(session: Session, kinds: Iterable[str], at: int | None = None) -> dict[str, tuple[int, int]]:
    """(count, sum) of each kind's newest row (at or below `at`); kinds without one are left out."""
    wanted = set(kinds)
    rows = session.execute(_newest_rows(), {"at": MAX_REV if at is None else at})
    return {kind: (int(count), int(total, 16)) for kind, count, total in rows if kind in wanted}


def _write(session: Session, rev: int, sums: dict[str, tuple[int, int]]) -> None:
    if sums:
        rows = [{"kind": k, "rev": rev, "count": c, "total": sum_text(t)} for k, (c, t) in sorted(sums.items())]
        session.execute(insert(_SUMS), rows)


def follow(session: Session, before: Before, records: dict[tuple[str, str], Any], start: int, rev: int) -> None:
    """Under the counter's lock, at the end of a transaction that took revisions (start, rev]: one row per kind
    whose live records it changed. `records`: the changed records' objects, read as they end up if the session
    still holds them as written."""
    if not before:
        return
    session.flush()
    ids: dict[str, list[str]] = {}
    for kind, record_id in before:
        ids.setdefault(kind, []).append(record_id)
    moved: dict[str, tuple[int, int]] = {}
    for kind, listed in sorted(ids.items()):
        now = _held([records.get((kind, record_id)) for record_id in listed])
        if now is None:
            table = _table(kind)
            rows = session.execute(select(table.c.id, table.c.rev, table.c.deleted).where(table.c.id.in_(listed)))
            now = [(row[0], row[1], row[2]) for row in rows]
        count, total = 0, 0
        for record_id, record_rev, deleted in now:
            if not deleted:
                count, total = count + 1, total + record_term(record_id, record_rev or 0)
        for record_id in listed:
            was = before[(kind, record_id)]
            if was is not None and was[1]:
                count, total = count - 1, total - record_term(record_id, was[0])
        if count or total % MODULUS:
            moved[kind] = (count, total)
    if not moved:
        return  # every change rolled back, or a record changed and changed back within the transaction
    held = latest(session, RECORDS_BY_KIND)
    # A kind with no row yet (a database the sums are new to, before `ensure` ran) is counted whole, changed here
    # or not: so every kind has a row after the first write, and answers as of a cursor can be given.
    counted = recount(session, [kind for kind in RECORDS_BY_KIND if kind not in held])
    sums = {k: (held[k][0] + c, (held[k][1] + t) % MODULUS) for k, (c, t) in moved.items() if k in held}
    _write(session, rev, {**sums, **counted})
    if rev // PRUNE_EVERY != start // PRUNE_EVERY:
        prune(session, moved, rev - KEEP_REVS)


def _held(listed: list[Any]) -> list[tuple[str, int | None, bool]] | None:
    """(id, rev, deleted) of the records as this transaction wrote them, when every one is flushed, current and
    not expired (a push run straight through); None otherwise (rolled back, expired: then they are read)."""
    found = []
    for record in listed:
        if record is None:
            return None
        state = inspect(record)
        if state.expired_attributes & {"rev", "deleted"} or not state.persistent or state.modified:
            return None
        found.append((record.id, record.rev, record.deleted))
    return found


def prune(session: Session, kinds: Iterable[str], cut: int) -> None:
    """Deletes each kind's rows older than its newest row at or below `cut` (which stays)."""
    for kind in sorted(kinds):
        kept = select(func.max(_SUMS.c.rev)).where(_SUMS.c.kind == kind, _SUMS.c.rev <= cut).scalar_subquery()
        session.execute(delete(_SUMS).where(_SUMS.c.kind == kind, _SUMS.c.rev < kept))


def rewrite(session: Session, rev: int) -> None:
    """Every kind counted whole at `rev` (after a writer that replaced the records wholesale); older rows go."""
    session.flush()
    session.execute(delete(_SUMS))
    _write(session, rev, recount(session, RECORDS_BY_KIND))


def ensure(engine: Engine) -> None:
    """Kinds with no row yet are counted whole at the current revision (`migrate`, and before `serve` starts):
    so the first checks after an upgrade are answered as of the desktops' cursors."""
    from alliance_app.server.db import WRITE_OPTION

    # A writing transaction (SQLite: BEGIN IMMEDIATE), the counter locked: no write can slip in between.
    with Session(engine.execution_options(**{WRITE_OPTION: True})) as session, session.begin():
        locked = select(RevCounter.rev).where(RevCounter.id == 1)
        if engine.dialect.name == "postgresql":
            locked = locked.with_for_update()
        rev = int(session.scalar(locked) or 0)
        missing = [cls.kind for cls in RECORD_TYPES if cls.kind not in latest(session, RECORDS_BY_KIND)]
        _write(session, rev, recount(session, missing))


def repair(db: Any) -> list[str]:
    """Every kind counted whole under the counter's lock and compared with its newest row (`housekeeping`). A kind
    that differs had records changed behind the server's write path (a hand edit in the database): its rows all go
    and its count at the current revision is written, so answers as of older cursors are the full ones from then
    on. Returns the kinds that differed."""
    with db.write(lock_revs=True) as session:
        rev = int(session.scalar(select(RevCounter.rev).where(RevCounter.id == 1)) or 0)
        held, counted = latest(session, RECORDS_BY_KIND), recount(session, RECORDS_BY_KIND)
        wrong = sorted(kind for kind in counted if held.get(kind) != counted[kind])
        if wrong:
            session.execute(delete(_SUMS).where(_SUMS.c.kind.in_(wrong)))
            _write(session, rev, {kind: counted[kind] for kind in wrong})
    return wrong


def wire(sums: dict[str, tuple[int, int]]) -> dict[str, dict[str, Any]]:
    """Each kind's (count, sum) as the wire says it: the checksums answer's and the pull's last page's `sums`."""
    return {kind: {"count": count, "sum": sum_text(total)} for kind, (count, total) in sums.items()}


def as_of(session: Session, kinds: list[str], at: int, *, within: bool = False) -> dict[str, tuple[int, int]] | None:
    """Each kind's (count, sum) as of revision `at`, or None when a kind has no row that old (pruned, or counted
    after `at`) or `at` is beyond the counter: then the caller answers the full way. `within`: the caller read
    the counter in this transaction and `at` is not beyond it."""
    if not within and at > (session.scalar(select(RevCounter.rev).where(RevCounter.id == 1)) or 0):
        return None
    found = latest(session, kinds, at)
    return found if len(found) == len(set(kinds)) else None
