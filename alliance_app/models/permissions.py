"""Who may write and see what: the one set of rules the desktop and the server both enforce."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from alliance_app.models.enums import RequestStatus, Role
from alliance_app.models.fields import field_specs
from alliance_app.models.records import RECORDS_BY_KIND
from alliance_app.models.validation import Problem

# Fields only the secretariat may set, even on a liaison's own member record: the alliance's own decisions.
SECRETARIAT_FIELDS: dict[str, frozenset[str]] = {
    "member": frozenset({"alliance_role", "status", "status_changed_on", "status_reason", "joined_on"}),
    "annual_figures": frozenset({"dues", "dues_paid"}),
}
# Record kinds only the secretariat may create or delete.
SECRETARIAT_KINDS = frozenset({"member", "event"})
# Record kinds only the secretariat may write at all (everyone reads them): the annual report's written parts.
SECRETARIAT_WRITES = frozenset({"narrative"})
# What the offering member may change on a request made against its offer: the decision.
OFFER_OWNER_FIELDS = frozenset({"status", "decided_on"})
OFFER_OWNER_STATUSES = frozenset({RequestStatus.ACCEPTED, RequestStatus.DECLINED})


@dataclass(frozen=True)
class Actor:
    """The account working on the records: its role, its member (liaisons) and its name for the change log."""

    username: str
    role: Role
    member_id: str | None = None

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT


def _refuse(code: str, zh: str, en: str) -> Problem:
    return Problem(None, code, zh, en)


def write_refusal(
    actor: Actor,
    kind: str,
    op: str,
    *,
    owner_member_id: str | None,
    changed: Iterable[str] = (),
    values: Mapping[str, Any] | None = None,
) -> Problem | None:
    """None if `actor` may do `op` (create/update/delete) on a record of `kind` owned by `owner_member_id`
    changing the fields `changed`; else the reason, in words a liaison understands."""
    if actor.role == Role.SECRETARIAT:
        return None
    if actor.role != Role.LIAISON:
        return _refuse(
            "forbidden_role",
            "此账号不能修改联盟记录（只有联络人和秘书处可以）",
            "This account cannot change alliance records (only liaisons and the secretariat can)",
        )
    if actor.member_id is None:
        return _refuse("no_member", "此联络人账号未关联成员单位", "This liaison account is not linked to a member")
    if kind in SECRETARIAT_WRITES:
        return _refuse(
            "secretariat_writes",
            "年度报告的叙述部分（致辞、大事记、计划等）只能由秘书处撰写和修改",
            "Only the secretariat can write or change the annual report's written sections "
            "(foreword, chronicle, plan and the like)",
        )
    changed = set(changed)
    values = values or {}
    if kind in SECRETARIAT_KINDS and op in ("create", "delete"):
        return _refuse(
            "secretariat_only",
            "只有秘书处可以新增或删除成员单位和活动",
            "Only the secretariat can add or delete members and events",
        )
    if kind == "resource_request" and values.get("offer_member_id") == actor.member_id != owner_member_id:
        # The offering member decides a request against its offer, and touches nothing else of it.
        if op == "update" and changed <= OFFER_OWNER_FIELDS and values.get("status") in OFFER_OWNER_STATUSES:
            return None
        return _refuse(
            "offer_owner_decides_only",
            "资源提供方只能接受或拒绝申请",
            "The offering member can only accept or decline a request",
        )
    if owner_member_id != actor.member_id and _hands_over(kind, op, owner_member_id, changed, values):
        return _refuse(
            "hand_over_needs_secretariat",
            "把记录交给其他成员单位需要秘书处办理：请联系秘书处，或保留本单位为牵头单位",
            "Handing a record to another member needs the secretariat: ask the secretariat, "
            "or keep your own member as the lead",
        )
    if owner_member_id != actor.member_id:
        return _refuse(
            "not_owner",
            "这条记录属于其他成员单位，只有该单位的联络人或秘书处可以修改",
            "This record belongs to another member; only its liaison or the secretariat can change it",
        )
    locked = changed & SECRETARIAT_FIELDS.get(kind, frozenset())
    if locked:
        names = {s.name: s for s in field_specs(kind)}
        return _refuse(
            "secretariat_field",
            "只有秘书处可以修改：" + "、".join(names[f].zh for f in sorted(locked)),
            "Only the secretariat can change: " + ", ".join(names[f].en for f in sorted(locked)),
        )
    decides = values.get("status") in OFFER_OWNER_STATUSES and "status" in changed
    dates_decision = "decided_on" in changed and values.get("decided_on") not in (None, "")
    own_offer = values.get("offer_member_id") == actor.member_id
    if kind == "resource_request" and (decides or dates_decision) and not own_offer:
        return _refuse(
            "requester_cannot_decide",
            "申请方不能自行接受或拒绝申请，请等待资源提供方处理",
            "The requesting member cannot accept or decline its own request; the offering member decides",
        )
    return None


def _hands_over(kind: str, op: str, owner_member_id: str | None, changed: set[str], values: Mapping[str, Any]) -> bool:
    """Whether this update moves the record to `owner_member_id` by changing the field that decides its owner
    (a liaison naming another member as lead of its own project), rather than touching another member's record."""
    owner_column = getattr(RECORDS_BY_KIND.get(kind), "owner_column", None)
    return (
        op == "update"
        and owner_column is not None
        and owner_column in changed
        and values.get(owner_column) == owner_member_id
    )


def hidden_fields(actor: Actor, kind: str, owner_member_id: str | None) -> frozenset[str]:
    """Fields `actor` may not read on such a record: personal data outside the owning member and secretariat."""
    if actor.role == Role.SECRETARIAT or (actor.member_id is not None and actor.member_id == owner_member_id):
        return _NOTHING
    return _personal(kind)


_NOTHING: frozenset[str] = frozenset()


@cache
def _personal(kind: str) -> frozenset[str]:
    # Asked once per record of a pull page: the kind's declaration does not change while the program runs.
    return frozenset(s.name for s in field_specs(kind) if s.personal)
