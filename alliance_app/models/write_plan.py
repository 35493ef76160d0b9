"""The one write plan: what a create, edit, delete, revive or conflict resolution may do, decided in one place.

The desktop's services, the server's push and conflict resolution, and the import's dry run ask `plan_write`
and only carry out what it returns, so a write is allowed, refused and worded the same way on every path
(a parity test runs the desktop and a real server side by side). The plan reads the other records through
`Lookups` (plainly on the desktop, with row locks on the server) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from operator import is_
from types import MappingProxyType
from typing import Any, NamedTuple

from alliance_app.models.base import SyncedRecord
from alliance_app.models.coercion import check_record
from alliance_app.models.enums import Labelled, MemberStatus
from alliance_app.models.fields import WIRE_AS_IS, link_id, same_on_the_wire, specs_by_name
from alliance_app.models.integrity import CASCADES, Lookups, defaults, dependants_problem, field_values
from alliance_app.models.permissions import Actor, hidden_fields, write_refusal
from alliance_app.models.records import RECORDS_BY_KIND
from alliance_app.models.validation import Problem
from alliance_app.models.write_ops import WriteOp

OPERATIONS = frozenset(WriteOp)

LINK_FIXED = Problem(
    None,
    "link_fixed",
    "关联记录的编号由其关联对象决定，不能修改对象；请删除后重新添加",
    "A link's id follows what it links, which cannot be changed; remove the link and add it again",
)
LINK_EXISTS = Problem(None, "duplicate", "这条关联记录已经存在", "This link already exists")
UNKNOWN_RECORD = Problem(
    None, "unknown_record", "没有这条记录（可能已被清除）", "No such record (it may have been purged)"
)


@dataclass(frozen=True)
class Stored:
    """The record as the store holds it now: its fields, its owner, and whether it is a tombstone."""

    values: Mapping[str, Any]
    owner_member_id: str | None
    deleted: bool

    @classmethod
    def of(cls, record: SyncedRecord | None) -> Stored | None:
        if record is None:
            return None
        return cls(field_values(record), record.owner_member_id, bool(record.deleted))


class Checked(NamedTuple):
    """The record's own rules (`check_record`) as a caller already ran them on `values`: a plan whose values are
    exactly these takes the answer instead of running the rules a second time (the import's check does both).
    A named tuple, as WritePlan, for the same reason: one per import row, made at a tuple's cost."""

    values: Mapping[str, Any]
    old_status: MemberStatus | None
    problems: tuple[Problem, ...]

    def answers(self, values: Mapping[str, Any], old_status: MemberStatus | None) -> bool:
        """Whether these are the very values (same fields, equal values of the same types) and the same status."""
        mine = self.values
        # Equal mappings (C-level), then each value's type against the same field's (True == 1, 1 == 1.0).
        return (
            old_status == self.old_status
            and values == mine
            and all(map(is_, map(type, values.values()), map(type, map(mine.__getitem__, values))))
        )


# A refused plan's values: none, and none to add (one shared empty mapping, so it is read-only).
_NO_VALUES: Mapping[str, Any] = MappingProxyType({})


class WritePlan(NamedTuple):
    """What to do, or why not. `op` is what is really done: a create of a tombstone's id is a revive, an edit
    of a record deleted meanwhile too, and a resolution becomes an update, a delete or a revive.

    Immutable, as a frozen dataclass was, but a named tuple: an import makes one per row and link (13,000), and a
    frozen dataclass's constructor sets each of the twelve fields through object.__setattr__ (4.5 µs a plan,
    a tuple 1.6 µs). Fields are read by name only."""

    kind: str
    record_id: str
    op: str
    values: Mapping[str, Any] = _NO_VALUES  # every field after the write; empty when refused
    changed: frozenset[str] = frozenset()  # fields whose value the write changes
    owner_before: str | None = None
    owner_after: str | None = None
    # (link kind, column naming this record): links that go with a delete and come back with a revive.
    cascades: tuple[tuple[str, str], ...] = ()
    hidden: frozenset[str] = frozenset()  # fields the answer must leave out for this account
    permission: Problem | None = None  # the account may not do this (checked first: a refusal reveals nothing)
    problems: tuple[Problem, ...] = ()  # the record would break a rule
    was_deleted: bool = False  # the stored record was a tombstone

    @property
    def refused(self) -> bool:
        return self.permission is not None or bool(self.problems)

    @property
    def reasons(self) -> list[Problem]:
        return [self.permission] if self.permission is not None else list(self.problems)

    @property
    def writes(self) -> bool:
        """Whether carrying the plan out changes the record at all."""
        if self.refused:
            return False
        if self.op == WriteOp.DELETE:
            return not self.was_deleted
        return self.op in (WriteOp.CREATE, WriteOp.REVIVE) or bool(self.changed)


def _differing(values: Mapping[str, Any], base: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(name for name in values if not same_on_the_wire(values[name], base.get(name)))


_CODE_OR_DAY = (Labelled, date)  # a tuple made once (`Labelled | date` would make a union on every field)


def _changed_by(given: Mapping[str, Any], values: Mapping[str, Any], base: Mapping[str, Any]) -> frozenset[str]:
    """The given fields whose value in `values` differs from `base` on the wire, as `same_on_the_wire` decides,
    with its commonest answers taken here without a call per field (an import asks for every field of 10,000
    records): values the wire carries as they are compare as they are; a code or a date against an empty
    default differs (its wire form is text); two codes compare by their wire form, the code."""
    changed = []
    as_is = WIRE_AS_IS
    for name in given:
        new, old = values[name], base[name]
        if type(new) in as_is and type(old) in as_is:
            differs = new != old
        elif old is None and isinstance(new, _CODE_OR_DAY):
            differs = True
        elif isinstance(new, Labelled) and isinstance(old, Labelled):
            differs = new._value_ != old._value_  # the codes (`.value` without the enum's property lookup)
        else:
            differs = not same_on_the_wire(new, old)
        if differs:
            changed.append(name)
    return frozenset(changed)


def _resolution(stored: Stored | None, given: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """A conflict's kept value as the operation it amounts to."""
    if len(given) != 1:
        raise ValueError("a resolution keeps the value of exactly one field")
    ((name, value),) = given.items()
    if name != "deleted" or stored is None:
        return WriteOp.UPDATE, dict(given)
    if bool(value) == stored.deleted:
        return WriteOp.UPDATE, {}
    return (WriteOp.DELETE if value else WriteOp.REVIVE), {}


def _refused(
    kind: str, record_id: str, op: str, actor: Actor, stored: Stored | None, problem: Problem, *, permission: bool
) -> WritePlan:
    owner = stored.owner_member_id if stored else None
    return WritePlan(
        kind,
        record_id,
        op,
        owner_before=owner,
        owner_after=owner,
        hidden=hidden_fields(actor, kind, owner),
        permission=problem if permission else None,
        problems=() if permission else (problem,),
        was_deleted=bool(stored and stored.deleted),
    )


def _permission(
    actor: Actor, kind: str, op: str, owners: Sequence[str | None], changed: Collection[str], values: Mapping[str, Any]
) -> Problem | None:
    """The account must be allowed the change for the owner before and the owner after (no taking, no giving
    away: a record moves between members only in the hands of someone who may write for both)."""
    refusal_op = WriteOp.CREATE if op == WriteOp.REVIVE else op
    for owner in dict.fromkeys(owners):
        problem = write_refusal(actor, kind, refusal_op, owner_member_id=owner, changed=changed, values=values)
        if problem is not None:
            return problem
    return None


def plan_write(
    actor: Actor,
    kind: str,
    op: str,
    record_id: str,
    stored: Stored | None,
    given: Mapping[str, Any],
    look: Lookups,
    *,
    failed: Sequence[Problem] = (),
    kept: Collection[str] = (),
    checked: Checked | None = None,
) -> WritePlan:
    """The plan for `actor` doing `op` on the record `record_id` of `kind`, stored as `stored` (None: absent),
    with the typed values `given`. `failed` are the problems of values that did not even coerce (reported
    with the rest, and their fields' rules are not repeated); `kept` are given fields whose stored value stays
    (the server's conflicts): they are checked for permission like the rest but not written. `checked`: the
    record's rules as the caller ran them, used only if the plan's values are exactly those."""
    if op not in OPERATIONS:
        raise ValueError(f"unknown write operation {op!r}")
    if op == WriteOp.RESOLVE:
        op, given = _resolution(stored, given)
    if stored is None and op != WriteOp.CREATE:
        return _refused(kind, record_id, op, actor, stored, UNKNOWN_RECORD, permission=False)
    if stored is not None and op == WriteOp.CREATE:
        if not stored.deleted:
            return _refused(kind, record_id, op, actor, stored, LINK_EXISTS, permission=False)
        op = WriteOp.REVIVE
    if stored is not None and stored.deleted and op == WriteOp.UPDATE:
        op = WriteOp.REVIVE  # an edit of a record deleted meanwhile brings it back (edit wins over delete)
    if op == WriteOp.DELETE:
        return _plan_delete(actor, kind, record_id, stored, look)
    if op == WriteOp.REVIVE and stored is not None and not stored.deleted:
        return WritePlan(kind, record_id, op, dict(stored.values), owner_before=stored.owner_member_id,
                         owner_after=stored.owner_member_id,
                         hidden=hidden_fields(actor, kind, stored.owner_member_id))  # fmt: skip
    return _plan_write(actor, kind, op, record_id, stored, given, look, failed, kept, checked)


def _plan_delete(actor: Actor, kind: str, record_id: str, stored: Stored | None, look: Lookups) -> WritePlan:
    assert stored is not None
    owner = stored.owner_member_id
    problem = _permission(actor, kind, WriteOp.DELETE, [owner], (), stored.values)
    if problem is not None:
        return _refused(kind, record_id, WriteOp.DELETE, actor, stored, problem, permission=True)
    problems: tuple[Problem, ...] = ()
    if not stored.deleted:
        blockers = look.live_dependants(kind, record_id)
        problems = (dependants_problem(kind, blockers),) if blockers else ()
    return WritePlan(
        kind,
        record_id,
        WriteOp.DELETE,
        dict(stored.values),
        owner_before=owner,
        owner_after=owner,
        cascades=CASCADES.get(kind, ()),
        hidden=hidden_fields(actor, kind, owner),
        problems=problems,
        was_deleted=stored.deleted,
    )


@cache
def _typed_fields(kind: str) -> frozenset[str]:
    """The fields of a kind a write may be given (every field but those the rules derive)."""
    return frozenset(name for name, spec in specs_by_name(kind).items() if not spec.derived)


def _plan_write(
    actor: Actor,
    kind: str,
    op: str,
    record_id: str,
    stored: Stored | None,
    given: Mapping[str, Any],
    look: Lookups,
    failed: Sequence[Problem],
    kept: Collection[str],
    checked: Checked | None = None,
) -> WritePlan:
    """Create, update or revive: permission on what was asked, then the rules on what will be written."""
    if not _typed_fields(kind).issuperset(given):  # nearly always none is derived: nothing to leave out
        specs = specs_by_name(kind)
        given = {name: value for name, value in given.items() if not specs[name].derived}  # the rules own those
    base = dict(stored.values) if stored is not None else defaults(kind)
    owner_before = stored.owner_member_id if stored is not None else None
    asked = {**base, **given}
    look.derive(kind, asked)
    owner_asked = look.owner_of(kind, asked, record_id)
    asked_changed = _changed_by(given, asked, base) if op == WriteOp.CREATE else _differing(asked, base)
    owners = [owner_asked] if stored is None else [owner_before, owner_asked]
    problem = _permission(actor, kind, op, owners, asked_changed, asked)
    values, owner_after, changed = asked, owner_asked, asked_changed
    if problem is None and kept:
        values = {**base, **{n: v for n, v in given.items() if n not in kept}}
        look.derive(kind, values)
        owner_after = look.owner_of(kind, values, record_id)
        changed = _differing(values, base) if op != WriteOp.CREATE else frozenset(c for c in changed if c not in kept)
        problem = _permission(actor, kind, op, [*owners[:-1], owner_after], changed, values)
    if problem is not None:
        return _refused(kind, record_id, op, actor, stored, problem, permission=True)
    old_status = MemberStatus(base["status"]) if kind == "member" and op == WriteOp.UPDATE else None
    problems = list(failed)
    if checked is not None and checked.answers(values, old_status):
        rules: Sequence[Problem] = checked.problems
    else:
        rules = check_record(kind, values, old_status=old_status)
    if failed:  # a field that did not even coerce has its problem already: its rules' would repeat it
        fail_fields = {p.field for p in failed}
        rules = [p for p in rules if p.field not in fail_fields]
    problems += rules
    scope = values if op != WriteOp.UPDATE else {name: values[name] for name in changed}
    problems += look.reference_problems(kind, scope)
    problems += look.unique_problems(kind, record_id, scope)
    if getattr(RECORDS_BY_KIND[kind], "link_columns", ()) and link_id(kind, values) not in (None, record_id):
        problems.append(LINK_FIXED)
    return WritePlan(
        kind,
        record_id,
        op,
        values,
        changed,
        owner_before,
        owner_after,
        cascades=CASCADES.get(kind, ()) if op == WriteOp.REVIVE else (),
        hidden=hidden_fields(actor, kind, owner_after),
        problems=tuple(problems),
        was_deleted=bool(stored and stored.deleted),
    )
