"""The demo's projects across the 16 domains, each with its lead member and 0–3 partner members."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from alliance_app.demo.alliance import DemoMember, day_between, demo_id, record, rng, weighted
from alliance_app.demo.names import FUNDING_SOURCES, PARTNER_ROLES
from alliance_app.demo.pool import Pool, weight
from alliance_app.demo.topics import KIND_SUFFIX, SUBJECTS
from alliance_app.models import Domain, ProjectKind, ProjectStatus, link_id

PROJECTS_PER_UNIT = 380

_INVESTMENT = {  # 万元, drawn log-uniformly between these
    ProjectKind.DEMONSTRATION: (800, 20000),
    ProjectKind.APPLICATION_SCENARIO: (200, 5000),
    ProjectKind.OPEN_COMPETITION: (300, 8000),
    ProjectKind.RESEARCH: (50, 3000),
    ProjectKind.OTHER: (50, 1000),
}
_STATUS_WEIGHTS = {
    ProjectStatus.ONGOING: 45,
    ProjectStatus.COMPLETED: 25,
    ProjectStatus.PLANNED: 20,
    ProjectStatus.SUSPENDED: 10,
}


def _project_dates(r: random.Random, status: ProjectStatus) -> tuple[date, date]:
    if status == ProjectStatus.COMPLETED:
        start = day_between(r, date(2023, 1, 1), date(2025, 6, 30))
        return start, min(start + timedelta(days=r.randint(180, 900)), date(2026, 10, 31))
    if status == ProjectStatus.PLANNED:
        start = day_between(r, date(2026, 12, 1), date(2027, 6, 30))
        return start, min(start + timedelta(days=r.randint(180, 720)), date(2027, 12, 31))
    start = day_between(r, date(2023, 3, 1), date(2026, 6, 30))
    return start, day_between(r, max(start, date(2026, 12, 31)), date(2027, 12, 31))


def _investment(r: random.Random, kind: ProjectKind) -> float:
    low, high = _INVESTMENT[kind]
    return round(math.exp(r.uniform(math.log(low), math.log(high))), 2)


_PHASES = (("", ""), ("（二期）", " (Phase II)"), ("（三期）", " (Phase III)"), ("（四期）", " (Phase IV)"))


def _title(
    r: random.Random, lead: DemoMember, domain: Domain, seen: set[str]
) -> tuple[ProjectKind, str, str, str, str]:
    """(kind, title, English title, place, subject): redrawn when this volume unit already has the title, and
    numbered as a later phase when it keeps coming back."""
    kinds = list(KIND_SUFFIX)
    for attempt in range(8):
        kind = weighted(r, kinds, [KIND_SUFFIX[k][2] for k in kinds])
        subject, subject_en = r.choice(SUBJECTS[domain])
        place, place_en = (
            (lead.profile.place.short, lead.profile.place.short_en) if r.random() < 0.8 else ("湖北", "Hubei")
        )
        suffix, suffix_en, _ = KIND_SUFFIX[kind]
        for phase, phase_en in _PHASES if attempt == 7 else _PHASES[:1]:
            title = f"{place}{subject}{suffix}{phase}"
            if title not in seen:
                seen.add(title)
                return kind, title, f"{place_en} {subject_en} {suffix_en}{phase_en}", place, subject
    return kind, title, f"{place_en} {subject_en} {suffix_en}", place, subject  # rare: a repeated title


def _project(r: random.Random, pool: Pool, unit: int, n: int, seen: set[str]) -> tuple[dict, list[dict]]:
    if unit == 0 and n < len(Domain):  # the first projects cover every domain once
        domain = list(Domain)[n]
        able = [m for m in pool.members if domain in m.profile.domains]
        lead = weighted(r, able, [weight(m) for m in able])
    else:
        lead = pool.draw(r)
        domain = r.choice(lead.profile.domains) if r.random() < 0.9 else r.choice(list(Domain))
    status = weighted(r, list(_STATUS_WEIGHTS), list(_STATUS_WEIGHTS.values()))
    if not lead.active:  # a member no longer active only has work from before
        status = r.choice((ProjectStatus.COMPLETED, ProjectStatus.SUSPENDED))
    kind, title, title_en, place, subject = _title(r, lead, domain, seen)
    start, end = _project_dates(r, status)
    project_id = demo_id(f"project:{unit}:{n}")
    partners = pool.partners(r, lead.id, frozenset({domain}), weighted(r, (0, 1, 2, 3), (8, 22, 30, 40)))
    with_whom = ("，联合" + "、".join(p.short for p in partners)) if partners else ""
    values = {
        "lead_member_id": lead.id,
        "title": title,
        "title_en": title_en,
        "domain": domain,
        "project_kind": kind,
        "status": status,
        "start_date": start,
        "end_date": end,
        "investment": _investment(r, kind),
        "funding_source": r.choice(FUNDING_SOURCES),
        "description": f"由{lead.short}牵头{with_whom}，在{place}开展{subject}{kind.zh}，属{domain.zh}领域。",
    }
    links = []
    for partner in partners:
        link = {"project_id": project_id, "member_id": partner.id, "role": r.choice(PARTNER_ROLES)}
        links.append(record("project_partner", link_id("project_partner", link) or "", lead.id, link))
    return record("project", project_id, lead.id, values), links


def projects(members: Sequence[DemoMember], unit: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """About 300 projects per volume unit, each with 0–3 partner members (owned by the project's lead)."""
    r = rng("projects", unit)
    eligible = [m for m in members if m.joined_on is not None]
    pool = Pool(eligible, [weight(m) for m in eligible])
    rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n in range(PROJECTS_PER_UNIT):
        row, partner_rows = _project(r, pool, unit, n, seen)
        rows.append(row)
        links.extend(partner_rows)
    return rows, links
