"""The figures of one report year, computed once over the local store and shared by the PDF, the dashboard and --json.

`compute_figures(store_or_session, year)` returns an `AllianceFigures`: plain frozen dataclasses of ints, floats,
strings, tuples and dicts (no pandas objects), keyed by the stable codes of models/enums.py. Every count is over
live records (tombstones left out). With S = 1 January and E = 31 December of the year:

AllianceFigures
  year, computed_at (ISO, UTC)         the report year; when the figures were computed
  last_synced_at                       StoreMeta "last_synced_at" (ISO text) or None if this desktop never synced
  demo                                 StoreMeta "demo": the store holds the demo alliance
  pending_edits, rejected_edits        outbox entries not yet accepted by the server
  lead_zh, lead_en                     the lead member on the roll (alliance_role "lead"), or None
  members: MemberFigures               the roll = members not "applied", joined by E (or undated), and not withdrawn
                                       before S (a withdrawal needs a status date in the year or later to count)
    at_year_end                        the roll less members withdrawn by E
    joined, withdrawn                  joined_on in the year; withdrawn with status date in the year
    ai_high_tech                       at_year_end members flagged AI high-tech enterprise
    by_kind, by_role, by_status        counts over at_year_end (by_status: status at E, see below)
    by_city                            top cities over at_year_end, largest first; the rest as "" (other)
  directory: tuple[DirectoryEntry]     every member of the roll: names, kind, role, city, joined, status
  projects: ProjectFigures             the portfolio = projects started by E (or with no start date)
    total, new, completed              all; start_date in the year; status completed with end_date in the year
    demonstration                      portfolio projects of kind "demonstration"
    investment_total, investment_new   sum of investment (万元) over the portfolio / the new projects
    by_domain_status                   {domain: {status: n}} for all 16 domains and 4 statuses
    by_kind, by_status, by_domain      counts over the portfolio
    with_partners, partner_links       projects with ≥1 partner member; live partner links
    major: tuple[ProjectLine]          the ten largest by investment
  resources: ResourceFigures           offers available during the year (from ≤ E, until ≥ S, open ends count)
    offers, offers_by_kind/status/terms
    requests, requests_by_status       requests with requested_on in the year (against any offer)
    matches                            those requests accepted
    requesting_members                 distinct members behind them
    undated_requests                   requests with no requested_on (counted in no year, named in the notes)
  labs: LabFigures                     labs established by E (or undated)
    total, new, by_kind, by_status, partner_links
    patents, papers, standards         the outputs recorded on those labs (cumulative totals)
    listed: tuple[LabLine]             the thirty with most outputs
  events: EventFigures                 events starting in the year
    total, attendees, attending_members, by_kind, listed: tuple[EventLine] (by date, at most forty)
  annual, previous_annual: AnnualTotals  the members' annual figures of the year and of the year before
    reporting_members, ai_core_revenue (亿元), rd_spend (万元), patents, employees,
    dues_total (万元), dues_paid_members, dues_paid_amount, dues_unpaid_members
  previous: KeyFigures                 the same headline numbers for the year before (year-on-year change)
  key: KeyFigures                      headline numbers of the year (members, projects, offers, events, revenue)
  targets: tuple[TargetProgress]       each 5-year target (targets.py) with the figure that stands for it

Statuses of members (by_status, the directory) and projects (by_status, by_domain_status, major) are as at E as
far as the records tell, for the desktop keeps no history: a member whose status changed only after E counts as
active, a project completed after E as ongoing; any other status is the current one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from alliance_app.reports.targets import TARGETS, Target

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from alliance_app.store.engine import Store


@dataclass(frozen=True)
class DirectoryEntry:
    name_zh: str
    name_en: str | None
    short_name: str | None
    kind: str
    role: str
    city: str | None
    joined_on: str | None  # ISO date
    status: str
    ai_high_tech: bool


@dataclass(frozen=True)
class MemberFigures:
    at_year_end: int = 0
    joined: int = 0
    withdrawn: int = 0
    ai_high_tech: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_role: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_city: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectLine:
    title: str
    title_en: str | None
    lead_zh: str
    lead_en: str | None
    domain: str
    kind: str
    status: str
    investment: float | None
    description: str | None


@dataclass(frozen=True)
class ProjectFigures:
    total: int = 0
    new: int = 0
    completed: int = 0
    demonstration: int = 0
    investment_total: float = 0.0
    investment_new: float = 0.0
    by_domain_status: dict[str, dict[str, int]] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_domain: dict[str, int] = field(default_factory=dict)
    with_partners: int = 0
    partner_links: int = 0
    major: tuple[ProjectLine, ...] = ()


@dataclass(frozen=True)
class ResourceFigures:
    offers: int = 0
    offers_by_kind: dict[str, int] = field(default_factory=dict)
    offers_by_status: dict[str, int] = field(default_factory=dict)
    offers_by_terms: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    requests_by_status: dict[str, int] = field(default_factory=dict)
    matches: int = 0
    requesting_members: int = 0
    undated_requests: int = 0


@dataclass(frozen=True)
class LabLine:
    name: str
    name_en: str | None
    lead_zh: str
    lead_en: str | None
    kind: str
    status: str
    established_on: str | None
    partners: int
    patents: int
    papers: int
    standards: int


@dataclass(frozen=True)
class LabFigures:
    total: int = 0
    new: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    partner_links: int = 0
    patents: int = 0
    papers: int = 0
    standards: int = 0
    listed: tuple[LabLine, ...] = ()


@dataclass(frozen=True)
class EventLine:
    title: str
    title_en: str | None
    kind: str
    starts_on: str
    city: str | None
    attendees: int
    members: int


@dataclass(frozen=True)
class EventFigures:
    total: int = 0
    attendees: int = 0
    attending_members: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    listed: tuple[EventLine, ...] = ()


@dataclass(frozen=True)
class AnnualTotals:
    year: int
    reporting_members: int = 0
    ai_core_revenue: float = 0.0
    rd_spend: float = 0.0
    patents: int = 0
    employees: int = 0
    dues_total: float = 0.0
    dues_paid_members: int = 0
    dues_paid_amount: float = 0.0
    dues_unpaid_members: int = 0


@dataclass(frozen=True)
class KeyFigures:
    """The headline numbers that the overview compares with the year before."""

    year: int
    members: int = 0
    ai_high_tech: int = 0
    projects: int = 0
    demonstration: int = 0
    investment: float = 0.0
    offers: int = 0
    matches: int = 0
    labs: int = 0
    events: int = 0
    attendees: int = 0
    ai_core_revenue: float = 0.0


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    actual: float | None  # None: the store records nothing that measures this target

    @property
    def share(self) -> float | None:
        """Progress as a fraction of the goal (may exceed 1), or None when not measured."""
        return None if self.actual is None else self.actual / self.target.goal

    @property
    def reached(self) -> bool:
        return self.target.reached(self.actual)


@dataclass(frozen=True)
class AllianceFigures:
    year: int
    computed_at: str
    last_synced_at: str | None
    demo: bool
    pending_edits: int
    rejected_edits: int
    lead_zh: str | None
    lead_en: str | None
    members: MemberFigures
    directory: tuple[DirectoryEntry, ...]
    projects: ProjectFigures
    resources: ResourceFigures
    labs: LabFigures
    events: EventFigures
    annual: AnnualTotals
    previous_annual: AnnualTotals
    key: KeyFigures
    previous: KeyFigures
    targets: tuple[TargetProgress, ...]

    def as_json(self) -> dict[str, Any]:
        """Plain JSON-ready data (what `alliance-app report --json` prints)."""
        data = asdict(self)
        data["targets"] = [
            {
                "code": t.target.code,
                "zh": t.target.zh,
                "en": t.target.en,
                "goal": t.target.goal,
                "comparison": t.target.comparison,
                "actual": t.actual,
                "share": t.share,
                "reached": t.reached,
                "measure_zh": t.target.measure_zh,
                "measure_en": t.target.measure_en,
            }
            for t in self.targets
        ]
        return data


def target_progress(key: KeyFigures) -> tuple[TargetProgress, ...]:
    """Each target with the figure that stands for it (see targets.py for which is which)."""
    actual: dict[str, float | None] = {
        "ai_high_tech_enterprises": key.ai_high_tech,
        "demonstration_projects": key.demonstration,
        "ai_core_industry": key.ai_core_revenue,
        "related_industry": None,
    }
    return tuple(TargetProgress(t, actual[t.code]) for t in TARGETS)


def compute_figures(store_or_session: Store | Session, year: int) -> AllianceFigures:
    """Reads the store once (pandas) and computes every figure of `year`. Cheap enough for window start."""
    from sqlalchemy.orm import Session

    from alliance_app.reports.tally import tally

    if isinstance(store_or_session, Session):
        return tally(store_or_session.connection(), year)
    with store_or_session.read() as session:
        return tally(session.connection(), year)
