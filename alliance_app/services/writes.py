"""Create, edit, delete and restore records: each writes the record and its outbox entry in one transaction."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_app.models import (
    OWNER_VIA_PARENT,
    RECORDS_BY_KIND,
    Actor,
    MemberStatus,
    Problem,
    SyncedRecord,
    ValidationError,
    check_record,
    coerce_collecting,
    field_specs,
    link_id,
    new_id,
    record_type,
    to_wire,
    utc_now,
    write_refusal,
)
from alliance_app.services.changes import ChangeSet
from alliance_app.store.local_tables import OutboxEntry

# Link records deleted with their parent; any other live dependant blocks a delete.
CASCADES: dict[str, tuple[tuple[str, str], ...]] = {
    "project": (("project_partner", "project_id"),),
    "lab_partnership": (("lab_partner", "lab_id"),),
    "event": (("attendance", "event_id"),),
}


class PermissionRefused(Exception):
    """The account may not make this change; carries the reason in both languages."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.en)

    def message(self, lang: str = "zh") -> str:
        return self.problem.message(lang)


class RecordNotFound(Exception):
    def __init__(self, kind: str, record_id: str):
        self.kind, self.record_id = kind, record_id
        super().__init__(f"No {kind} with id {record_id}")

    def message(self, lang: str = "zh") -> str:
        return f"找不到编号为 {self.record_id} 的记录" if lang == "zh" else f"No {self.kind} with id {self.record_id}"


def load(session: Session, kind: str, record_id: str, *, allow_deleted: bool = False) -> SyncedRecord:
    record = session.get(record_type(kind), record_id)
    if record is None or (record.deleted and not allow_deleted):
        raise RecordNotFound(kind, record_id)
    return record


def _defaults(kind: str) -> dict[str, Any]:
    table = RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]
    values: dict[str, Any] = {}
    for spec in field_specs(kind):
        default = table.columns[spec.name].default
        if default is None:
            values[spec.name] = [] if spec.type == "domains" else None
        elif default.is_callable:
            values[spec.name] = default.arg(None)
        else:
            values[spec.name] = default.arg
    return values


def _rules(
    kind: str, values: dict[str, Any], failed: set[str | None], old_status: MemberStatus | None = None
) -> list[Problem]:
    """The record's rules, leaving out fields whose typed value already failed (one message per mistake)."""
    return [p for p in check_record(kind, values, old_status=old_status) if p.field not in failed]


def _check_references(session: Session, kind: str, values: dict[str, Any], problems: list[Problem]) -> None:
    for spec in field_specs(kind):
        target = values.get(spec.name)
        if spec.ref is None or target in (None, "") or spec.derived:
            continue
        ref = session.get(RECORDS_BY_KIND[spec.ref], target)
        if ref is None or ref.deleted:
            problems.append(
                Problem(
                    spec.name,
                    "unknown_reference",
                    f"{spec.zh}：找不到编号为 {target} 的记录",
                    f"{spec.en}: no record with id {target}",
                )
            )


def _check_unique(session: Session, kind: str, record_id: str, values: dict[str, Any], problems: list[Problem]) -> None:
    if kind != "member":
        return
    table = RECORDS_BY_KIND["member"]
    for name, zh, en in (("credit_code", "统一社会信用代码", "credit code"), ("name_zh", "中文名称", "Chinese name")):
        value = values.get(name)
        if not value:
            continue
        clash = session.scalar(
            select(table.name_zh).where(  # type: ignore[attr-defined]
                getattr(table, name) == value, table.deleted.is_(False), table.id != record_id
            )
        )
        if clash:
            problems.append(
                Problem(
                    name,
                    "duplicate",
                    f"{zh} {value} 已被成员单位“{clash}”使用",
                    f"{en} {value} is already used by {clash}",
                )
            )


def _derive(session: Session, kind: str, values: dict[str, Any]) -> None:
    """Fills the fields the services own: the offering member of a request."""
    if kind == "resource_request" and values.get("offer_id"):
        offer = session.get(RECORDS_BY_KIND["resource_offer"], values["offer_id"])
        values["offer_member_id"] = offer.member_id if offer is not None else None  # type: ignore[attr-defined]


def owner_of(session: Session, kind: str, values: dict[str, Any], record_id: str) -> str | None:
    """The owning member of a record with these values: its owner column, its parent's owner, or itself."""
    cls = RECORDS_BY_KIND[kind]
    if kind == "member":
        return record_id
    if cls.owner_column:
        return values.get(cls.owner_column)
    parent_column, parent_kind = OWNER_VIA_PARENT[kind]
    parent = session.get(RECORDS_BY_KIND[parent_kind], values.get(parent_column))
    return None if parent is None else parent.owner_member_id


def _outbox(
    session: Session, actor: Actor, kind: str, record: SyncedRecord, op: str, changes: dict[str, list[Any]]
) -> None:
    session.add(
        OutboxEntry(
            mutation_id=new_id(),
            kind=kind,
            record_id=record.id,
            op=op,
            changes=changes,
            base_rev=record.rev,
            created_by=actor.username,
        )
    )


def _refuse_if_needed(actor: Actor, kind: str, op: str, owner: str | None, changed: set[str], values: dict) -> None:
    problem = write_refusal(actor, kind, op, owner_member_id=owner, changed=changed, values=values)
    if problem is not None:
        raise PermissionRefused(problem)


def create(session: Session, actor: Actor, kind: str, raw: dict[str, Any], *, flush: bool = True) -> ChangeSet:
    """Adds a record and its outbox entry. `flush=False` leaves the INSERT to the next flush or the commit,
    for callers that create many records in one transaction (an import) and do not need each row at once."""
    cls = record_type(kind)
    given, problems = coerce_collecting(kind, raw)
    values = {**_defaults(kind), **given}
    _derive(session, kind, values)
    derived_id = link_id(kind, values)
    record_id = derived_id or new_id()
    # Only a derived (link) id can already exist; a fresh UUIDv7 cannot, so it needs no lookup.
    existing = session.get(cls, record_id) if derived_id else None
    if existing is not None and existing.deleted and not problems:
        return _restore(session, actor, kind, existing, values)
    problems += _rules(kind, values, {p.field for p in problems})
    _check_references(session, kind, values, problems)
    _check_unique(session, kind, record_id, values, problems)
    if existing is not None:
        problems.append(Problem(None, "duplicate", "这条关联记录已经存在", "This link already exists"))
    if problems:
        raise ValidationError(problems)
    owner = owner_of(session, kind, values, record_id)
    _refuse_if_needed(actor, kind, "create", owner, set(given), values)
    record = cast(Any, cls)(id=record_id, **values)
    record.owner_member_id = owner
    record.updated_by = actor.username
    record.updated_at = utc_now()
    session.add(record)
    if flush:
        session.flush()
    _outbox(session, actor, kind, record, "create", {k: [None, to_wire(v)] for k, v in values.items()})
    return ChangeSet.of(kind, [record_id], record_id=record_id)


def update(session: Session, actor: Actor, kind: str, record_id: str, raw: dict[str, Any]) -> ChangeSet:
    record = load(session, kind, record_id)
    given, problems = coerce_collecting(kind, raw)
    old = {spec.name: getattr(record, spec.name) for spec in field_specs(kind)}
    values = {**old, **given}
    _derive(session, kind, values)
    changed = {name for name in values if values[name] != old[name]}
    if not changed and not problems:
        return ChangeSet()
    old_status = MemberStatus(old["status"]) if kind == "member" else None
    problems += _rules(kind, values, {p.field for p in problems}, old_status)
    _check_references(session, kind, {k: values[k] for k in changed}, problems)
    _check_unique(session, kind, record_id, {k: values[k] for k in changed}, problems)
    if link_id(kind, values) not in (None, record_id):
        problems.append(
            Problem(
                None, "link_fixed", "关联记录的对象不能修改，请删除后重新添加", "Remove and re-add a link to change it"
            )
        )
    if problems:
        raise ValidationError(problems)
    new_owner = owner_of(session, kind, values, record_id)
    _refuse_if_needed(actor, kind, "update", record.owner_member_id, changed, values)
    if new_owner != record.owner_member_id:
        _refuse_if_needed(actor, kind, "update", new_owner, changed, values)
    for name in changed:
        setattr(record, name, values[name])
    changes = {name: [to_wire(old[name]), to_wire(values[name])] for name in sorted(changed)}
    record.owner_member_id = new_owner
    record.updated_by = actor.username
    record.updated_at = utc_now()
    _outbox(session, actor, kind, record, "update", changes)
    result = ChangeSet.of(kind, [record_id], record_id=record_id)
    return result | _follow_owner(session, kind, record_id, new_owner)


def _follow_owner(session: Session, kind: str, parent_id: str, owner: str | None) -> ChangeSet:
    """Link records owned through a parent follow its new owner (the server derives the same)."""
    result = ChangeSet()
    for child_kind, (column, parent_kind) in OWNER_VIA_PARENT.items():
        if parent_kind != kind:
            continue
        child_cls = RECORDS_BY_KIND[child_kind]
        for child in session.scalars(select(child_cls).where(getattr(child_cls, column) == parent_id)):
            if child.owner_member_id != owner:
                child.owner_member_id = owner
                result = result | ChangeSet.of(child_kind, [child.id], outbox=False)
    return result


def _live_dependants(session: Session, kind: str, record_id: str) -> list[tuple[str, int]]:
    cascaded = {child for child, _ in CASCADES.get(kind, ())}
    found = []
    for child_kind, child_cls in RECORDS_BY_KIND.items():
        if child_kind in cascaded:
            continue
        for spec in field_specs(child_kind):
            if spec.ref != kind or spec.derived or child_kind == kind:
                continue
            count = session.scalar(
                select(func.count()).where(getattr(child_cls, spec.name) == record_id, child_cls.deleted.is_(False))
            )
            if count:
                found.append((child_kind, count))
    return found


def delete(session: Session, actor: Actor, kind: str, record_id: str) -> ChangeSet:
    record = load(session, kind, record_id)
    _refuse_if_needed(actor, kind, "delete", record.owner_member_id, set(), record.values())
    blockers = [(k, n) for k, n in _live_dependants(session, kind, record_id) if k != "attendance" or kind != "contact"]
    if blockers:
        listing_zh = "、".join(f"{n} 条{k}" for k, n in blockers)
        listing_en = ", ".join(f"{n} {k}" for k, n in blockers)
        hint_zh = "；成员单位请改为“已退出”状态" if kind == "member" else ""
        hint_en = "; set a member's status to withdrawn instead" if kind == "member" else ""
        raise ValidationError(
            [
                Problem(
                    None,
                    "has_dependants",
                    f"还有记录引用它（{listing_zh}），请先删除这些记录{hint_zh}",
                    f"Other records still refer to it ({listing_en}); delete those first{hint_en}",
                )
            ]
        )
    result = ChangeSet()
    for child_kind, column in CASCADES.get(kind, ()):
        child_cls = RECORDS_BY_KIND[child_kind]
        children = session.scalars(
            select(child_cls).where(getattr(child_cls, column) == record_id, child_cls.deleted.is_(False))
        ).all()
        for child in children:
            result = result | _tombstone(session, actor, child_kind, child)
    return _tombstone(session, actor, kind, record) | result


def _tombstone(session: Session, actor: Actor, kind: str, record: SyncedRecord) -> ChangeSet:
    record.deleted = True
    record.updated_by = actor.username
    record.updated_at = utc_now()
    _outbox(session, actor, kind, record, "delete", {})
    return ChangeSet.of(kind, [record.id], record_id=record.id)


def restore(session: Session, actor: Actor, kind: str, record_id: str) -> ChangeSet:
    """Undoes a delete: the record (and the links deleted with it) come back as they were."""
    record = load(session, kind, record_id, allow_deleted=True)
    if not record.deleted:
        return ChangeSet()
    values = {spec.name: getattr(record, spec.name) for spec in field_specs(kind)}
    result = _restore(session, actor, kind, record, values)
    for child_kind, column in CASCADES.get(kind, ()):
        child_cls = RECORDS_BY_KIND[child_kind]
        for child in session.scalars(
            select(child_cls).where(getattr(child_cls, column) == record_id, child_cls.deleted.is_(True))
        ).all():
            child_values = {spec.name: getattr(child, spec.name) for spec in field_specs(child_kind)}
            result = result | _restore(session, actor, child_kind, child, child_values)
    return result


def _restore(session: Session, actor: Actor, kind: str, record: SyncedRecord, values: dict[str, Any]) -> ChangeSet:
    """Brings a tombstone back with `values`: sent as a create of the same id, which the server takes as undelete."""
    problems = check_record(kind, values)
    _check_references(session, kind, values, problems)
    _check_unique(session, kind, record.id, values, problems)
    if problems:
        raise ValidationError(problems)
    owner = owner_of(session, kind, values, record.id)
    _refuse_if_needed(actor, kind, "create", owner, set(values), values)
    for name, value in values.items():
        setattr(record, name, value)
    record.deleted = False
    record.owner_member_id = owner
    record.updated_by = actor.username
    record.updated_at = utc_now()
    _outbox(session, actor, kind, record, "create", {k: [None, to_wire(v)] for k, v in values.items()})
    return ChangeSet.of(kind, [record.id], record_id=record.id)
