"""The dashboard's numbers, taken from the annual report's figures (reports.figures) for the current year as of
today, so the window and the PDF never disagree; the records behind each number (reports.selection), so a click
lists exactly them; plus the open offers that match a member's project domains."""

from __future__ import annotations

from dataclasses import dataclass, field

from alliance_app.models import Domain, MemberKind, OfferStatus, ProjectStatus
from alliance_app.reports.selection import RecordSet
from alliance_app.services import Desk, RecordQuery

DEMONSTRATION_TARGET = 100  # the alliance's 5-year target: about 100 technology demonstration projects


@dataclass(frozen=True)
class DashboardFigures:
    year: int
    members_by_kind: dict[MemberKind, int]
    projects_by_status: dict[ProjectStatus, int]
    projects_by_domain: dict[Domain, int]
    demonstration_projects: int
    investment: float  # 万元, over the year's project portfolio
    open_offers: int
    active_labs: int
    as_of: str = ""  # ISO date the figures run to (today in Beijing for the current year)
    provisional: bool = True
    records: dict[str, RecordSet] = field(default_factory=dict)  # the records behind each number, by name

    @property
    def members(self) -> int:
        return sum(self.members_by_kind.values())

    @property
    def projects(self) -> int:
        return sum(self.projects_by_status.values())


def dashboard_figures(desk: Desk, year: int | None = None) -> DashboardFigures:
    """The report's figures of `year` (default: this year), as the dashboard shows them. Runs in a worker: the
    report counts with pandas, which is imported here, after the window is up."""
    from alliance_app.reports.compute import compute_figures
    from alliance_app.reports.period import beijing_today

    today = beijing_today()
    year = year or today.year
    from alliance_app.reports.selection import records_behind

    figures = compute_figures(desk.store, year, today)
    records = records_behind(desk.store, year, today)
    members, projects = figures.members, figures.projects
    # A vocabulary's member is its code (StrEnum), so it finds the figures' entries keyed by code.
    return DashboardFigures(
        year=year,
        members_by_kind={k: members.by_kind.get(k, 0) for k in MemberKind},
        projects_by_status={s: projects.by_status.get(s, 0) for s in ProjectStatus},
        projects_by_domain={d: projects.by_domain.get(d, 0) for d in Domain},
        demonstration_projects=projects.demonstration,
        investment=projects.investment_total,
        open_offers=figures.resources.offers_by_status.get(OfferStatus.OPEN, 0),
        active_labs=figures.labs.active,
        as_of=figures.as_of,
        provisional=figures.provisional,
        records=records,
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
