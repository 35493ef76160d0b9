"""Reading records: filtered, sorted, paged lists and substring search over Chinese and English names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, String, cast, func, or_, select
from sqlalchemy.orm import Session

from alliance_app.models import (
    RECORDS_BY_KIND,
    Actor,
    Member,
    Problem,
    ValidationError,
    coerce,
    field_specs,
    hidden_fields,
    record_type,
    specs_by_name,
)
from alliance_app.models.validation import text_problem
from alliance_app.services import column_filters, name_order
from alliance_app.services.column_filters import Between, Contains
from alliance_app.store import sort_keys

MAX_PAGE = 1000
# The longest search text: longer than any name the search columns hold (SQLite refuses LIKE patterns past
# 50,000 bytes, and no name is a tenth of that).
MAX_SEARCH = 400


def _refused(code: str, zh: str, en: str) -> ValidationError:
    return ValidationError([Problem(None, code, zh, en)])


def check_query(kind: str, query: RecordQuery) -> None:
    """The rules a list query must meet, said in both languages (the window, the CLI and the report all list)."""
    if len(query.search) > MAX_SEARCH:
        raise _refused(
            "search_too_long",
            f"搜索内容最多 {MAX_SEARCH} 个字符（现有 {len(query.search)} 个）",
            f"A search is at most {MAX_SEARCH} characters (this one has {len(query.search)})",
        )
    if text_problem(query.search):
        raise _refused("bad_text", "搜索内容含有无法读取的字符", "The search contains characters that cannot be read")
    if query.offset < 0 or (query.limit is not None and query.limit < 0):
        raise _refused(
            "bad_page", "条数和起始位置不能为负数", "The number of records and the offset cannot be negative"
        )


def _filter_values(kind: str, name: str, wanted: Any) -> list[Any]:
    """The wanted values of one filter, read by the field's own conversion: a value the field cannot hold (an
    unknown status, a date that is not one) is refused, never answered with an empty list."""
    allowed = list(wanted) if isinstance(wanted, list | tuple | set | frozenset) else [wanted]
    spec = specs_by_name(kind).get(name)
    if spec is None:
        for value in allowed:
            if isinstance(value, str) and text_problem(value):
                raise _refused("bad_text", "筛选值含有无法读取的字符", "A filter value contains unreadable characters")
        return allowed
    values = []
    for value in allowed:
        if isinstance(value, str) and text_problem(value):
            raise _refused(
                "bad_text", f"{spec.zh}的筛选值含有无法读取的字符", f"The {spec.en} filter has unreadable characters"
            )
        read = coerce(spec, value) if isinstance(value, str) else value
        if spec.type == "domains":
            values.extend(read if isinstance(read, list) else [read])
        else:
            values.append(getattr(read, "value", read))
    return values


# A filter on the city of the member a record belongs to (its own city for a member): "武汉的智能制造项目".
OWNER_CITY = "owner_city"


@dataclass(frozen=True)
class RecordQuery:
    """What a list shows: a search text, field filters (a value or a list of allowed values), a member the
    records belong to, the sort column and a page."""

    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    member_id: str | None = None
    sort: str | None = None
    descending: bool = False
    offset: int = 0
    limit: int | None = 200
    include_deleted: bool = False


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    offset: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_clause(kind: str, text: str) -> Any:
    cls = RECORDS_BY_KIND[kind]
    pattern = f"%{_escape_like(text)}%"
    # SQLite's LIKE already ignores ASCII case, exactly as ilike's lower() would (neither folds other letters);
    # without lower() on every row a search over 100k records takes half the time.
    clauses = [getattr(cls, name).like(pattern, escape="\\") for name in cls.search_columns]
    if kind != "member":
        # A record is also found by the names of the member it belongs to.
        member_ids = select(Member.id).where(
            or_(
                Member.name_zh.like(pattern, escape="\\"),
                Member.name_en.like(pattern, escape="\\"),
                Member.short_name.like(pattern, escape="\\"),
            )
        )
        clauses.append(cls.owner_member_id.in_(member_ids))
    return or_(*clauses)


def _filtered(kind: str, query: RecordQuery, columns: Sequence[Any]) -> Select[Any]:
    cls = record_type(kind)
    specs = specs_by_name(kind)
    statement = select(*columns)
    if not query.include_deleted:
        statement = statement.where(cls.deleted.is_(False))
    if query.search.strip():
        statement = statement.where(_search_clause(kind, query.search.strip()))
    if query.member_id:
        statement = statement.where(cls.owner_member_id == query.member_id)
    check_query(kind, query)
    for name, wanted in query.filters.items():
        if name == OWNER_CITY:
            cities = _filter_values("member", "city", wanted)  # read as a member's city is read
            in_cities = select(Member.id).where(Member.city.in_(cities))
            statement = statement.where((cls.id if kind == "member" else cls.owner_member_id).in_(in_cities))
            continue
        if isinstance(wanted, Between | Contains):  # a column filter: a range, or text it contains
            statement = statement.where(column_filters.clause(kind, name, wanted))
            continue
        if name not in specs and name not in ("id", "owner_member_id"):
            raise ValueError(f"{kind} has no field {name}")
        column = getattr(cls, name)
        allowed = _filter_values(kind, name, wanted)
        if name in specs and specs[name].type == "domains":
            statement = statement.where(or_(*(cast(column, String).like(f'%"{code}"%') for code in allowed)))
        else:
            statement = statement.where(column.in_(allowed))
    return statement


def _ordered(kind: str, statement: Select[Any], query: RecordQuery, session: Session | None = None) -> Select[Any]:
    cls = record_type(kind)
    sort = query.sort or cls.default_sort
    specs = specs_by_name(kind)
    if sort not in specs and sort not in ("updated_at", "rev", "id"):
        raise ValueError(f"{kind} cannot be sorted by {sort}")
    column: Any = getattr(cls, sort)
    pinyin = sort_keys.sort_column(cls.__tablename__, sort)  # type: ignore[attr-defined]
    if session is not None and pinyin is not None and session.connection().dialect.name == "sqlite":
        column = pinyin  # names by pinyin, from the store's indexed sort key
    elif session is not None and kind == "member" and sort in name_order.PINYIN_MEMBER_COLUMNS:
        column = name_order.rank_of(session, cls.id, sort)  # members by the pinyin of their names
    elif session is not None and sort in specs and specs[sort].ref == "member":
        column = name_order.rank_of(session, column)  # by the member's name, not its id
    # The id breaks ties, so paging is stable when many rows share a value.
    return statement.order_by(column.desc() if query.descending else column.asc(), cls.id)


def count(session: Session, kind: str, query: RecordQuery | None = None) -> int:
    cls = record_type(kind)
    query = query or RecordQuery()
    return session.scalar(_filtered(kind, query, [func.count(cls.id)])) or 0


def total(session: Session, kind: str, name: str, query: RecordQuery | None = None) -> float:
    """The sum of the number field `name` over the records matching `query`."""
    if specs_by_name(kind).get(name) is None or specs_by_name(kind)[name].type not in ("number", "integer"):
        raise ValueError(f"{kind} has no number field {name}")
    column = getattr(record_type(kind), name)
    return float(session.scalar(_filtered(kind, query or RecordQuery(), [func.coalesce(func.sum(column), 0)])) or 0)


def ids(session: Session, kind: str, query: RecordQuery | None = None) -> list[str]:
    """Every matching id in list order: what a table view keeps, building its rows on demand."""
    cls = record_type(kind)
    query = query or RecordQuery()
    statement = _ordered(kind, _filtered(kind, query, [cls.id]), query, session)
    return list(session.scalars(statement))


def id_page(session: Session, kind: str, query: RecordQuery) -> list[str]:
    """The matching ids from `query.offset`, at most `query.limit` of them (all when None), in list order: what a
    table view fetches as the user scrolls, so a keystroke never lists every match of a large store."""
    cls = record_type(kind)
    statement = _ordered(kind, _filtered(kind, query, [cls.id]), query, session).offset(query.offset)
    if query.limit is not None:
        statement = statement.limit(query.limit)
    return list(session.scalars(statement))


def rows(session: Session, actor: Actor, kind: str, record_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The records with these ids, in the given order, without the fields `actor` may not see."""
    table = record_type(kind).__table__  # type: ignore[attr-defined]
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(record_ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = record_ids[start : start + 500]
        # Plain rows, not ORM objects: the same typed values at a fraction of the cost for a page of 200.
        for row in session.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            found[row["id"]] = visible(actor, kind, dict(row))
    return [found[i] for i in record_ids if i in found]


def visible(actor: Actor, kind: str, values: dict[str, Any]) -> dict[str, Any]:
    hidden = hidden_fields(actor, kind, values.get("owner_member_id"))
    if not hidden:  # the secretariat, a member's own records: all of it (an export reads 10,000 rows)
        return values
    return {k: (None if k in hidden else v) for k, v in values.items()}


def page(session: Session, actor: Actor, kind: str, query: RecordQuery | None = None) -> Page:
    cls = record_type(kind)
    query = query or RecordQuery()
    limit = min(query.limit or MAX_PAGE, MAX_PAGE)
    # Sort only the sort key and the id, then read the page's rows: sorting whole rows spills to disk at tens of
    # thousands of records and costs hundreds of ms (bench/bench_store_queries.py).
    statement = _ordered(kind, _filtered(kind, query, [cls.id]), query, session).offset(query.offset).limit(limit)
    page_ids = list(session.scalars(statement))
    return Page(rows(session, actor, kind, page_ids), count(session, kind, query), query.offset)


def member_cities(session: Session) -> list[str]:
    """The cities members are in, each once, in pinyin order: the choices of a list's city filter."""
    from alliance_app.models.collation import by_pinyin

    found = session.scalars(select(Member.city).where(Member.deleted.is_(False), Member.city.is_not(None)).distinct())
    return by_pinyin([c for c in found if c], lambda city: city)


def member_names(session: Session) -> dict[str, tuple[str, str | None, str | None]]:
    """Every member's (Chinese name, English name, short name) by id, tombstones included, for pickers and lists;
    in pinyin order of the Chinese name, read from the stored key (sorting here would load pypinyin at start-up)."""
    query = select(Member.id, Member.name_zh, Member.name_en, Member.short_name).order_by(
        sort_keys.sort_column(Member.__tablename__, "name_zh"), Member.id
    )
    return {row.id: (row.name_zh, row.name_en, row.short_name) for row in session.execute(query)}


def kinds() -> list[str]:
    return list(RECORDS_BY_KIND)


def columns(kind: str) -> list[str]:
    return [s.name for s in field_specs(kind)]
