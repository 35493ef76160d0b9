"""Counts one report year with pandas over the frames frames.py reads, by the rules written in definitions.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from alliance_app.models.collation import pinyin_key
from alliance_app.models.enums import (
    AllianceRole,
    Domain,
    EventKind,
    LabKind,
    LabStatus,
    MemberKind,
    MemberStatus,
    OfferStatus,
    ProjectKind,
    ProjectStatus,
    RequestStatus,
    ResourceKind,
    ResourceTerms,
)
from alliance_app.reports.figures import (
    AnnualTotals,
    DirectoryEntry,
    EventFigures,
    EventLine,
    KeyFigures,
    LabFigures,
    LabLine,
    MemberFigures,
    ProjectFigures,
    ProjectLine,
    ResourceFigures,
)
from alliance_app.reports.frames import (
    at_year_end,
    available,
    counts,
    established,
    in_period,
    member_roll,
    member_status_at_end,
    number,
    optional,
    portfolio,
    under_way,
)
from alliance_app.reports.period import Period

if TYPE_CHECKING:
    import pandas as pd

MAJOR_PROJECTS = 10
LISTED_LABS = 30
LISTED_EVENTS = 40
ROLE_ORDER = {role.value: i for i, role in enumerate(AllianceRole)}


def _members(members: pd.DataFrame, year: Period) -> tuple[MemberFigures, pd.DataFrame, pd.DataFrame]:
    """The figures, the roll (statuses as at the as-of date) and the members at the as-of date."""
    roll = member_roll(members, year)
    roll = roll.assign(status=member_status_at_end(roll, year))
    end = at_year_end(roll, year)
    # Every city given is named (a reader must not find a filled-in city hidden under "other"); no city: "".
    cities = end["city"].fillna("").value_counts()
    named = sorted(((str(c), int(n)) for c, n in cities.items() if c), key=lambda cn: (-cn[1], pinyin_key(cn[0])))
    by_city = dict(named)
    if cities.get("", 0):
        by_city[""] = int(cities[""])
    withdrawn = (roll["status"] == MemberStatus.WITHDRAWN.value) & in_period(roll["status_changed_on"], year)
    high_tech = end["ai_high_tech"].astype(bool) & (end["status"] != MemberStatus.SUSPENDED.value)
    figures = MemberFigures(
        at_year_end=len(end),
        joined=int(in_period(roll["joined_on"], year).sum()),
        withdrawn=int(withdrawn.sum()),
        ai_high_tech=int(high_tech.sum()),
        by_kind=counts(end["member_kind"], MemberKind),
        by_role=counts(end["alliance_role"], AllianceRole),
        by_status=counts(end["status"], MemberStatus),
        by_city=by_city,
    )
    return figures, roll, end


def directory(roll: pd.DataFrame) -> tuple[DirectoryEntry, ...]:
    """By alliance role, then in pinyin order of the Chinese name (as a reader looks a name up)."""
    keyed = roll.assign(_role=roll["alliance_role"].map(ROLE_ORDER), _key=roll["name_zh"].map(pinyin_key))
    ordered = keyed.sort_values(["_role", "_key"], kind="stable")
    return tuple(
        DirectoryEntry(
            name_zh=row.name_zh,
            name_en=optional(row.name_en),
            short_name=optional(row.short_name),
            kind=row.member_kind,
            role=row.alliance_role,
            city=optional(row.city),
            joined_on=optional(row.joined_on),
            status=row.status,
            ai_high_tech=bool(row.ai_high_tech),
        )
        for row in ordered.itertuples(index=False)
    )


def names_of(members: pd.DataFrame) -> dict[str, tuple[str, str | None]]:
    return {row.id: (row.name_zh, optional(row.name_en)) for row in members.itertuples(index=False)}


def _projects(frames: dict[str, pd.DataFrame], year: Period, names: dict) -> ProjectFigures:
    projects = frames["projects"]
    on_record = portfolio(projects, year)
    new = in_period(on_record["start_date"], year) & under_way(on_record)
    completed = (on_record["status"] == ProjectStatus.COMPLETED.value) & in_period(on_record["end_date"], year)
    demonstration = (on_record["project_kind"] == ProjectKind.DEMONSTRATION.value) & under_way(on_record)
    matrix = {str(d): dict.fromkeys((str(s) for s in ProjectStatus), 0) for d in Domain}
    for (domain, status), n in on_record.groupby(["domain", "status"]).size().items():
        matrix[domain][status] = int(n)
    partners = frames["project_partners"]
    links = partners[partners["project_id"].isin(on_record["id"])]
    return ProjectFigures(
        total=len(on_record),
        in_store=len(projects),
        new=int(new.sum()),
        completed=int(completed.sum()),
        demonstration=int(demonstration.sum()),
        investment_total=number(on_record["investment"].sum()),
        investment_new=number(on_record.loc[new, "investment"].sum()),
        by_domain_status=matrix,
        by_kind=counts(on_record["project_kind"], ProjectKind),
        by_status=counts(on_record["status"], ProjectStatus),
        by_domain=counts(on_record["domain"], Domain),
        with_partners=int(links["project_id"].nunique()),
        partner_links=len(links),
        major=_major_projects(on_record, names),
    )


def _major_projects(portfolio: pd.DataFrame, names: dict) -> tuple[ProjectLine, ...]:
    top = portfolio.sort_values(["investment", "title"], ascending=[False, True], na_position="last")
    return tuple(
        ProjectLine(
            title=row.title,
            title_en=optional(row.title_en),
            lead_zh=names.get(row.lead_member_id, ("", None))[0],
            lead_en=names.get(row.lead_member_id, ("", None))[1],
            domain=row.domain,
            kind=row.project_kind,
            status=row.status,
            investment=optional(row.investment),
            description=optional(row.description),
        )
        for row in top.head(MAJOR_PROJECTS).itertuples(index=False)
    )


def _resources(frames: dict[str, pd.DataFrame], year: Period) -> ResourceFigures:
    available_offers = available(frames["offers"], year)
    requests = frames["requests"]
    in_year = requests[in_period(requests["requested_on"], year)]
    accepted = in_year["status"] == RequestStatus.ACCEPTED.value
    return ResourceFigures(
        offers=len(available_offers),
        offers_by_kind=counts(available_offers["resource_kind"], ResourceKind),
        offers_by_status=counts(available_offers["status"], OfferStatus),
        offers_by_terms=counts(available_offers["terms"], ResourceTerms),
        requests=len(in_year),
        requests_by_status=counts(in_year["status"], RequestStatus),
        matches=int(accepted.sum()),
        requesting_members=int(in_year["member_id"].nunique()),
        undated_requests=int(requests["requested_on"].isna().sum()),
    )


def _labs(frames: dict[str, pd.DataFrame], year: Period, names: dict) -> LabFigures:
    labs = frames["labs"]
    labs = established(labs, year)
    partner_counts = frames["lab_partners"].groupby("lab_id").size()
    labs = labs.assign(
        partners=labs["id"].map(partner_counts).fillna(0).astype(int),
        outputs=labs["patents"] + labs["papers"] + labs["standards"],
    )
    listed = labs.sort_values(["outputs", "name"], ascending=[False, True]).head(LISTED_LABS)
    return LabFigures(
        total=len(labs),
        active=int((labs["status"] == LabStatus.ACTIVE.value).sum()),
        new=int(in_period(labs["established_on"], year).sum()),
        by_kind=counts(labs["lab_kind"], LabKind),
        by_status=counts(labs["status"], LabStatus),
        partner_links=int(labs["partners"].sum()),
        patents=int(labs["patents"].sum()),
        papers=int(labs["papers"].sum()),
        standards=int(labs["standards"].sum()),
        listed=tuple(
            LabLine(
                name=row.name,
                name_en=optional(row.name_en),
                lead_zh=names.get(row.lead_member_id, ("", None))[0],
                lead_en=names.get(row.lead_member_id, ("", None))[1],
                kind=row.lab_kind,
                status=row.status,
                established_on=optional(row.established_on),
                partners=int(row.partners),
                patents=int(row.patents),
                papers=int(row.papers),
                standards=int(row.standards),
            )
            for row in listed.itertuples(index=False)
        ),
    )


def _events(frames: dict[str, pd.DataFrame], year: Period) -> EventFigures:
    events = frames["events"]
    events = events[in_period(events["starts_on"], year)].sort_values(["starts_on", "title"])
    registered = frames["attendance"]
    registered = registered[registered["event_id"].isin(events["id"])]
    checked_in = registered[registered["checked_in_at"].notna()]
    per_event = checked_in.groupby("event_id").agg(people=("member_id", "size"), members=("member_id", "nunique"))
    registrations = registered.groupby("event_id").size()
    listed = tuple(
        EventLine(
            title=row.title,
            title_en=optional(row.title_en),
            kind=row.event_kind,
            starts_on=row.starts_on,
            city=optional(row.city),
            check_ins=int(per_event["people"].get(row.id, 0)),
            registrations=int(registrations.get(row.id, 0)),
            members=int(per_event["members"].get(row.id, 0)),
        )
        for row in events.head(LISTED_EVENTS).itertuples(index=False)
    )
    return EventFigures(
        total=len(events),
        check_ins=len(checked_in),
        registrations=len(registered),
        attending_members=int(checked_in["member_id"].nunique()),
        by_kind=counts(events["event_kind"], EventKind),
        listed=listed,
    )


def _annual(annual: pd.DataFrame, year: int, members: pd.DataFrame) -> AnnualTotals:
    """The figures of `year` of the members on that year's roll at its as-of date: like for like."""
    rows = annual[(annual["year"] == year) & annual["member_id"].isin(members["id"])]
    if rows.empty:
        return AnnualTotals(year=year)
    paid = rows["dues_paid"].astype(bool)
    return AnnualTotals(
        year=year,
        reporting_members=len(rows),
        ai_core_revenue=number(rows["ai_core_revenue"].sum()),
        rd_spend=number(rows["rd_spend"].sum()),
        patents=int(number(rows["patents"].sum())),
        employees=int(number(rows["employees"].sum())),
        dues_total=number(rows["dues"].sum()),
        dues_paid_members=int(paid.sum()),
        dues_paid_amount=number(rows.loc[paid, "dues"].sum()),
        dues_unpaid_members=int((~paid).sum()),
    )


@dataclass(frozen=True)
class Year:
    members: MemberFigures
    roll: Any
    projects: ProjectFigures
    resources: ResourceFigures
    labs: LabFigures
    events: EventFigures
    annual: AnnualTotals
    key: KeyFigures


def one_year(frames: dict[str, pd.DataFrame], year: Period, names: dict) -> Year:
    members, roll, end = _members(frames["members"], year)
    projects = _projects(frames, year, names)
    resources = _resources(frames, year)
    labs = _labs(frames, year, names)
    events = _events(frames, year)
    annual = _annual(frames["annual"], year.number, end)
    key = KeyFigures(
        year=year.number,
        members=members.at_year_end,
        ai_high_tech=members.ai_high_tech,
        projects=projects.total,
        demonstration=projects.demonstration,
        investment=projects.investment_total,
        offers=resources.offers,
        matches=resources.matches,
        labs_active=labs.active,
        events=events.total,
        check_ins=events.check_ins,
        ai_core_revenue=annual.ai_core_revenue,
    )
    return Year(members, roll, projects, resources, labs, events, annual, key)
