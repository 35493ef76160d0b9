"""What the report counts from, and the selection rules both the counts and the dashboard's lists apply.

`read_frames` reads the live records a report year needs into pandas frames, with queries built from the mapped
classes (models/), so a renamed or retyped column fails here rather than in a figure. Dates and codes are read as
the stored text (ISO dates compare as text; codes are the vocabularies' values). The rules that pick records (the
year's roll, projects on record, available offers, established labs) are here once: tally.py counts by them and
selection.py lists the records behind each dashboard number by them, as definitions.py defines them in words.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from alliance_app.models.enums import Labelled, MemberStatus, ProjectStatus
from alliance_app.reports.period import Period

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy.engine import Connection
    from sqlalchemy.sql import Select

UNDER_WAY = (ProjectStatus.ONGOING.value, ProjectStatus.COMPLETED.value)  # started and not suspended: see definitions


def _queries(year: int) -> dict[str, Select]:
    """The columns the figures need, live records only; the annual figures of the year and the one before."""
    from sqlalchemy import Date, DateTime, Enum, String, select, type_coerce

    from alliance_app.models import (
        AnnualFigures,
        Attendance,
        Event,
        LabPartner,
        LabPartnership,
        Member,
        Project,
        ProjectPartner,
        ResourceOffer,
        ResourceRequest,
    )

    def columns(cls: Any, *names: str) -> Select:
        picked = []
        for name in names:
            column = getattr(cls, name)
            stored_as_text = isinstance(column.type, Date | DateTime | Enum)
            picked.append(type_coerce(column, String).label(name) if stored_as_text else column)
        return select(*picked).where(cls.deleted.is_(False))

    return {
        "members": columns(Member, "id", "name_zh", "name_en", "short_name", "member_kind", "alliance_role", "city",
                           "joined_on", "status", "status_changed_on", "ai_high_tech"),
        "projects": columns(Project, "id", "lead_member_id", "title", "title_en", "domain", "project_kind", "status",
                            "start_date", "end_date", "investment", "description"),
        "project_partners": columns(ProjectPartner, "project_id"),
        "offers": columns(ResourceOffer, "id", "resource_kind", "terms", "status", "available_from", "available_until"),
        "requests": columns(ResourceRequest, "member_id", "status", "requested_on"),
        "labs": columns(LabPartnership, "id", "lead_member_id", "name", "name_en", "lab_kind", "status",
                        "established_on", "patents", "papers", "standards"),
        "lab_partners": columns(LabPartner, "lab_id"),
        "events": columns(Event, "id", "title", "title_en", "event_kind", "starts_on", "city"),
        "attendance": columns(Attendance, "event_id", "member_id", "checked_in_at"),
        "annual": columns(AnnualFigures, "member_id", "year", "ai_core_revenue", "rd_spend", "patents", "employees",
                          "dues", "dues_paid").where(AnnualFigures.year.in_((year, year - 1))),
    }  # fmt: skip


def read_frames(connection: Connection, year: int) -> dict[str, pd.DataFrame]:
    import pandas as pd

    return {name: pd.read_sql_query(query, connection) for name, query in _queries(year).items()}


def as_text(series: pd.Series) -> pd.Series:
    """A date column as ISO text with "" for no date, so it compares as text."""
    return series.fillna("").astype(str)


def in_period(series: pd.Series, year: Period) -> pd.Series:
    days = as_text(series)
    return (days >= year.start) & (days <= year.end)


def counts(series: pd.Series, vocabulary: type[Labelled]) -> dict[str, int]:
    """Counts per code in the vocabulary's order, zeros included."""
    found = series.value_counts()
    return {member.value: int(found.get(member.value, 0)) for member in vocabulary}


def number(value: Any) -> float:
    return 0.0 if value is None or value != value else float(value)


def optional(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and value != value) else value


def member_roll(members: pd.DataFrame, year: Period) -> pd.DataFrame:
    """Members at any time in the year: not applied, joined by year end, not withdrawn before the year."""
    joined = as_text(members["joined_on"])
    changed = as_text(members["status_changed_on"])
    withdrawn_before = (members["status"] == MemberStatus.WITHDRAWN.value) & (changed < year.start)
    keep = (members["status"] != MemberStatus.APPLIED.value) & (joined <= year.end) & ~withdrawn_before
    return members[keep]


def member_status_at_end(frame: pd.DataFrame, year: Period) -> pd.Series:
    """A member's status at year end as far as its record tells: one whose status changed only after the year
    (suspended or withdrew later) was still an active member then."""
    later = as_text(frame["status_changed_on"]) > year.end
    return frame["status"].mask(later, MemberStatus.ACTIVE.value)


def _project_status_at_end(frame: pd.DataFrame, year: Period) -> pd.Series:
    """A project's status at year end as far as its dates tell: one completed after the year was ongoing then."""
    later = (frame["status"] == ProjectStatus.COMPLETED.value) & (as_text(frame["end_date"]) > year.end)
    return frame["status"].mask(later, ProjectStatus.ONGOING.value)


def at_year_end(roll: pd.DataFrame, year: Period) -> pd.DataFrame:
    gone = (roll["status"] == MemberStatus.WITHDRAWN.value) & (as_text(roll["status_changed_on"]) <= year.end)
    return roll[~gone]


def portfolio(projects: pd.DataFrame, year: Period) -> pd.DataFrame:
    """Projects on record: started by the as-of date or undated, statuses as at that date."""
    on_record = projects[as_text(projects["start_date"]) <= year.end]
    return on_record.assign(status=_project_status_at_end(on_record, year))


def under_way(frame: pd.DataFrame) -> pd.Series:
    return frame["status"].isin(UNDER_WAY)


def available(offers: pd.DataFrame, year: Period) -> pd.DataFrame:
    """Offers whose availability overlaps the period (open ends count)."""
    until = as_text(offers["available_until"])
    return offers[(as_text(offers["available_from"]) <= year.end) & ((until == "") | (until >= year.start))]


def established(labs: pd.DataFrame, year: Period) -> pd.DataFrame:
    return labs[as_text(labs["established_on"]) <= year.end]


def founded_on(members: pd.DataFrame) -> date | None:
    """The alliance began when its first member joined (the earliest join date of anyone not merely applying)."""
    joined = as_text(members.loc[members["status"] != MemberStatus.APPLIED.value, "joined_on"])
    dated = joined[joined != ""]
    return date.fromisoformat(dated.min()[:10]) if len(dated) else None
