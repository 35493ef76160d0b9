"""The raw bulk insert (store/bulk.py) stores exactly what SQLAlchemy's insert stores: same text in every column
of every kind of value (enum codes, dates, times, JSON, flags, numbers, empty), and refuses what it refuses."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Table, insert
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.exc import IntegrityError

from alliance_app.models import LabKind, MemberKind, MemberStatus, ProjectStatus, new_id, record_type
from alliance_app.models.column_values import driver_writer
from alliance_app.store import bulk
from alliance_app.store.engine import Store, open_store
from alliance_app.store.local_tables import OutboxEntry


def _table(kind: str) -> Table:
    return record_type(kind).__table__  # type: ignore[attr-defined,no-any-return]


def _sync(record_id: str) -> dict[str, Any]:
    return {"id": record_id, "rev": None, "deleted": False, "updated_at": datetime(2026, 11, 29, 8, 1, 2, 345678),
            "updated_by": "秘书处", "owner_member_id": None}  # fmt: skip


def _rows() -> list[tuple[Table, list[dict[str, Any]]]]:
    member, lab = new_id(), new_id()
    members = [
        {"name_zh": "湖北光谷智能科技有限公司", "name_en": None, "short_name": "光谷智能", "credit_code": None,
         "member_kind": MemberKind.UNIVERSITY, "alliance_role": "member", "status": MemberStatus.ACTIVE,
         "city": "武汉市", "district": "", "joined_on": date(2024, 3, 1), "status_changed_on": None,
         "status_reason": None, "domains": ["smart_city", "beidou"], "ai_high_tech": True, "website": None,
         "description": "多行\n文字 'quoted' \"x\""}
    ]  # fmt: skip
    members = [{**m, **_sync(member), "owner_member_id": member} for m in members]
    projects = [
        {"lead_member_id": member, "title": f"示范 {i}", "title_en": None, "domain": "smart_city",
         "project_kind": "research", "status": ProjectStatus.ONGOING, "start_date": date(2024, 3, 1),
         "end_date": None, "investment": 12000.5 if i else 0.0, "funding_source": None, "description": None,
         **_sync(new_id()), "owner_member_id": member}
        for i in range(3)
    ]  # fmt: skip
    labs = [
        {
            "lead_member_id": member,
            "name": "联合实验室",
            "lab_kind": LabKind.JOINT_LAB,
            "domains": [],
            **_sync(lab),
            "owner_member_id": member,
        }
    ]
    outbox = [
        {"mutation_id": new_id(), "kind": "project", "record_id": p["id"], "op": "create",
         "changes": {"title": [None, p["title"]], "start_date": [None, "2024-03-01"], "n": [None, 1.5]},
         "base_rev": None, "created_at": datetime(2026, 11, 29, 8, 1, 2), "created_by": "秘书处",
         "state": "pending", "attempts": 0}
        for p in projects
    ]  # fmt: skip
    return [(_table("member"), members), (_table("project"), projects), (_table("lab_partnership"), labs),
            (OutboxEntry.__table__, outbox)]  # type: ignore[list-item]  # fmt: skip


def _stored(store: Store, table: Table) -> list[tuple[Any, ...]]:
    with store.read() as session:
        return list(session.connection().exec_driver_sql(f"SELECT * FROM {table.name} ORDER BY rowid"))


def _complete(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every column of the table named (the lab's fields left out above take their declared defaults)."""
    from alliance_app.models.integrity import defaults

    kind = getattr(record_type_of(table), "kind", None)
    return [{**(defaults(kind) if kind else {}), **row} for row in rows]


def record_type_of(table: Table) -> Any:
    from alliance_app.models import RECORDS_BY_KIND

    return next((c for c in RECORDS_BY_KIND.values() if c.__table__ is table), None)  # type: ignore[attr-defined]


def _insert_both_ways(
    raw: Store, orm: Store, members: tuple[Table, list[dict[str, Any]]], table: Table, rows: list[dict[str, Any]]
) -> None:
    """The members, then `rows` into `table`: in `raw` through the bulk insert, in `orm` through SQLAlchemy's."""
    for store in (raw, orm):
        with store.write() as session:
            session.execute(insert(members[0]), _complete(*members))
            (bulk.insert_many if store is raw else lambda s, t, r: s.execute(insert(t), r))(
                session, table, [dict(r) for r in rows]
            )


def test_the_raw_insert_stores_what_sqlalchemys_insert_stores(tmp_path: Path) -> None:
    raw, orm = open_store(tmp_path / "raw"), open_store(tmp_path / "orm")
    try:
        for table, rows in _rows():
            rows = _complete(table, rows)
            with raw.write() as session:
                bulk.insert_many(session, table, [dict(r) for r in rows])
            with orm.write() as session:
                session.execute(insert(table), [dict(r) for r in rows])
            assert _stored(raw, table) == _stored(orm, table), table.name
            assert len(_stored(raw, table)) == len(rows)
    finally:
        raw.close(), orm.close()


def test_rows_leaving_out_a_defaulted_column_or_naming_different_columns_take_sqlalchemys_way(tmp_path: Path) -> None:
    raw, orm = open_store(tmp_path / "raw"), open_store(tmp_path / "orm")
    try:
        (members, member_rows), _projects, (table, rows), _outbox = _rows()
        # The lab leaves out its counts, status, …: SQLAlchemy fills their defaults. The second row names one more.
        uneven = [dict(rows[0]), {**rows[0], "id": new_id(), "status": "closed"}]
        _insert_both_ways(raw, orm, (members, member_rows), table, uneven)
        assert _stored(raw, table) == _stored(orm, table)
        stored = _stored(raw, table)
        assert len(stored) == 2 and stored[0] != stored[1]
    finally:
        raw.close(), orm.close()


def test_a_code_the_column_does_not_list_is_refused_as_by_sqlalchemy(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    try:
        table, rows = _rows()[0]
        bad = [{**_complete(table, rows)[0], "member_kind": "spaceship"}]
        with pytest.raises(LookupError), store.write() as session:
            bulk.insert_many(session, table, bad)
        assert _stored(store, table) == []
    finally:
        store.close()


def test_rows_split_over_several_statements_are_stored_whole_and_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several multi-row statements (2 rows each here, 500 in use) store what one SQLAlchemy insert stores,
    in the same order, the last statement shorter than the others."""
    monkeypatch.setattr(bulk, "ROWS_PER_STATEMENT", 2)
    raw, orm = open_store(tmp_path / "raw"), open_store(tmp_path / "orm")
    try:
        (members, member_rows), (projects, project_rows), _labs, _outbox = _rows()
        # Days repeat and differ (each converted once per insert), some empty.
        many = [{**project_rows[i % 3], "id": new_id(), "title": f"示范 {i}", "start_date": date(2024, 3, 1 + i % 2),
                 "end_date": None if i % 2 else date(2025, 1, i + 1)} for i in range(5)]  # fmt: skip
        _insert_both_ways(raw, orm, (members, member_rows), projects, many)
        assert _stored(raw, projects) == _stored(orm, projects)
        assert [row[1] for row in _stored(raw, projects)] == [f"示范 {i}" for i in range(5)]
    finally:
        raw.close(), orm.close()


def test_a_row_the_table_refuses_in_a_later_statement_leaves_nothing_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row breaking a constraint fails the insert and the transaction: no earlier statement's rows stay."""
    monkeypatch.setattr(bulk, "ROWS_PER_STATEMENT", 2)
    store = open_store(tmp_path / "data")
    try:
        (members, member_rows), (projects, project_rows), _labs, _outbox = _rows()
        with store.write() as session:
            session.execute(insert(members), _complete(members, member_rows))
        many = [{**project_rows[0], "id": new_id(), "investment": -1.0 if i == 4 else 1.0} for i in range(5)]
        with pytest.raises(IntegrityError), store.write() as session:
            bulk.insert_many(session, projects, many)
        assert _stored(store, projects) == []
    finally:
        store.close()


@given(st.datetimes() | st.datetimes(timezones=st.just(UTC)) | st.dates() | st.none())
def test_a_moment_is_written_as_the_dialects_own_processor_writes_it(moment: Any) -> None:
    """The raw insert writes naive moments by `isoformat` (an import has 23,000 stamps): the same text as
    SQLite's DATETIME processor for any moment; zoned moments, days and empty go to the processor itself."""
    column = OutboxEntry.__table__.c.created_at  # type: ignore[attr-defined]
    processor = driver_writer(column, sqlite_dialect())
    assert bulk._writes_iso_moments(processor)
    assert bulk._iso_moments(processor)(moment) == processor(moment)
