"""The dashboard's numbers, counted by the store until the report's figures module (reports.figures) lands;
kept to one small function so the dashboard can switch to the report's figures without other changes."""

from __future__ import annotations

from dataclasses import dataclass

from alliance_app.models import Domain, LabStatus, MemberKind, MemberStatus, OfferStatus, ProjectKind, ProjectStatus
from alliance_app.services import Desk, RecordQuery

DEMONSTRATION_TARGET = 100  # the alliance's 5-year target: about 100 technology demonstration projects


@dataclass(frozen=True)
class DashboardFigures:
    members_by_kind: dict[MemberKind, int]
    projects_by_status: dict[ProjectStatus, int]
    projects_by_domain: dict[Domain, int]
    demonstration_projects: int
    investment: float  # 万元, over all projects
    open_offers: int
    active_labs: int

    @property
    def members(self) -> int:
        return sum(self.members_by_kind.values())

    @property
    def projects(self) -> int:
        return sum(self.projects_by_status.values())


def dashboard_figures(desk: Desk) -> DashboardFigures:
    def count(kind: str, **filters: object) -> int:
        return desk.count(kind, RecordQuery(filters=dict(filters)))

    active = MemberStatus.ACTIVE.value
    return DashboardFigures(
        members_by_kind={k: count("member", member_kind=k.value, status=active) for k in MemberKind},
        projects_by_status={s: count("project", status=s.value) for s in ProjectStatus},
        projects_by_domain={d: count("project", domain=d.value) for d in Domain},
        demonstration_projects=count("project", project_kind=ProjectKind.DEMONSTRATION.value),
        investment=desk.total("project", "investment"),
        open_offers=count("resource_offer", status=OfferStatus.OPEN.value),
        active_labs=count("lab_partnership", status=LabStatus.ACTIVE.value),
    )


def matching_offer_ids(desk: Desk, member_id: str) -> list[str]:
    """Open offers of other members working in the domains of `member_id`'s projects: where to look first."""
    project_ids = desk.ids("project", RecordQuery(member_id=member_id, limit=None))
    domains = sorted({getattr(row["domain"], "value", row["domain"]) for row in desk.rows("project", project_ids)})
    if not domains:
        return []
    peers = [i for i in desk.ids("member", RecordQuery(filters={"domains": domains}, limit=None)) if i != member_id]
    if not peers:
        return []
    return desk.ids("resource_offer", RecordQuery(filters={"member_id": peers, "status": OfferStatus.OPEN.value}))
