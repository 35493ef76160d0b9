"""The types of a report year's figures, shared by the PDF, the dashboard and --json (computed by compute.py).

An `AllianceFigures` is plain frozen dataclasses of ints, floats, strings, tuples and dicts (no pandas objects),
keyed by the stable codes of models/enums.py. What each figure counts is defined once, in words, in definitions.py
(the glossary prints those sentences); tally.py counts by them. An annual figure of a year in which no member on
that year's roll reported is None ("not reported"), never 0. This module imports no other of the report's modules
but the targets: the figures' types sit below everything that computes or prints them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from alliance_app.reports.targets import TARGETS, Target


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
    in_store: int = 0  # every live project, those starting after the as-of date included
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
    active: int = 0
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
    check_ins: int
    registrations: int
    members: int


@dataclass(frozen=True)
class EventFigures:
    total: int = 0
    check_ins: int = 0
    registrations: int = 0
    attending_members: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    listed: tuple[EventLine, ...] = ()


@dataclass(frozen=True)
class AnnualTotals:
    """The annual figures of the members on the year's roll at its as-of date; None: nobody reported."""

    year: int
    reporting_members: int = 0
    ai_core_revenue: float | None = None
    rd_spend: float | None = None
    patents: int | None = None
    employees: int | None = None
    dues_total: float | None = None
    dues_paid_members: int | None = None
    dues_paid_amount: float | None = None
    dues_unpaid_members: int | None = None


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
    labs_active: int = 0
    events: int = 0
    check_ins: int = 0
    ai_core_revenue: float | None = None


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
    as_of: str  # ISO date: 31 December, or the day the figures were computed (Beijing time) in the current year
    provisional: bool  # the year is not over
    founded_on: str | None  # the first member's join date (the alliance's beginning), None if no dated member
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
    previous_annual: AnnualTotals | None  # None: the alliance did not exist the year before
    key: KeyFigures
    previous: KeyFigures | None
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
