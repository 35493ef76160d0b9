"""Checks of the hand-made fixture alliance alone (the demo is the demo's): it covers every rule the figures count
by, and statuses read as at each year's end. Run on the fixture only, so they never skip themselves."""

from __future__ import annotations

import sqlite3

from alliance_app.reports.compute import compute_figures
from alliance_app.store.engine import Store
from tests.reports.conftest import TODAY, YEAR
from tests.reports.mirror import mirror
from tests.reports.test_report_numbers import AT_YEAR_END, ON_ROLL, scalar


def test_fixture_alliance_covers_the_rules(sql: sqlite3.Connection, source: str) -> None:
    """The fixture is not degenerate: the rules that the counts depend on actually select and drop records."""
    assert source == "fixture"
    assert scalar(sql, f"SELECT count(*) FROM members WHERE {ON_ROLL}") == 8
    assert scalar(sql, f"SELECT count(*) FROM members WHERE {AT_YEAR_END}") == 7
    assert scalar(sql, "SELECT count(*) FROM members WHERE deleted = 0") == 11
    expected = mirror(sql, YEAR, TODAY)
    # each rule drops something: check-ins < registrations, demonstration under way < demonstration on record,
    # a joiner's filing for the year before is left out, a suspended high-tech member is left out
    assert expected["events"]["check_ins"] < expected["events"]["registrations"]
    assert expected["projects"]["demonstration"] < expected["projects"]["by_kind"]["demonstration"]
    assert expected["previous_annual"]["reporting_members"] == 1
    assert scalar(sql, "SELECT count(*) FROM annual_figures WHERE deleted = 0 AND year = 2025") == 2
    assert expected["members"]["ai_high_tech"] == 3 and expected["previous"]["ai_high_tech"] == 5


def test_statuses_are_as_at_the_end_of_the_report_year_where_the_dates_tell(alliance_store: Store, source: str) -> None:
    """A member that withdrew in 2026 was an active member at the end of 2025; a project completed in June 2026
    was ongoing at the end of 2025 and is completed in the 2026 report."""
    assert source == "fixture"
    earlier, this = compute_figures(alliance_store, 2025, TODAY), compute_figures(alliance_store, 2026, TODAY)
    left = "黄石云算科技有限公司"
    assert next(e.status for e in earlier.directory if e.name_zh == left) == "active"
    assert next(e.status for e in this.directory if e.name_zh == left) == "withdrawn"
    assert earlier.members.by_status.get("withdrawn", 0) == 0
    assert earlier.members.by_status["active"] == earlier.members.at_year_end - earlier.members.by_status.get(
        "suspended", 0
    )
    field = "智能网联汽车测试场"
    assert next(p.status for p in earlier.projects.major if p.title == field) == "ongoing"
    assert next(p.status for p in this.projects.major if p.title == field) == "completed"
    assert earlier.projects.by_domain_status["connected_vehicles"]["ongoing"] == 1
    assert this.projects.by_domain_status["connected_vehicles"]["completed"] == 1
