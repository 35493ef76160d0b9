"""The demo's fixed clock, seed and ids, and its 73 member records: what every other demo generator builds on."""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from alliance_app.demo.roster import FOUNDED, MEMBERS, STATUS_CHANGES, Profile
from alliance_app.models import (
    AllianceRole,
    MemberKind,
    MemberStatus,
    credit_code_check_char,
    field_specs,
)

SEED = "hubei-ai-alliance-demo-v1"
NAMESPACE = uuid.UUID("8d6f0a3e-2b71-4c1e-9a55-3f0e7c2d4b19")
AS_OF = date(2026, 11, 20)  # "today" in the demo: statuses and dates read as of this day
UPDATED_AT = datetime(2026, 11, 20, 9, 0, 0)
UPDATED_BY = "demo"

T = TypeVar("T")

_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code, positions 9–17 of a credit code


def rng(*parts: object) -> random.Random:
    """A generator seeded by a stable key (string seeds hash the same in every process)."""
    return random.Random(":".join([SEED, *(str(p) for p in parts)]))


def demo_id(key: str) -> str:
    """uuid5(NAMESPACE, key) as text, computed directly: the demo makes a hundred thousand of them."""
    digest = bytearray(hashlib.sha1(NAMESPACE.bytes + key.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def weighted(r: random.Random, choices: Sequence[T], weights: Sequence[float]) -> T:
    return r.choices(choices, weights=weights, k=1)[0]


def day_between(r: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=r.randint(0, max(0, (end - start).days)))


def record(kind: str, record_id: str, owner: str | None, values: dict[str, Any]) -> dict[str, Any]:
    """A full row of `kind`: every field (missing ones None), and sync columns as in a fresh, unsynced replica."""
    row = {spec.name: values.get(spec.name) for spec in field_specs(kind)}
    unknown = set(values) - set(row)
    assert not unknown, f"{kind} has no fields {unknown}"
    row.update(id=record_id, rev=None, deleted=False, updated_at=UPDATED_AT, updated_by=UPDATED_BY)
    row["owner_member_id"] = owner
    return row


def _org_code(r: random.Random, kind: MemberKind) -> str:
    """Eight characters of an organisation code and its GB 11714 check character."""
    if kind in (MemberKind.ENTERPRISE, MemberKind.OTHER):
        body = "MA4" + "".join(r.choice(_CREDIT_CHARS) for _ in range(5))
    else:
        body = "".join(r.choice("0123456789") for _ in range(8))
    total = sum((int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(r: random.Random, profile: Profile) -> str:
    """A well-formed unified social credit code: registering authority and category by kind, the member's
    region, an organisation code, and the GB 32100 check character."""
    if profile.kind in (MemberKind.ENTERPRISE, MemberKind.OTHER):
        head = "91"  # market regulation, enterprise
    elif profile.kind == MemberKind.UNIVERSITY:
        head = "12"  # institutional organisation (事业单位)
    else:
        head = r.choice(("12", "52"))  # 事业单位 or civil-affairs non-enterprise unit (民办非企业单位)
    first17 = head + profile.place.region_code + _org_code(r, profile.kind)
    return first17 + credit_code_check_char(first17)


@dataclass(frozen=True)
class DemoMember:
    """A generated member: its profile, id and the facts other generators need."""

    profile: Profile
    id: str
    status: MemberStatus
    joined_on: date | None

    @property
    def active(self) -> bool:
        return self.status == MemberStatus.ACTIVE

    @property
    def short(self) -> str:
        return self.profile.short_name

    @property
    def short_en(self) -> str:
        return self.profile.name_en.removesuffix(" Co., Ltd.")


def _joined_on(r: random.Random, profile: Profile) -> date | None:
    change = STATUS_CHANGES.get(profile.slug)
    if change and change[0] == MemberStatus.APPLIED:
        return None
    if profile.role != AllianceRole.MEMBER or change or r.random() < 0.6:
        return FOUNDED
    return day_between(r, date(2023, 6, 1), date(2026, 6, 30))


_ABOUT = {
    MemberKind.ENTERPRISE: "专注于{domains}领域的人工智能技术研发与产业化应用",
    MemberKind.UNIVERSITY: "设有人工智能相关学院与研究平台，在{domains}方向开展人才培养与科学研究",
    MemberKind.RESEARCH_INSTITUTE: "新型研发机构，围绕{domains}开展关键技术攻关与成果转化",
    MemberKind.PUBLIC_PLATFORM: "面向全省企业提供{domains}相关的公共技术服务",
    MemberKind.OTHER: "聚焦{domains}等方向的人工智能产业投资",
}


def _description(profile: Profile, high_tech: bool) -> str:
    if profile.role == AllianceRole.LEAD:
        return "小米在武汉的研发与运营基地，联盟理事长单位，联盟秘书处设于此；聚焦智能家居、智能制造与智能网联汽车。"
    domains = "、".join(d.zh for d in profile.domains)
    text = f"位于{profile.place.city}{profile.district}，" + _ABOUT[profile.kind].format(domains=domains)
    if high_tech:
        text += "，是人工智能高新技术企业"
    return text + "。"


def member_row(profile: Profile) -> tuple[DemoMember, dict[str, Any]]:
    r = rng("member", profile.slug)
    member_id = demo_id(f"member:{profile.slug}")
    status, changed_on, reason = STATUS_CHANGES.get(profile.slug, (MemberStatus.ACTIVE, None, None))
    joined = _joined_on(r, profile)
    high_tech = profile.kind == MemberKind.ENTERPRISE and (profile.role != AllianceRole.MEMBER or r.random() < 0.32)
    values = {
        "name_zh": profile.name_zh,
        "name_en": profile.name_en,
        "short_name": profile.short_name,
        "member_kind": profile.kind,
        "alliance_role": profile.role,
        "credit_code": credit_code(r, profile),
        "city": profile.place.city,
        "district": profile.district,
        "joined_on": joined,
        "status": status,
        "status_changed_on": changed_on or joined,
        "status_reason": reason,
        "domains": sorted(d.value for d in profile.domains),
        "ai_high_tech": high_tech,
        "website": f"https://www.example-{profile.slug}.cn",
        "description": _description(profile, high_tech),
    }
    return DemoMember(profile, member_id, status, joined), record("member", member_id, member_id, values)


def members() -> tuple[list[DemoMember], list[dict[str, Any]]]:
    pairs = [member_row(profile) for profile in MEMBERS]
    return [m for m, _ in pairs], [row for _, row in pairs]
