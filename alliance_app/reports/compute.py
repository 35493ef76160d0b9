"""Computes the figures of one report year: the store's state from the services (`store_status`, what
`Desk.status()` reports), the records through frames.py, the counting by tally.py, assembled into AllianceFigures.

The period runs from 1 January to the as-of date: 31 December, or today (Beijing time) in the current year, whose
figures are then provisional. A year not begun or before the alliance's first member is refused. Each year (this
and the previous) is counted with its own period and its own roll: like for like.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from alliance_app.models.base import utc_now
from alliance_app.models.enums import AllianceRole
from alliance_app.reports.figures import AllianceFigures, target_progress
from alliance_app.reports.frames import founded_on, optional, read_frames
from alliance_app.reports.period import beijing_today, period, refuse_before_founding
from alliance_app.reports.tally import directory, names_of, one_year

if TYPE_CHECKING:
    from alliance_app.services.desk import StoreStatus
    from alliance_app.store.engine import Store


def compute_figures(store: Store, year: int, today: date | None = None) -> AllianceFigures:
    """Reads the store once (pandas) and computes every figure of `year` as seen on `today` (default: today in
    Beijing). Raises ReportError for a year not begun or before the alliance. Cheap enough for window start."""
    from alliance_app.services.desk import store_status

    day = today or beijing_today()
    status = store_status(store)
    with store.read() as session:
        frames = read_frames(session.connection(), year)
    return _assemble(frames, year, day, status)


def _assemble(frames: dict, year: int, today: date, status: StoreStatus) -> AllianceFigures:
    this_period = period(year, today)
    founded = founded_on(frames["members"])
    refuse_before_founding(year, founded)
    names = names_of(frames["members"])
    this = one_year(frames, this_period, names)
    # The year before, with its own period (all of it) and its own roll; none before the alliance began.
    before = None if founded is None or year - 1 < founded.year else one_year(frames, period(year - 1, today), names)
    roll = this.roll
    lead = roll[roll["alliance_role"] == AllianceRole.LEAD.value].sort_values("name_zh").head(1)
    return AllianceFigures(
        year=year,
        as_of=this_period.end,
        provisional=this_period.provisional,
        founded_on=founded.isoformat() if founded else None,
        computed_at=utc_now().isoformat(timespec="seconds"),
        last_synced_at=status.last_synced_at,
        demo=status.demo,
        pending_edits=status.pending,
        rejected_edits=status.rejected,
        lead_zh=lead["name_zh"].iloc[0] if len(lead) else None,
        lead_en=optional(lead["name_en"].iloc[0]) if len(lead) else None,
        members=this.members,
        directory=directory(roll),
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
