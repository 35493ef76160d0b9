"""Weighted draws of demo members: who leads a project, offers a resource or runs a lab, and who partners."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import accumulate

from alliance_app.demo.alliance import DemoMember
from alliance_app.models import AllianceRole, Domain, MemberKind

KIND_WEIGHT = {
    MemberKind.ENTERPRISE: 1.5,
    MemberKind.UNIVERSITY: 1.5,
    MemberKind.RESEARCH_INSTITUTE: 1.3,
    MemberKind.PUBLIC_PLATFORM: 0.6,
    MemberKind.OTHER: 0.2,
}
ROLE_WEIGHT = {AllianceRole.LEAD: 5.0, AllianceRole.VICE_CHAIR: 2.0, AllianceRole.MEMBER: 1.0}


def weight(member: DemoMember) -> float:
    """How likely a member leads something: the lead and vice-chairs most, members no longer active rarely."""
    base = KIND_WEIGHT[member.profile.kind] * ROLE_WEIGHT[member.profile.role]
    return base if member.active else base * 0.15


class Pool:
    """Members to draw from, with their weights summed up once (the draws run a hundred thousand times)."""

    def __init__(self, members: Sequence[DemoMember], weights: Sequence[float]):
        self.members = list(members)
        self.cumulative = list(accumulate(weights))
        self._by_domains: dict[frozenset[Domain], list[float]] = {}

    def draw(self, r: random.Random) -> DemoMember:
        return r.choices(self.members, cum_weights=self.cumulative, k=1)[0]

    def partners(self, r: random.Random, exclude: str, domains: frozenset[Domain], n: int) -> list[DemoMember]:
        """n distinct active members other than `exclude`, preferring those working in the same domains."""
        cumulative = self._by_domains.get(domains)
        if cumulative is None:
            weights = [(3.0 if domains & set(m.profile.domains) else 1.0) if m.active else 0.0 for m in self.members]
            cumulative = self._by_domains[domains] = list(accumulate(weights))
        chosen: list[DemoMember] = []
        while len(chosen) < n:
            pick = r.choices(self.members, cum_weights=cumulative, k=1)[0]
            if pick.id != exclude and pick not in chosen:
                chosen.append(pick)
        return chosen
