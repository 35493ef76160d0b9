"""Counts one report year with pandas over the store's live records, by the rules written in definitions.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from alliance_app.models.base import utc_now
from alliance_app.models.collation import pinyin_key
from alliance_app.models.enums import (
    AllianceRole,
    Domain,
    EventKind,
    Labelled,
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
    AllianceFigures,
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
    target_progress,
)
from alliance_app.reports.period import Period, period, refuse_before_founding

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy.engine import Connection

MAJOR_PROJECTS = 10
LISTED_LABS = 30
LISTED_EVENTS = 40
UNDER_WAY = (ProjectStatus.ONGOING.value, ProjectStatus.COMPLETED.value)  # started and not suspended: see definitions
ROLE_ORDER = {role.value: i for i, role in enumerate(AllianceRole)}

# What is read: the columns the figures need, live records only. Dates stay ISO text (compared as text).
QUERIES = {
    "members": "SELECT id, name_zh, name_en, short_name, member_kind, alliance_role, city, joined_on, status, "
    "status_changed_on, ai_high_tech FROM members WHERE deleted = 0",
    "projects": "SELECT id, lead_member_id, title, title_en, domain, project_kind, status, start_date, end_date, "
    "investment, description FROM projects WHERE deleted = 0",
    "project_partners": "SELECT project_id FROM project_partners WHERE deleted = 0",
    "offers": "SELECT id, resource_kind, terms, status, available_from, available_until FROM resource_offers "
    "WHERE deleted = 0",
    "requests": "SELECT member_id, status, requested_on FROM resource_requests WHERE deleted = 0",
    "labs": "SELECT id, lead_member_id, name, name_en, lab_kind, status, established_on, patents, papers, standards "
    "FROM lab_partnerships WHERE deleted = 0",
    "lab_partners": "SELECT lab_id FROM lab_partners WHERE deleted = 0",
    "events": "SELECT id, title, title_en, event_kind, starts_on, city FROM events WHERE deleted = 0",
    "attendance": "SELECT event_id, member_id, checked_in_at FROM attendance WHERE deleted = 0",
    "annual": "SELECT member_id, year, ai_core_revenue, rd_spend, patents, employees, dues, dues_paid "
    "FROM annual_figures WHERE deleted = 0 AND year IN (:year, :previous)",
}


def read_frames(connection: Connection, year: int) -> dict[str, pd.DataFrame]:
    import pandas as pd
    from sqlalchemy import text

    frames = {}
    for name, sql in QUERIES.items():
        params = {"year": year, "previous": year - 1} if ":year" in sql else {}
        frames[name] = pd.read_sql_query(text(sql), connection, params=params)
    return frames


def _text(series: pd.Series) -> pd.Series:
    """A date column as ISO text with "" for no date, so it compares as text."""
    return series.fillna("").astype(str)


def _in_year(series: pd.Series, year: Period) -> pd.Series:
    days = _text(series)
    return (days >= year.start) & (days <= year.end)


def _counts(series: pd.Series, vocabulary: type[Labelled]) -> dict[str, int]:
    """Counts per code in the vocabulary's order, zeros included."""
    found = series.value_counts()
    return {member.value: int(found.get(member.value, 0)) for member in vocabulary}


def _number(value: Any) -> float:
    return 0.0 if value is None or value != value else float(value)


def _optional(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and value != value) else value


def member_roll(members: pd.DataFrame, year: Period) -> pd.DataFrame:
    """Members at any time in the year: not applied, joined by year end, not withdrawn before the year."""
    joined = _text(members["joined_on"])
    changed = _text(members["status_changed_on"])
    withdrawn_before = (members["status"] == MemberStatus.WITHDRAWN.value) & (changed < year.start)
    keep = (members["status"] != MemberStatus.APPLIED.value) & (joined <= year.end) & ~withdrawn_before
    return members[keep]


def member_status_at_end(frame: pd.DataFrame, year: Period) -> pd.Series:
    """A member's status at year end as far as its record tells: one whose status changed only after the year
    (suspended or withdrew later) was still an active member then."""
    later = _text(frame["status_changed_on"]) > year.end
    return frame["status"].mask(later, MemberStatus.ACTIVE.value)


def _project_status_at_end(frame: pd.DataFrame, year: Period) -> pd.Series:
    """A project's status at year end as far as its dates tell: one completed after the year was ongoing then."""
    later = (frame["status"] == ProjectStatus.COMPLETED.value) & (_text(frame["end_date"]) > year.end)
    return frame["status"].mask(later, ProjectStatus.ONGOING.value)


def at_year_end(roll: pd.DataFrame, year: Period) -> pd.DataFrame:
    gone = (roll["status"] == MemberStatus.WITHDRAWN.value) & (_text(roll["status_changed_on"]) <= year.end)
    return roll[~gone]


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
    withdrawn = (roll["status"] == MemberStatus.WITHDRAWN.value) & _in_year(roll["status_changed_on"], year)
    high_tech = end["ai_high_tech"].astype(bool) & (end["status"] != MemberStatus.SUSPENDED.value)
    figures = MemberFigures(
        at_year_end=len(end),
        joined=int(_in_year(roll["joined_on"], year).sum()),
        withdrawn=int(withdrawn.sum()),
        ai_high_tech=int(high_tech.sum()),
        by_kind=_counts(end["member_kind"], MemberKind),
        by_role=_counts(end["alliance_role"], AllianceRole),
        by_status=_counts(end["status"], MemberStatus),
        by_city=by_city,
    )
    return figures, roll, end


def _directory(roll: pd.DataFrame) -> tuple[DirectoryEntry, ...]:
    """By alliance role, then in pinyin order of the Chinese name (as a reader looks a name up)."""
    keyed = roll.assign(_role=roll["alliance_role"].map(ROLE_ORDER), _key=roll["name_zh"].map(pinyin_key))
    ordered = keyed.sort_values(["_role", "_key"], kind="stable")
    return tuple(
        DirectoryEntry(
            name_zh=row.name_zh,
            name_en=_optional(row.name_en),
            short_name=_optional(row.short_name),
            kind=row.member_kind,
            role=row.alliance_role,
            city=_optional(row.city),
            joined_on=_optional(row.joined_on),
            status=row.status,
            ai_high_tech=bool(row.ai_high_tech),
        )
        for row in ordered.itertuples(index=False)
    )


def _names(members: pd.DataFrame) -> dict[str, tuple[str, str | None]]:
    return {row.id: (row.name_zh, _optional(row.name_en)) for row in members.itertuples(index=False)}


def portfolio(projects: pd.DataFrame, year: Period) -> pd.DataFrame:
    """Projects on record: started by the as-of date or undated, statuses as at that date."""
    on_record = projects[_text(projects["start_date"]) <= year.end]
    return on_record.assign(status=_project_status_at_end(on_record, year))


def under_way(frame: pd.DataFrame) -> pd.Series:
    return frame["status"].isin(UNDER_WAY)


def _projects(frames: dict[str, pd.DataFrame], year: Period, names: dict) -> ProjectFigures:
    projects = frames["projects"]
    on_record = portfolio(projects, year)
    new = _in_year(on_record["start_date"], year) & under_way(on_record)
    completed = (on_record["status"] == ProjectStatus.COMPLETED.value) & _in_year(on_record["end_date"], year)
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
        investment_total=_number(on_record["investment"].sum()),
        investment_new=_number(on_record.loc[new, "investment"].sum()),
        by_domain_status=matrix,
        by_kind=_counts(on_record["project_kind"], ProjectKind),
        by_status=_counts(on_record["status"], ProjectStatus),
        by_domain=_counts(on_record["domain"], Domain),
        with_partners=int(links["project_id"].nunique()),
        partner_links=len(links),
        major=_major_projects(on_record, names),
    )


def _major_projects(portfolio: pd.DataFrame, names: dict) -> tuple[ProjectLine, ...]:
    top = portfolio.sort_values(["investment", "title"], ascending=[False, True], na_position="last")
    return tuple(
        ProjectLine(
            title=row.title,
            title_en=_optional(row.title_en),
            lead_zh=names.get(row.lead_member_id, ("", None))[0],
            lead_en=names.get(row.lead_member_id, ("", None))[1],
            domain=row.domain,
            kind=row.project_kind,
            status=row.status,
            investment=_optional(row.investment),
            description=_optional(row.description),
        )
        for row in top.head(MAJOR_PROJECTS).itertuples(index=False)
    )


def available(offers: pd.DataFrame, year: Period) -> pd.DataFrame:
    """Offers whose availability overlaps the period (open ends count)."""
    until = _text(offers["available_until"])
    return offers[(_text(offers["available_from"]) <= year.end) & ((until == "") | (until >= year.start))]


def _resources(frames: dict[str, pd.DataFrame], year: Period) -> ResourceFigures:
    available_offers = available(frames["offers"], year)
    requests = frames["requests"]
    in_year = requests[_in_year(requests["requested_on"], year)]
    accepted = in_year["status"] == RequestStatus.ACCEPTED.value
    return ResourceFigures(
        offers=len(available_offers),
        offers_by_kind=_counts(available_offers["resource_kind"], ResourceKind),
        offers_by_status=_counts(available_offers["status"], OfferStatus),
        offers_by_terms=_counts(available_offers["terms"], ResourceTerms),
        requests=len(in_year),
        requests_by_status=_counts(in_year["status"], RequestStatus),
        matches=int(accepted.sum()),
        requesting_members=int(in_year["member_id"].nunique()),
        undated_requests=int(requests["requested_on"].isna().sum()),
    )


def established(labs: pd.DataFrame, year: Period) -> pd.DataFrame:
    return labs[_text(labs["established_on"]) <= year.end]


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
        new=int(_in_year(labs["established_on"], year).sum()),
        by_kind=_counts(labs["lab_kind"], LabKind),
        by_status=_counts(labs["status"], LabStatus),
        partner_links=int(labs["partners"].sum()),
        patents=int(labs["patents"].sum()),
        papers=int(labs["papers"].sum()),
        standards=int(labs["standards"].sum()),
        listed=tuple(
            LabLine(
                name=row.name,
                name_en=_optional(row.name_en),
                lead_zh=names.get(row.lead_member_id, ("", None))[0],
                lead_en=names.get(row.lead_member_id, ("", None))[1],
                kind=row.lab_kind,
                status=row.status,
                established_on=_optional(row.established_on),
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
    events = events[_in_year(events["starts_on"], year)].sort_values(["starts_on", "title"])
    registered = frames["attendance"]
    registered = registered[registered["event_id"].isin(events["id"])]
    checked_in = registered[registered["checked_in_at"].notna()]
    per_event = checked_in.groupby("event_id").agg(people=("member_id", "size"), members=("member_id", "nunique"))
    registrations = registered.groupby("event_id").size()
    listed = tuple(
        EventLine(
            title=row.title,
            title_en=_optional(row.title_en),
            kind=row.event_kind,
            starts_on=row.starts_on,
            city=_optional(row.city),
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
        by_kind=_counts(events["event_kind"], EventKind),
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
        ai_core_revenue=_number(rows["ai_core_revenue"].sum()),
        rd_spend=_number(rows["rd_spend"].sum()),
        patents=int(_number(rows["patents"].sum())),
        employees=int(_number(rows["employees"].sum())),
        dues_total=_number(rows["dues"].sum()),
        dues_paid_members=int(paid.sum()),
        dues_paid_amount=_number(rows.loc[paid, "dues"].sum()),
        dues_unpaid_members=int((~paid).sum()),
    )


@dataclass(frozen=True)
class _Year:
    members: MemberFigures
    roll: Any
    projects: ProjectFigures
    resources: ResourceFigures
    labs: LabFigures
    events: EventFigures
    annual: AnnualTotals
    key: KeyFigures


def _one_year(frames: dict[str, pd.DataFrame], year: Period, names: dict) -> _Year:
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
    return _Year(members, roll, projects, resources, labs, events, annual, key)


def founded_on(members: pd.DataFrame) -> date | None:
    """The alliance began when its first member joined (the earliest join date of anyone not merely applying)."""
    joined = _text(members.loc[members["status"] != MemberStatus.APPLIED.value, "joined_on"])
    dated = joined[joined != ""]
    return date.fromisoformat(dated.min()[:10]) if len(dated) else None


def _store_facts(connection: Connection) -> dict[str, Any]:
    from sqlalchemy import text

    meta = {
        key: json.loads(value) if isinstance(value, str) else value
        for key, value in connection.execute(
            text("SELECT key, value FROM store_meta WHERE key IN ('last_synced_at', 'demo')")
        )
    }
    outbox = {state: n for state, n in connection.execute(text("SELECT state, count(*) FROM outbox GROUP BY state"))}
    return {
        "last_synced_at": str(meta["last_synced_at"]) if meta.get("last_synced_at") else None,
        "demo": bool(meta.get("demo", False)),
        "pending_edits": int(outbox.get("pending", 0)),
        "rejected_edits": int(outbox.get("rejected", 0)),
    }


def tally(connection: Connection, year: int, today: date) -> AllianceFigures:
    this_period = period(year, today)
    frames = read_frames(connection, year)
    founded = founded_on(frames["members"])
    refuse_before_founding(year, founded)
    names = _names(frames["members"])
    this = _one_year(frames, this_period, names)
    # The year before, with its own period (all of it) and its own roll; none before the alliance began.
    before = None if founded is None or year - 1 < founded.year else _one_year(frames, period(year - 1, today), names)
    roll = this.roll
    lead = roll[roll["alliance_role"] == AllianceRole.LEAD.value].sort_values("name_zh").head(1)
    return AllianceFigures(
        year=year,
        as_of=this_period.end,
        provisional=this_period.provisional,
        founded_on=founded.isoformat() if founded else None,
        computed_at=utc_now().isoformat(timespec="seconds"),
        **_store_facts(connection),
        lead_zh=lead["name_zh"].iloc[0] if len(lead) else None,
        lead_en=_optional(lead["name_en"].iloc[0]) if len(lead) else None,
        members=this.members,
        directory=_directory(roll),
        projects=this.projects,
        resources=this.resources,
        labs=this.labs,
        events=this.events,
        annual=this.annual,
        previous_annual=before.annual if before else None,
        key=this.key,
        previous=before.key if before else None,
        targets=target_progress(this.key),
    )
