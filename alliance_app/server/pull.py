"""Pull: one page of the changes after a desktop's cursor, as the account may see them, and the records the page
refers to that the desktop cannot have yet. Built from plain positional rows; each record state encoded once per
worker for every desktop that pulls it (pull_cache.py), and measured and sent as those same bytes."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from typing import Any, cast

import orjson
from sqlalchemy import Integer, Row, Select, Table, bindparam, column, func, literal, select, union_all
from sqlalchemy.orm import Session

from alliance_app.models import RECORD_TYPES, RECORDS_BY_KIND, RECORDS_BY_TABLE, Actor, hidden_fields
from alliance_app.server import kind_sums
from alliance_app.server.answers import json_bytes
from alliance_app.server.conflicts import open_conflicts_digest
from alliance_app.server.db import SNAPSHOT
from alliance_app.server.errors import ApiError
from alliance_app.server.pull_cache import Encoded, EncodedStates, StateKey
from alliance_app.server.records import positions, rows_wire
from alliance_app.server.tables import RevCounter, ServerEpoch
from alliance_app.sync.protocol import MAX_PULL_PAGE_BYTES

Entry = tuple[str, Any, int, Encoded]  # a change of the page: kind, id, rev, as encoded


def _cursor_too_old() -> ApiError:
    return ApiError(
        410,
        "cursor_too_old",
        "本机的同步进度已过期，需要重新下载全部记录（未上传的修改会保留）",
        "This desktop's sync position has expired; it must download all records again (unsent edits are kept)",
    )


@cache
def _first_revs() -> Any:
    """The first `limit` changed revs after `cursor` up to `upper` over every record table, as (rev, tbl) rows: the
    union of each table's own first `limit` (each an index range scan), cut again. Built once with bound
    parameters: composing the eleven-part union costs more than running it."""
    limit = bindparam("limit", type_=Integer)
    parts = []
    for cls in RECORD_TYPES:
        table = cls.__table__  # type: ignore[attr-defined]
        parts.append(
            select(table.c.rev.label("rev"), literal(table.name).label("tbl"))
            .where(table.c.rev > bindparam("cursor"), table.c.rev <= bindparam("upper"))
            .order_by(table.c.rev)
            .limit(limit)
            .subquery()
            .select()
        )
    query = union_all(*parts).subquery()
    return select(query.c.rev, query.c.tbl).order_by(column("rev")).limit(limit).subquery()


@cache
def _page_tables_query() -> Select[Any]:
    """Per table among those first revs: how many, and the lowest: a few rows, where the revs themselves are up to
    a thousand (reading them cost more than the query)."""
    first = _first_revs()
    return select(first.c.tbl, func.count(), func.min(first.c.rev)).group_by(first.c.tbl)


@cache
def _nth_rev_query() -> Select[Any]:
    first = _first_revs()
    return select(first.c.rev).order_by(first.c.rev).offset(bindparam("nth", type_=Integer)).limit(1)


def _page_span(session: Session, cursor: int, upper: int, limit: int) -> tuple[int, bool, set[str]]:
    """Where a page of at most `limit` changed revs after `cursor` ends (the counter, or the `limit`-th rev when
    more follow), whether more follow, and the tables its changes are in."""
    asked = {"cursor": cursor, "upper": upper, "limit": limit + 1}
    rows = session.execute(_page_tables_query(), asked).all()
    if sum(int(row[1]) for row in rows) <= limit:
        return upper, False, {str(row[0]) for row in rows}
    bound = int(session.execute(_nth_rev_query(), {**asked, "nth": limit - 1}).scalar_one())
    return bound, True, {str(row[0]) for row in rows if int(row[2]) <= bound}


def _refs(kind: str, row: Row[Any]) -> tuple[tuple[str, Any], ...]:
    """(kind, id) of every record a row refers to."""
    return tuple((target_kind, row[index]) for index, target_kind in _references(kind) if row[index])


def _prerequisites(session: Session, page: list[Entry], bound: int, actor: Actor) -> list[tuple[str, dict[str, Any]]]:
    """Records the page refers to that the client cannot have yet (rev above the page), recursively."""
    have = {(kind, record_id) for kind, record_id, _, _ in page}
    extra: list[tuple[str, Row[Any]]] = []
    refs = [ref for *_, encoded in page for ref in encoded.refs]
    while refs:
        wanted: dict[str, set[Any]] = defaultdict(set)
        for target_kind, target in refs:
            if (target_kind, target) not in have:
                wanted[target_kind].add(target)
        refs = []
        for kind, ids in wanted.items():
            table = _table(kind)
            for row in session.execute(select(table).where(table.c.id.in_(ids), table.c.rev > bound)):
                have.add((kind, row[positions(kind)["id"]]))
                extra.append((kind, row))
                refs.extend(_refs(kind, row))
    return [(kind, _wire(kind, row, actor)) for kind, row in extra]


@cache
def _references(kind: str) -> tuple[tuple[int, str], ...]:
    """(column position, kind referred to) for each foreign key of a kind's table."""
    at = positions(kind)
    return tuple((at[fk.parent.name], RECORDS_BY_TABLE[fk.column.table.name].kind) for fk in _table(kind).foreign_keys)


def _table(kind: str) -> Table:
    return RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]


def _byte_cut(revs: list[int], sizes: list[int], max_bytes: int) -> int:
    """How many of the page's changes fit in `max_bytes` of JSON (`sizes`: each change's encoded length): at least
    the first rev's, and never a cut between records of the same rev (the cursor moves by whole revs)."""
    total = 0
    for index, size in enumerate(sizes):
        total += size
        if total > max_bytes:
            cut = index
            while cut > 0 and revs[cut - 1] == revs[cut]:
                cut -= 1
            if cut == 0:  # one rev's records alone pass the limit: they go out together, alone
                cut = 1
                while cut < len(revs) and revs[cut] == revs[0]:
                    cut += 1
            return cut
    return len(revs)


def _wire(kind: str, row: Row[Any], actor: Actor) -> dict[str, Any]:
    return rows_wire(kind, [row], actor)[0]


@cache
def bounds_columns() -> tuple[Any, ...]:
    """The last committed revision, the purge horizon and the epoch, as columns any statement can carry: the pull
    route reads them with the login check (deps.login_and_more), so a pull pays no statement of its own for them.
    Built once."""
    counter, epoch = cast(Table, RevCounter.__table__), cast(Table, ServerEpoch.__table__)
    return (
        select(counter.c.rev).where(counter.c.id == 1).scalar_subquery(),
        select(counter.c.purged_rev).where(counter.c.id == 1).scalar_subquery(),
        select(epoch.c.epoch).scalar_subquery(),
    )


Bounds = tuple[int, int, str]
NOT_READ = object()  # `pull_json(newest=)`: the caller did not read the kinds' newest sums


def bounds_of(values: tuple[Any, ...]) -> Bounds:
    """`bounds_columns`' values as (counter, purge horizon, epoch); a database without its counter row has none."""
    rev, purged, epoch = values
    return (0, 0, "") if rev is None else (int(rev), int(purged), epoch or "")


def _bounds(session: Session) -> Bounds:
    """`bounds_columns` as this transaction sees them, read on their own (one statement)."""
    return bounds_of(tuple(session.execute(select(*bounds_columns())).one()))


@cache
def _keys_query(kind: str) -> Select[Any]:
    table = _table(kind)
    columns = (table.c.id, table.c.rev, table.c.updated_at, table.c.owner_member_id)
    return select(*columns).where(table.c.rev > bindparam("cursor"), table.c.rev <= bindparam("bound"))


@cache
def _rows_query(kind: str) -> Select[Any]:
    """Whole rows of the changes `ids` in (cursor, bound]: the ones no desktop of this worker pulled yet. Built once."""
    table = _table(kind)
    ids: Any = bindparam("ids", expanding=True)
    return select(table).where(
        table.c.id.in_(ids), table.c.rev > bindparam("cursor"), table.c.rev <= bindparam("bound")
    )


Key = tuple[Any, int, Any, Any]  # a change's id, rev, updated_at and owner: what `_changes` looks a state up by


@cache
def _short_page_query() -> Select[Any]:
    """Every kind's changes in (cursor, upper] as (kind, id, rev, updated_at, owner), at most `limit` rows: one
    statement for the keys of all kinds. Built once."""
    parts = []
    for cls in RECORD_TYPES:
        table = _table(cls.kind)
        columns = (table.c.id, table.c.rev, table.c.updated_at, table.c.owner_member_id)
        parts.append(
            select(literal(cls.kind).label("kind"), *columns).where(
                table.c.rev > bindparam("cursor"), table.c.rev <= bindparam("upper")
            )
        )
    return select(union_all(*parts).subquery()).limit(bindparam("limit", type_=Integer))


def _short_page_keys(session: Session, cursor: int, upper: int, limit: int) -> dict[str, list[Key]] | None:
    """The keys of every change in (cursor, upper], by kind, when there are at most `limit` of them: then the page
    ends at the counter (the usual pull, of a desktop a few syncs behind), and this one statement stands for
    `_page_span`'s and each kind's own keys query. None when there are more: `_page_span` finds where it ends."""
    asked = {"cursor": cursor, "upper": upper, "limit": limit + 1}
    rows = session.execute(_short_page_query(), asked).all()
    if len(rows) > limit:
        return None
    keys: dict[str, list[Key]] = {}
    for kind, *key in rows:
        keys.setdefault(kind, []).append(tuple(key))
    return keys


def _changes(
    session: Session,
    actor: Actor,
    kind: str,
    span: tuple[int, int],
    epoch: str,
    states: EncodedStates,
    keys: list[Key] | None = None,
) -> list[Entry]:
    """The records of one kind changed in (cursor, bound], encoded: what this worker encoded before (pull_cache.py)
    taken as it is, the rest read whole and encoded once. Keys first (`keys`: read already, every one of the
    kind in the span), then only the rows not held."""
    cursor, bound = span
    hidden_of: dict[Any, frozenset[str]] = {}
    order: list[tuple[Any, int, StateKey]] = []
    found: dict[Any, Encoded] = {}
    if keys is None:
        keys = [tuple(row) for row in session.execute(_keys_query(kind), {"cursor": cursor, "bound": bound})]
    for record_id, rev, at, owner in keys:
        hidden = hidden_of.get(owner)
        if hidden is None:
            hidden = hidden_of[owner] = hidden_fields(actor, kind, owner)
        key = (epoch, kind, record_id, rev, at, hidden)
        encoded = states.get(key)
        if encoded is not None:
            found[record_id] = encoded
        order.append((record_id, rev, key))
    missing = {record_id: key for record_id, _, key in order if record_id not in found}
    if missing:
        at = positions(kind)
        rows = session.execute(_rows_query(kind), {"ids": list(missing), "cursor": cursor, "bound": bound}).all()
        for row, wire in zip(rows, rows_wire(kind, rows, actor), strict=True):
            key = missing[row[at["id"]]]
            if (row[at["rev"]], row[at["updated_at"]]) != key[3:5]:
                continue  # changed since its key was read: its new rev is past this page, a later one sends it
            found[row[at["id"]]] = encoded = Encoded(json_bytes(wire), _refs(kind, row))
            states.put(key, encoded)
    return [(kind, record_id, rev, found[record_id]) for record_id, rev, _ in order if record_id in found]


def pull_json(
    session: Session,
    actor: Actor,
    cursor: int,
    limit: int,
    max_bytes: int = MAX_PULL_PAGE_BYTES,
    *,
    conflicts: bool = False,
    states: EncodedStates | None = None,
    sums: bool = False,
    bounds: Bounds | None = None,
    newest: Any = NOT_READ,
) -> tuple[bytes, dict[str, int]]:
    """One page of changes after `cursor` as the JSON body of a PullResponse, and how many records of each kind it
    sends (for the metrics). A page holds up to `limit` records, and stops early once its records pass `max_bytes`
    of JSON. Each change is encoded once (`states`: this worker's encoded states; None, none kept) and the same
    bytes are measured for the cut and written into the answer. `conflicts`: the last page also carries the digest
    of the account's open conflicts; `sums`: every kind's running sums as of its cursor (kind_sums.py), so the
    desktop's check after the pull needs no request of its own. `bounds`: the counter, purge horizon and epoch,
    when the caller read them in this transaction (`bounds_columns`); else they are read here. `newest`: the kinds'
    newest sums at the counter as the caller read them in this transaction (`kind_sums.newest_column`)."""
    states = EncodedStates(0) if states is None else states
    upper, purged, epoch = _bounds(session) if bounds is None else bounds
    if cursor > upper or (0 < cursor < purged):
        raise _cursor_too_old()
    page: list[Entry] = []
    short = _short_page_keys(session, cursor, upper, limit)
    if short is not None:
        bound, has_more = upper, False
        for cls in RECORD_TYPES:
            if cls.kind in short:
                page.extend(_changes(session, actor, cls.kind, (cursor, bound), epoch, states, short[cls.kind]))
    else:
        bound, has_more, tables = _page_span(session, cursor, upper, limit)
        for cls in RECORD_TYPES:
            if _table(cls.kind).name in tables:
                page.extend(_changes(session, actor, cls.kind, (cursor, bound), epoch, states))
    page.sort(key=lambda entry: entry[2])  # stable: the order of the kinds within one rev stays
    cut = _byte_cut([rev for _, _, rev, _ in page], [len(e.json) for *_, e in page], max_bytes)
    if cut < len(page):
        page = page[:cut]
        bound, has_more = page[-1][2], True
    # In one snapshot, no record holds a rev above the counter it read: a page that ends there refers to nothing
    # the desktop cannot have (only a page that stops short, or a pull not in a snapshot, must look).
    last_in_snapshot = bound == upper and session.info.get(SNAPSHOT, False)
    extra = [] if last_in_snapshot else _prerequisites(session, page, bound, actor)
    answer: dict[str, Any] = {
        "changes": [orjson.Fragment(encoded.json) for *_, encoded in page],
        "prerequisites": [wire for _, wire in extra],
        "cursor": bound,
        "has_more": has_more,
        "server_rev": upper,
    }
    if conflicts and not has_more:
        answer["conflicts_digest"] = open_conflicts_digest(session, actor)
    if sums and not has_more:
        if newest is not NOT_READ and bound == upper:  # always so on a last page; read with the bounds
            counted = kind_sums.newest_of(newest, RECORDS_BY_KIND)
        else:
            counted = kind_sums.as_of(session, list(RECORDS_BY_KIND), bound, within=True)  # in the page's snapshot
        if counted is not None:
            answer["sums"] = {"at": bound, "kinds": kind_sums.wire(counted)}
    sent = Counter(kind for kind, *_ in page) + Counter(kind for kind, _ in extra)
    return json_bytes(answer), dict(sent)


def pull(
    session: Session, actor: Actor, cursor: int, limit: int, max_bytes: int = MAX_PULL_PAGE_BYTES
) -> dict[str, Any]:
    """`pull_json`'s page as a dict (tests, tools): exactly what a desktop reads."""
    page: dict[str, Any] = orjson.loads(pull_json(session, actor, cursor, limit, max_bytes)[0])
    return page
