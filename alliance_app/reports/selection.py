"""The records behind each number the dashboard shows, by the same rules (tally.py) that count them: a click on a
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
    from alliance_app.reports import tally

    span = period(year, today)
    with store.read() as session:
        frames = tally.read_frames(session.connection(), year)
    members = tally.member_roll(frames["members"], span)
    members = tally.at_year_end(members.assign(status=tally.member_status_at_end(members, span)), span)
    projects = tally.portfolio(frames["projects"], span)
    offers = tally.available(frames["offers"], span)
    labs = tally.established(frames["labs"], span)

    def ids(frame: object, kind: str) -> RecordSet:
        return RecordSet(kind, tuple(frame["id"]))  # type: ignore[index]

    found = {
        "members": ids(members, "member"),
        "projects": ids(projects, "project"),
        "demonstration": ids(
            projects[(projects["project_kind"] == ProjectKind.DEMONSTRATION.value) & tally.under_way(projects)],
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
