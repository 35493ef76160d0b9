"""Lists sorted by a member's Chinese name sort by pinyin (as WPS and Excel do), with the same key the report uses.

SQLite cannot sort by pinyin itself, and computing a pinyin key per row in a query would cost seconds on 100,000
projects. Members are few (tens, a few thousand at most), so their pinyin order is computed once per query as
a rank per member id and handed to SQLite as a function: ORDER BY the rank costs one dict lookup per row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_app.models import Member
from alliance_app.models.collation import pinyin_key

RANK_FUNCTION = "alliance_member_rank"
# Member name columns ordered by pinyin; English names keep SQLite's own (letter) order.
PINYIN_MEMBER_COLUMNS = frozenset({"name_zh", "short_name"})


def member_ranks(session: Session, column: str = "name_zh") -> dict[str, int]:
    """Each member id's place when members are sorted by the pinyin of `column` (ties by Chinese name, id)."""
    names = session.execute(select(Member.id, getattr(Member, column), Member.name_zh)).all()
    ordered = sorted(names, key=lambda row: (pinyin_key(row[1]), pinyin_key(row[2]), row[0]))
    return {row[0]: rank for rank, row in enumerate(ordered)}


def rank_of(session: Session, column_values: Any, by: str = "name_zh") -> Any:
    """An ORDER BY expression: the pinyin rank of the member named in `column_values` (an id column)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":  # the desktop's store is SQLite; elsewhere keep the plain order
        return column_values
    ranks = member_ranks(session, by)
    raw = connection.connection.driver_connection
    raw.create_function(RANK_FUNCTION, 1, ranks.get, deterministic=True)  # type: ignore[union-attr]
    return getattr(func, RANK_FUNCTION)(column_values)
