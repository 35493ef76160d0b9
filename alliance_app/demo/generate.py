"""Builds the whole demo alliance as rows per record kind, the same on every run and every machine."""

from __future__ import annotations

from typing import Any

from alliance_app.demo import annual_figures, labs, narratives, people, projects, resources
from alliance_app.demo.alliance import members
from alliance_app.long_work import no_gc_pauses
from alliance_app.models import RECORDS_BY_KIND, AllianceRole


def generate_demo(scale: int = 1) -> dict[str, list[dict[str, Any]]]:
    """Rows of every record kind (parents first), ready to insert. `scale` multiplies the volume of contacts,
    projects, offers, requests, labs and attendance; the 73 members, 4 events, their figures and the report's
    narratives stay."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    with no_gc_pauses():
        return _generate(scale)


def _generate(scale: int) -> dict[str, list[dict[str, Any]]]:
    demo_members, member_rows = members()
    lead = next(m for m in demo_members if m.profile.role == AllianceRole.LEAD)
    rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in RECORDS_BY_KIND}
    rows["member"] = member_rows
    rows["event"] = people.events(lead)
    directory = people.Directory.empty()
    for unit in range(scale):
        contact_rows, persons = people.contacts(demo_members, unit, directory)
        rows["contact"] += contact_rows
        project_rows, partner_rows = projects.projects(demo_members, unit)
        rows["project"] += project_rows
        rows["project_partner"] += partner_rows
        offer_rows = resources.offers(demo_members, unit)
        rows["resource_offer"] += offer_rows
        rows["resource_request"] += resources.requests(demo_members, offer_rows, unit)
        lab_rows, lab_partner_rows = labs.labs(demo_members, unit)
        rows["lab_partnership"] += lab_rows
        rows["lab_partner"] += lab_partner_rows
        rows["attendance"] += people.attendance(demo_members, persons, unit)
    rows["annual_figures"] = annual_figures.annual_figures(demo_members)
    rows["narrative"] = narratives.narratives()
    return rows
