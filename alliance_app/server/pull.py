"""Pull: one page of the changes after a desktop's cursor, as the account may see them, and the records the page
refers to that the desktop cannot have yet. Built from plain positional rows and encoded once (see `pull_page`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from itertools import repeat
from typing import Any

import orjson
from sqlalchemy import Integer, Row, Select, Table, bindparam, column, literal, select, union_all
from sqlalchemy.orm import Session

from alliance_app.models import RECORD_TYPES, RECORDS_BY_KIND, RECORDS_BY_TABLE, Actor
from alliance_app.server.answers import json_bytes
from alliance_app.server.conflicts import open_conflicts_digest
from alliance_app.server.db import committed_rev
from alliance_app.server.errors import ApiError
from alliance_app.server.records import positions, rows_wire
from alliance_app.sync.protocol import MAX_PULL_PAGE_BYTES


def _cursor_too_old() -> ApiError:
    return ApiError(
        410,
        "cursor_too_old",
        "本机的同步进度已过期，需要重新下载全部记录（未上传的修改会保留）",
        "This desktop's sync position has expired; it must download all records again (unsent edits are kept)",
    )


@cache
def _page_revs_query() -> Select[Any]:
    """The smallest `limit + 1` (rev, table) pairs in (cursor, upper], from the rev index of every table.
    Built once with bound parameters: composing the eleven-part union costs more than running it."""
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
    return select(query.c.rev, query.c.tbl).order_by(column("rev")).limit(limit)


def _page_revs(session: Session, cursor: int, upper: int, limit: int) -> list[tuple[int, str]]:
    rows = session.execute(_page_revs_query(), {"cursor": cursor, "upper": upper, "limit": limit + 1}).all()
    return [(int(r[0]), str(r[1])) for r in rows]


def _prerequisites(session: Session, page: list[tuple[str, Row[Any]]], bound: int) -> list[tuple[str, Row[Any]]]:
    """Records the page refers to that the client cannot have yet (rev above the page), recursively."""
    have = {(kind, row[positions(kind)["id"]]) for kind, row in page}
    extra: list[tuple[str, Row[Any]]] = []
    todo = list(page)
    while todo:
        wanted: dict[str, set[str]] = defaultdict(set)
        for kind, row in todo:
            for index, target_kind in _references(kind):
                target = row[index]
                if target and (target_kind, target) not in have:
                    wanted[target_kind].add(target)
        todo = []
        for kind, ids in wanted.items():
            table = _table(kind)
            for row in session.execute(select(table).where(table.c.id.in_(ids), table.c.rev > bound)):
                have.add((kind, row[positions(kind)["id"]]))
                todo.append((kind, row))
        extra.extend(todo)
    return extra


@cache
def _references(kind: str) -> tuple[tuple[int, str], ...]:
    """(column position, kind referred to) for each foreign key of a kind's table."""
    at = positions(kind)
    return tuple((at[fk.parent.name], RECORDS_BY_TABLE[fk.column.table.name].kind) for fk in _table(kind).foreign_keys)


def _table(kind: str) -> Table:
    return RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]


def _byte_cut(changes: list[dict[str, Any]], sizes: list[int], max_bytes: int) -> int:
    """How many of the page's changes fit in `max_bytes` of JSON (`sizes`: each change's encoded length): at least
    the first rev's, and never a cut between records of the same rev (the cursor moves by whole revs)."""
    total = 0
    for index, size in enumerate(sizes):
        total += size
        if total > max_bytes:
            cut = index
            while cut > 0 and changes[cut - 1]["rev"] == changes[cut]["rev"]:
                cut -= 1
            if cut == 0:  # one rev's records alone pass the limit: they go out together, alone
                cut = 1
                while cut < len(changes) and changes[cut]["rev"] == changes[0]["rev"]:
                    cut += 1
            return cut
    return len(changes)


def _wire(kind: str, row: Row[Any], actor: Actor) -> dict[str, Any]:
    return rows_wire(kind, [row], actor)[0]


def pull_page(
    session: Session,
    actor: Actor,
    cursor: int,
    limit: int,
    max_bytes: int = MAX_PULL_PAGE_BYTES,
    *,
    conflicts: bool = False,
) -> tuple[dict[str, Any], list[bytes]]:
    """One page of changes after `cursor` as a PullResponse-shaped dict (see `row_wire`), read as plain positional
    rows: a page holds up to 1000 records, and stops early once its records pass `max_bytes` of JSON. Also each
    change already encoded, in order: the answer is written from these, so no record is serialised twice.
    `conflicts`: the last page also carries the digest of the account's open conflicts."""
    upper, purged = committed_rev(session)
    if cursor > upper or (0 < cursor < purged):
        raise _cursor_too_old()
    revs = _page_revs(session, cursor, upper, limit)
    has_more = len(revs) > limit
    bound = revs[limit - 1][0] if has_more else upper
    tables = {t for rev, t in revs if rev <= bound}
    page: list[tuple[str, Row[Any], dict[str, Any]]] = []
    for cls in RECORD_TYPES:
        table = _table(cls.kind)
        if table.name in tables:
            rows = session.execute(select(table).where(table.c.rev > cursor, table.c.rev <= bound)).all()
            page.extend(zip(repeat(cls.kind), rows, rows_wire(cls.kind, rows, actor), strict=False))
    page.sort(key=lambda item: item[2]["rev"])  # stable: the order of the kinds within one rev stays
    changes = [wire for _, _, wire in page]
    encoded = [json_bytes(wire) for wire in changes]
    cut = _byte_cut(changes, [len(e) for e in encoded], max_bytes)
    if cut < len(changes):
        page, changes, encoded = page[:cut], changes[:cut], encoded[:cut]
        bound, has_more = changes[-1]["rev"], True
    extra = _prerequisites(session, [(kind, row) for kind, row, _ in page], bound)
    answer = {
        "changes": changes,
        "prerequisites": [_wire(kind, row, actor) for kind, row in extra],
        "cursor": bound,
        "has_more": has_more,
        "server_rev": upper,
    }
    if conflicts and not has_more:
        answer["conflicts_digest"] = open_conflicts_digest(session, actor)
    return answer, encoded


def pull(
    session: Session, actor: Actor, cursor: int, limit: int, max_bytes: int = MAX_PULL_PAGE_BYTES
) -> dict[str, Any]:
    """`pull_page`'s dict alone."""
    return pull_page(session, actor, cursor, limit, max_bytes)[0]


def pull_json(
    session: Session,
    actor: Actor,
    cursor: int,
    limit: int,
    max_bytes: int = MAX_PULL_PAGE_BYTES,
    *,
    conflicts: bool = False,
) -> tuple[bytes, dict[str, int]]:
    """The page as the JSON body of the answer, and how many records of each kind it sends (for the metrics)."""
    answer, encoded = pull_page(session, actor, cursor, limit, max_bytes, conflicts=conflicts)
    sent = Counter(wire["kind"] for part in ("changes", "prerequisites") for wire in answer[part])
    answer["changes"] = [orjson.Fragment(e) for e in encoded]
    return json_bytes(answer), dict(sent)
