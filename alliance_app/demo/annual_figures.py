"""The demo's annual figures: two years of AI revenue, R&D, patents, staff and dues for every active member."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

from alliance_app.demo.alliance import DemoMember, record, rng
from alliance_app.models import AllianceRole, MemberKind, link_id

YEARS = (2025, 2026)
# Membership dues per year (万元) by alliance role; non-enterprise members pay the reduced rate.
DUES = {AllianceRole.LEAD: 20.0, AllianceRole.VICE_CHAIR: 10.0, AllianceRole.MEMBER: 3.0}
REDUCED_DUES = 2.0


def _log_uniform(r: random.Random, low: float, high: float) -> float:
    return math.exp(r.uniform(math.log(low), math.log(high)))


def _first_year(r: random.Random, member: DemoMember) -> tuple[float, float, int, int]:
    """(AI core revenue 亿元, R&D spend 万元, patents, employees) of the first year."""
    kind, role = member.profile.kind, member.profile.role
    if role == AllianceRole.LEAD:
        return 86.4, 92000.0, 640, 6200
    if kind == MemberKind.ENTERPRISE:
        revenue = r.uniform(8, 25) if role == AllianceRole.VICE_CHAIR else _log_uniform(r, 0.15, 12)
        rd = revenue * 1e4 * r.uniform(0.08, 0.18)
        return (
            revenue,
            rd,
            round(revenue * r.uniform(3, 9)) + r.randint(2, 15),
            round(40 + revenue * r.uniform(60, 140)),
        )
    if kind == MemberKind.UNIVERSITY:
        return r.uniform(0.05, 0.6), r.uniform(3000, 20000), r.randint(40, 300), r.randint(1500, 4500)
    if kind == MemberKind.RESEARCH_INSTITUTE:
        return r.uniform(0.2, 3.0), r.uniform(1500, 9000), r.randint(15, 120), r.randint(80, 600)
    if kind == MemberKind.PUBLIC_PLATFORM:
        return r.uniform(0.05, 1.5), r.uniform(200, 2000), r.randint(2, 30), r.randint(20, 150)
    return r.uniform(0.3, 1.2), r.uniform(50, 300), r.randint(0, 3), r.randint(20, 60)


def _dues(member: DemoMember) -> float:
    if member.profile.role == AllianceRole.MEMBER and member.profile.kind != MemberKind.ENTERPRISE:
        return REDUCED_DUES
    return DUES[member.profile.role]


def annual_figures(members: Sequence[DemoMember]) -> list[dict[str, Any]]:
    """Figures of every active member for 2025 and 2026 (the later year grows); dues mostly paid."""
    rows: list[dict[str, Any]] = []
    for member in members:
        if not member.active:
            continue
        r = rng("figures", member.profile.slug)  # the seed's old name, kept: the demo's numbers stay as they were
        revenue, rd, patents, employees = _first_year(r, member)
        for year in YEARS:
            if year != YEARS[0]:
                revenue = 102.75 if member.profile.role == AllianceRole.LEAD else revenue * r.uniform(1.05, 1.35)
                rd *= r.uniform(1.03, 1.25)
                patents = round(patents * r.uniform(1.05, 1.3))
                employees = round(employees * r.uniform(0.98, 1.15))
            paid = member.profile.role == AllianceRole.LEAD or r.random() < (0.95 if year == YEARS[0] else 0.82)
            values = {
                "member_id": member.id,
                "year": year,
                "ai_core_revenue": round(revenue, 2),
                "rd_spend": round(rd, 2),
                "patents": patents,
                "employees": employees,
                "dues": _dues(member),
                "dues_paid": paid,
            }
            rows.append(record("annual_figures", link_id("annual_figures", values) or "", member.id, values))
    return rows
