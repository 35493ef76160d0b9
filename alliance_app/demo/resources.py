"""The demo's resource sharing: offers of compute, data, equipment, space and talent, and requests for them."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from alliance_app.demo.alliance import AS_OF, DemoMember, day_between, demo_id, record, rng, weighted
from alliance_app.demo.pool import Pool, weight
from alliance_app.demo.topics import OFFERS, REQUEST_USES, SUBJECTS
from alliance_app.models import MemberKind, OfferStatus, RequestStatus, ResourceKind, ResourceTerms

OFFERS_PER_UNIT = 150
REQUESTS_PER_UNIT = 200


# Which resources each kind of member tends to share.
_OFFER_KINDS: dict[MemberKind, dict[ResourceKind, int]] = {
    MemberKind.ENTERPRISE: {ResourceKind.DATASET: 4, ResourceKind.COMPUTE: 2, ResourceKind.EQUIPMENT: 3,
                            ResourceKind.LAB_SPACE: 1, ResourceKind.TALENT: 1, ResourceKind.OTHER: 2},
    MemberKind.UNIVERSITY: {ResourceKind.TALENT: 4, ResourceKind.LAB_SPACE: 3, ResourceKind.DATASET: 2,
                            ResourceKind.EQUIPMENT: 2, ResourceKind.COMPUTE: 1, ResourceKind.OTHER: 1},
    MemberKind.RESEARCH_INSTITUTE: {ResourceKind.EQUIPMENT: 3, ResourceKind.DATASET: 3, ResourceKind.LAB_SPACE: 2,
                                    ResourceKind.TALENT: 2, ResourceKind.COMPUTE: 1, ResourceKind.OTHER: 1},
    MemberKind.PUBLIC_PLATFORM: {ResourceKind.COMPUTE: 5, ResourceKind.EQUIPMENT: 2, ResourceKind.DATASET: 2,
                                 ResourceKind.LAB_SPACE: 1, ResourceKind.OTHER: 2},
    MemberKind.OTHER: {ResourceKind.OTHER: 1},
}  # fmt: skip
_COUNTED_UNITS = {"套", "台", "个", "人次", "名", "项", "次", "年"}


def _availability(r: random.Random, status: OfferStatus) -> tuple[date, date | None]:
    """Closed offers ran out before today; open and matched ones run on (a few with no end date)."""
    if status == OfferStatus.CLOSED:
        start = day_between(r, date(2025, 1, 1), date(2026, 3, 31))
        return start, day_between(r, start + timedelta(days=60), AS_OF - timedelta(days=1))
    start = day_between(r, date(2025, 1, 1), date(2026, 10, 31))
    if r.random() < 0.1:
        return start, None
    return start, day_between(r, max(start, AS_OF) + timedelta(days=30), date(2027, 12, 31))


def _offer(r: random.Random, pool: Pool, unit: int, n: int, seen: set[str]) -> dict[str, Any]:
    for _ in range(6):  # a member rarely offers the same thing twice
        member = pool.draw(r)
        kinds = _OFFER_KINDS[member.profile.kind]
        kind = weighted(r, list(kinds), list(kinds.values()))
        suits = set(member.profile.domains)
        templates = [t for t in OFFERS[kind] if not t[4] or suits & set(t[4])] or list(OFFERS[kind])
        title, title_en, capacity_unit, capacities, _ = r.choice(templates)
        if member.short + title not in seen:
            break
    seen.add(member.short + title)
    capacity = float(r.choice(capacities))
    terms = weighted(r, list(ResourceTerms), (30, 35, 35))
    status = weighted(r, list(OfferStatus), (65, 25, 10))
    available_from, until = _availability(r, status)
    values = {
        "member_id": member.id,
        "resource_kind": kind,
        "title": f"{member.short}{title}",
        "title_en": f"{title_en[0].upper()}{title_en[1:]} ({member.short_en})",
        "capacity": capacity,
        "capacity_unit": capacity_unit,
        "terms": terms,
        "available_from": available_from,
        "available_until": until,
        "status": status,
        "description": f"{member.short}面向联盟成员提供{title}，共{capacity:g}{capacity_unit}，{terms.zh}。",
    }
    return record("resource_offer", demo_id(f"resource_offer:{unit}:{n}"), member.id, values)


def offers(members: Sequence[DemoMember], unit: int) -> list[dict[str, Any]]:
    """About 125 resource offers per volume unit, by active members: compute, data, equipment, space, talent."""
    r = rng("offers", unit)
    sharing = [m for m in members if m.active]
    weights = [weight(m) * (2.5 if m.profile.kind == MemberKind.PUBLIC_PLATFORM else 1.0) for m in sharing]
    pool = Pool(sharing, weights)
    seen: set[str] = set()
    return [_offer(r, pool, unit, n, seen) for n in range(OFFERS_PER_UNIT)]


def _request(r: random.Random, active: Sequence[DemoMember], offer: dict[str, Any], key: str) -> dict[str, Any]:
    requester = r.choice(active)
    while requester.id == offer["member_id"]:  # members ask others, not themselves
        requester = r.choice(active)
    capacity = offer["capacity"] or 1.0
    quantity = capacity * r.uniform(0.05, 0.5)
    quantity = float(max(1, round(quantity))) if offer["capacity_unit"] in _COUNTED_UNITS else round(quantity, 1)
    status = weighted(r, list(RequestStatus), (35, 40, 20, 5))
    latest = min(AS_OF, offer["available_until"] or AS_OF)
    requested = day_between(r, offer["available_from"], max(offer["available_from"], latest))
    decided = None
    if status in (RequestStatus.ACCEPTED, RequestStatus.DECLINED):
        decided = min(requested + timedelta(days=r.randint(2, 30)), max(AS_OF, requested))
    subject, _ = r.choice(SUBJECTS[r.choice(requester.profile.domains)])
    values = {
        "offer_id": offer["id"],
        "member_id": requester.id,
        "quantity": quantity,
        "purpose": f"用于{subject}{r.choice(REQUEST_USES)}",
        "status": status,
        "requested_on": requested,
        "decided_on": decided,
        "offer_member_id": offer["member_id"],
    }
    return record("resource_request", demo_id(key), requester.id, values)


def requests(members: Sequence[DemoMember], offer_rows: Sequence[dict[str, Any]], unit: int) -> list[dict[str, Any]]:
    """About 160 requests per volume unit by other members against this unit's offers, mostly open ones."""
    r = rng("requests", unit)
    active = [m for m in members if m.active]
    weights = [{OfferStatus.OPEN: 6, OfferStatus.MATCHED: 4, OfferStatus.CLOSED: 1}[o["status"]] for o in offer_rows]
    cumulative = list(accumulate(weights))
    return [
        _request(r, active, r.choices(offer_rows, cum_weights=cumulative, k=1)[0], f"resource_request:{unit}:{n}")
        for n in range(REQUESTS_PER_UNIT)
    ]
