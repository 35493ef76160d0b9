"""Every field type goes from the wire into the desktop's store and back unchanged, by both of the replica's
paths (a bulk insert of new records, an update of known ones), and the bulk insert stores exactly what an ORM
insert would: the converters are derived from the column types, so a changed column cannot drift from them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, LargeBinary, Numeric, text

from alliance_app.models import RECORD_TYPES, SYNC_COLUMNS, Domain, FieldSpec, field_specs, new_id, to_wire
from alliance_app.models.column_values import from_wire_reader
from alliance_app.store.engine import open_store
from alliance_app.sync import replica
from alliance_app.sync.protocol import RecordState

UPDATED_AT = datetime(2026, 11, 26, 9, 30, 0, 123456)
TYPES = {"text", "long_text", "enum", "date", "datetime", "number", "integer", "bool", "domains"}


def _value(spec: FieldSpec, ids: dict[str, str], variant: int) -> Any:
    """A wire value of the field that is not its default, different for each variant."""
    if spec.ref is not None:
        return ids[spec.ref]
    if spec.type == "enum":
        assert spec.enum is not None
        return list(spec.enum)[-1 - variant].value
    if spec.type == "date":
        return ["2024-02-29", "2025-12-31"][variant]
    if spec.type == "datetime":
        return ["2026-03-01T08:05:09.000001", "2026-03-02T00:00:00"][variant]
    if spec.type == "integer":
        return 2024 + variant
    if spec.type == "number":
        return [12.5, 0.1][variant]
    if spec.type == "bool":
        return variant == 0
    if spec.type == "domains":
        return [d.value for d in list(Domain)[variant : variant + 2]]
    text_value = ["值“一”\n第二行 ✓", "another value"][variant]
    return text_value[: spec.max_length] if spec.max_length else text_value


def _states(variant: int, rev: int) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """One record of every kind, each pointing at the others of the batch."""
    ids = {cls.kind: f"{new_id()[:-4]}{n:04d}" for n, cls in enumerate(RECORD_TYPES)}
    return [
        RecordState(
            kind=cls.kind,
            id=ids[cls.kind],
            rev=rev,
            deleted=False,
            updated_at=UPDATED_AT,
            updated_by="秘书处",
            owner_member_id=ids["member"],
            values={spec.name: _value(spec, ids, variant) for spec in field_specs(cls.kind)},
        ).model_dump(mode="json")
        for cls in RECORD_TYPES
    ], ids


def _apply(store: Any, states: list[dict[str, Any]]) -> None:
    with store.write() as session:
        session.execute(text("PRAGMA defer_foreign_keys=ON"))
        replica.apply_states(session, states, {})


def _assert_read_back(store: Any, states: list[dict[str, Any]]) -> None:
    by_kind = {cls.kind: cls for cls in RECORD_TYPES}
    with store.read() as session:
        for state in states:
            record = session.get(by_kind[state["kind"]], state["id"])
            assert record is not None
            for spec in field_specs(state["kind"]):
                assert to_wire(getattr(record, spec.name)) == state["values"][spec.name], (state["kind"], spec.name)
            assert (record.rev, record.deleted, record.updated_by) == (state["rev"], False, "秘书处")
            assert (record.updated_at, record.owner_member_id) == (UPDATED_AT, state["owner_member_id"])


def test_the_states_cover_every_field_type() -> None:
    assert {spec.type for cls in RECORD_TYPES for spec in field_specs(cls.kind)} == TYPES


def test_every_field_type_round_trips_through_the_bulk_insert_and_the_update(tmp_path: Path) -> None:
    store = open_store(tmp_path / "desk")
    try:
        first, ids = _states(0, rev=1)
        _apply(store, first)  # new records: one raw executemany per kind
        _assert_read_back(store, first)
        second, _ = _states(1, rev=2)
        for state, before in zip(second, first, strict=True):  # the same records, every field changed
            state["id"] = before["id"]
            for spec in field_specs(state["kind"]):
                if spec.ref is not None:
                    state["values"][spec.name] = ids[spec.ref]
        _apply(store, second)  # known records: ORM updates
        _assert_read_back(store, second)
    finally:
        store.close()


def test_the_bulk_insert_stores_exactly_what_an_orm_insert_stores(tmp_path: Path) -> None:
    bulk, orm = open_store(tmp_path / "bulk"), open_store(tmp_path / "orm")
    try:
        states, _ = _states(0, rev=1)
        _apply(bulk, states)
        with orm.write() as session:  # the same records, written by SQLAlchemy's own encoding
            session.execute(text("PRAGMA defer_foreign_keys=ON"))
            for cls, state in zip(RECORD_TYPES, states, strict=True):
                read = replica.READERS[cls.kind]
                values = {**state["values"], **{c: state[c] for c in SYNC_COLUMNS}}
                session.add(cls(**{name: read[name](value) for name, value in values.items()}))
        for cls, state in zip(RECORD_TYPES, states, strict=True):
            sql = f"SELECT * FROM {cls.__tablename__} WHERE id = ?"  # type: ignore[attr-defined]
            rows = []
            for store in (bulk, orm):
                with store.read() as session:
                    rows.append(dict(session.connection().exec_driver_sql(sql, (state["id"],)).one()._mapping))
            assert rows[0] == rows[1], cls.kind
    finally:
        bulk.close()
        orm.close()


@pytest.mark.parametrize("column_type", [LargeBinary(), Numeric(10, 2)])
def test_a_column_the_wire_cannot_carry_is_refused_when_the_converters_are_built(column_type: Any) -> None:
    with pytest.raises(TypeError, match="no wire form"):
        from_wire_reader(Column("figures", column_type))


def test_a_code_no_choice_lists_is_a_value_error_like_any_value_a_column_cannot_hold() -> None:
    member_kind = dict(replica.STORAGE["member"])["member_kind"]
    assert member_kind("university") == "university"
    with pytest.raises(ValueError, match="no_such_kind"):
        member_kind("no_such_kind")
