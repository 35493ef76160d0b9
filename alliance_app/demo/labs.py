"""The demo's lab partnerships: joint and key labs led by a member, with 1–4 partner members."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import Any

from alliance_app.demo.alliance import AS_OF, DemoMember, day_between, demo_id, record, rng, weighted
from alliance_app.demo.pool import Pool, weight
from alliance_app.demo.topics import LAB_TOPICS
from alliance_app.models import LabKind, LabStatus, MemberKind, link_id

LABS_PER_UNIT = 30


def _lab_name(kind: LabKind, lead: DemoMember, first: DemoMember, topic: str, topic_en: str) -> tuple[str, str]:
    if kind == LabKind.JOINT_LAB:
        return (
            f"{lead.short}—{first.short}{topic}联合实验室",
            f"{lead.short_en}–{first.short_en} Joint Lab of {topic_en}",
        )
    if kind == LabKind.KEY_LAB:
        return f"{lead.short}{topic}重点实验室", f"{lead.short_en} Key Lab of {topic_en}"
    if kind == LabKind.NATIONAL_LAB:
        return (
            f"{topic}国家实验室协同创新中心（{lead.short}）",
            f"{topic_en} Collaborative Centre with a National Lab ({lead.short_en})",
        )
    return f"{lead.short}{topic}产学研协同创新中心", f"{lead.short_en} {topic_en} Industry–Academia Centre"


def _lab(r: random.Random, pool: Pool, unit: int, n: int) -> tuple[dict, list[dict]]:
    lead = pool.draw(r)
    fitting = [t for t in LAB_TOPICS if set(t[2]) & set(lead.profile.domains)] or list(LAB_TOPICS)
    topic, topic_en, domains = r.choice(fitting)
    partners = pool.partners(r, lead.id, frozenset(domains), r.randint(1, 4))
    kind = weighted(r, list(LabKind), (60, 20, 10, 10))
    status = weighted(r, list(LabStatus), (12, 78, 10))
    name, name_en = _lab_name(kind, lead, partners[0], topic, topic_en)
    lab_id = demo_id(f"lab_partnership:{unit}:{n}")
    established = None if status == LabStatus.PLANNED else day_between(r, date(2019, 3, 1), date(2026, 9, 30))
    years = 0.0 if established is None else (AS_OF - established).days / 365
    values = {
        "lead_member_id": lead.id,
        "name": name,
        "name_en": name_en,
        "lab_kind": kind,
        "established_on": established,
        "domains": sorted(d.value for d in domains),
        "status": status,
        "patents": round(r.uniform(0, 6) * years),
        "papers": round(r.uniform(0, 12) * years),
        "standards": round(r.uniform(0, 0.8) * years),
        "description": f"由{lead.short}牵头，联合{'、'.join(p.short for p in partners)}共建，围绕{topic}开展联合攻关。",
    }
    links = []
    for partner in partners:
        link = {"lab_id": lab_id, "member_id": partner.id}
        links.append(record("lab_partner", link_id("lab_partner", link) or "", lead.id, link))
    return record("lab_partnership", lab_id, lead.id, values), links


def labs(members: Sequence[DemoMember], unit: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """About 25 lab partnerships per volume unit, each with 1–4 partner members (owned by the lab's lead)."""
    r = rng("labs", unit)
    active = [m for m in members if m.active]
    research = {MemberKind.UNIVERSITY: 3.0, MemberKind.RESEARCH_INSTITUTE: 3.0, MemberKind.ENTERPRISE: 1.0}
    pool = Pool(active, [weight(m) * research.get(m.profile.kind, 0.3) for m in active])
    rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for n in range(LABS_PER_UNIT):
        row, partner_rows = _lab(r, pool, unit, n)
        rows.append(row)
        links.extend(partner_rows)
    return rows, links
