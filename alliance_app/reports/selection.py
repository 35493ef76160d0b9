"""The records behind each number the dashboard shows, by the same rules (frames.py) the tally counts by: a click on a
number lists exactly these records, so the number and the list can never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from alliance_app.models.enums import LabStatus, MemberKind, OfferStatus, ProjectKind, ProjectStatus
from alliance_app.reports.period import period

if TYPE_CHECKING:
    from alliance_app.store.engine import Store


@dataclass(frozen=True)
class RecordSet:
    """What a dashboard number asks the list pages to show: one record kind and the ids of its records."""

    kind: str
    ids: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.ids)


def records_behind(store: Store, year: int, today: date) -> dict[str, RecordSet]:
    """Named record sets: "members", "members:<kind>", "projects", "projects:<status>", "projects:domain=<d>",
    "demonstration", "investment" (projects on record with an investment entered), "offers_open", "labs_active"."""
    from alliance_app.reports import frames as rules

    span = period(year, today)
    with store.read() as session:
        found_frames = rules.read_frames(session.connection(), year)
    members = rules.member_roll(found_frames["members"], span)
    members = rules.at_year_end(members.assign(status=rules.member_status_at_end(members, span)), span)
    projects = rules.portfolio(found_frames["projects"], span)
    offers = rules.available(found_frames["offers"], span)
    labs = rules.established(found_frames["labs"], span)

    def ids(frame: object, kind: str) -> RecordSet:
        return RecordSet(kind, tuple(frame["id"]))  # type: ignore[index]

    found = {
        "members": ids(members, "member"),
        "projects": ids(projects, "project"),
        "demonstration": ids(
            projects[(projects["project_kind"] == ProjectKind.DEMONSTRATION.value) & rules.under_way(projects)],
            "project",
        ),
        "investment": ids(projects[projects["investment"].notna()], "project"),
        "offers_open": ids(offers[offers["status"] == OfferStatus.OPEN.value], "resource_offer"),
        "labs_active": ids(labs[labs["status"] == LabStatus.ACTIVE.value], "lab_partnership"),
    }
    for kind in MemberKind:
        found[f"members:{kind.value}"] = ids(members[members["member_kind"] == kind.value], "member")
    for status in ProjectStatus:
        found[f"projects:{status.value}"] = ids(projects[projects["status"] == status.value], "project")
    for domain in projects["domain"].unique():
        found[f"projects:domain={domain}"] = ids(projects[projects["domain"] == domain], "project")
    return found
