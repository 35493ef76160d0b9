"""Rules that need the other records: defaults, derived fields, owners, references, uniqueness, dependants.

The desktop's services and the server both run these on a session over the same tables, so a record passes
or fails in the same way on both sides. `fetch` lets the server read with row locks; the desktop reads plainly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alliance_app.models.base import SyncedRecord
from alliance_app.models.fields import FieldSpec, field_specs
from alliance_app.models.kinds import CASCADES, OWNER_VIA_PARENT, counted
from alliance_app.models.records import RECORDS_BY_KIND
from alliance_app.models.validation import Problem

Fetch = Callable[[Session, str, Any], SyncedRecord | None]


def plain_fetch(session: Session, kind: str, record_id: Any) -> SyncedRecord | None:
    return session.get(RECORDS_BY_KIND[kind], record_id)


def defaults(kind: str) -> dict[str, Any]:
    """Each field's value when a create leaves it out, as the record's class declares it (fresh lists each call)."""
    template, fresh = _defaults_template(kind)
    values = dict(template)
    for spec in fresh:
        values[spec.name] = spec.default_value()
    return values


@cache
def _defaults_template(kind: str) -> tuple[dict[str, Any], tuple[FieldSpec, ...]]:
    """Every field's default in field order, and the fields whose default is made afresh for each record (a list,
    a callable's value): the others are the same value every time, so a create (10,000 in an import) copies them."""
    fresh = tuple(s for s in field_specs(kind) if callable(s.default) or s.default_value() is not s.default_value())
    return {s.name: None if s in fresh else s.default_value() for s in field_specs(kind)}, fresh


def field_values(record: SyncedRecord) -> dict[str, Any]:
    return {spec.name: getattr(record, spec.name) for spec in field_specs(record.kind)}


def derive(session: Session, kind: str, values: dict[str, Any], fetch: Fetch = plain_fetch) -> None:
    """Fills the fields the rules own, never a user's word: the offering member of a request."""
    if kind == "resource_request":
        offer = fetch(session, "resource_offer", values["offer_id"]) if values.get("offer_id") else None
        values["offer_member_id"] = getattr(offer, "member_id", None)


def owner_of(
    session: Session, kind: str, values: dict[str, Any], record_id: str, fetch: Fetch = plain_fetch
) -> str | None:
    """The owning member: the record itself (members), its owner column, or its parent's owner."""
    cls = RECORDS_BY_KIND[kind]
    if kind == "member":
        return record_id
    if cls.owner_column:
        return values.get(cls.owner_column)
    if kind not in OWNER_VIA_PARENT:
        return None  # the alliance's own records (the report's narratives): no member owns them
    parent_column, parent_kind = OWNER_VIA_PARENT[kind]
    parent = fetch(session, parent_kind, values[parent_column]) if values.get(parent_column) else None
    return None if parent is None else parent.owner_member_id


def reference_problems(
    session: Session, kind: str, values: dict[str, Any], fetch: Fetch = plain_fetch
) -> list[Problem]:
    """A problem for each field that names a record which does not exist or was deleted."""
    problems = []
    for spec in _references(kind):
        target = values.get(spec.name)
        if target in (None, ""):
            continue
        assert spec.ref is not None
        ref = fetch(session, spec.ref, target)
        if ref is None or ref.deleted:
            problems.append(
                Problem(
                    spec.name,
                    "unknown_reference",
                    f"{spec.zh}：找不到编号为 {target} 的记录",
                    f"{spec.en}: no record with id {target}",
                )
            )
    return problems


@cache
def _references(kind: str) -> tuple[FieldSpec, ...]:
    """The fields of a kind naming another record that the user gives (not derived by the rules)."""
    return tuple(spec for spec in field_specs(kind) if spec.ref is not None and not spec.derived)


def unique_problems(session: Session, kind: str, record_id: str, values: dict[str, Any]) -> list[Problem]:
    """Members' credit code and Chinese name are unique among live members."""
    if kind != "member":
        return []
    member = RECORDS_BY_KIND["member"]
    problems = []
    for name, zh, en in (("credit_code", "统一社会信用代码", "credit code"), ("name_zh", "中文名称", "Chinese name")):
        value = values.get(name)
        if not value:
            continue
        clash = session.scalar(
            select(member.name_zh).where(  # type: ignore[attr-defined]
                getattr(member, name) == value, member.deleted.is_(False), member.id != record_id
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
    return problems


def live_dependants(session: Session, kind: str, record_id: str) -> list[tuple[str, int]]:
    """Live records (other than cascaded links) that still refer to this one and so block its delete.
    An attendance naming a contact does not block the contact's delete: the check-in stays, by name."""
    cascaded = {child for child, _ in CASCADES.get(kind, ())}
    found = []
    for child_kind, child_cls in RECORDS_BY_KIND.items():
        if child_kind in cascaded or child_kind == kind:
            continue
        for spec in field_specs(child_kind):
            if spec.ref != kind or spec.derived or (kind == "contact" and child_kind == "attendance"):
                continue
            count = session.scalar(
                select(func.count()).where(getattr(child_cls, spec.name) == record_id, child_cls.deleted.is_(False))
            )
            if count:
                found.append((child_kind, count))
    return found


def dependants_problem(kind: str, blockers: list[tuple[str, int]]) -> Problem:
    listing_zh = "、".join(counted(k, n, "zh") for k, n in blockers)
    listing_en = ", ".join(counted(k, n, "en") for k, n in blockers)
    hint_zh = "；成员单位请改为“已退出”状态" if kind == "member" else ""
    hint_en = "; set a member's status to withdrawn instead" if kind == "member" else ""
    return Problem(
        None,
        "has_dependants",
        f"还有记录引用它（{listing_zh}），请先删除这些记录{hint_zh}",
        f"Other records still refer to it ({listing_en}); delete those first{hint_en}",
    )


@dataclass(frozen=True)
class Lookups:
    """What a write plan may read of the other records, through one session: the desktop reads plainly, the
    server with its push's row locks (`fetch`). The plan itself writes nothing."""

    session: Session
    fetch: Fetch = plain_fetch

    def record(self, kind: str, record_id: Any) -> SyncedRecord | None:
        return self.fetch(self.session, kind, record_id)

    def derive(self, kind: str, values: dict[str, Any]) -> None:
        derive(self.session, kind, values, self.fetch)

    def owner_of(self, kind: str, values: dict[str, Any], record_id: str) -> str | None:
        return owner_of(self.session, kind, values, record_id, self.fetch)

    def reference_problems(self, kind: str, values: dict[str, Any]) -> list[Problem]:
        return reference_problems(self.session, kind, values, self.fetch)

    def unique_problems(self, kind: str, record_id: str, values: dict[str, Any]) -> list[Problem]:
        return unique_problems(self.session, kind, record_id, values)

    def live_dependants(self, kind: str, record_id: str) -> list[tuple[str, int]]:
        return live_dependants(self.session, kind, record_id)
