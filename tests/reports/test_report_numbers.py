"""Every number the report prints equals an independent SQL count over the store (both editions)."""

from __future__ import annotations

import sqlite3

import pytest

from alliance_app.models.enums import (
    Domain,
    LabKind,
    LabStatus,
    OfferStatus,
    ProjectKind,
    ProjectStatus,
    RequestStatus,
    ResourceKind,
    ResourceTerms,
)
from alliance_app.reports.numbers import money
from alliance_app.reports.pdf import SECTIONS
from alliance_app.reports.text import Words
from tests.reports.conftest import TODAY, YEAR, BuiltReport
from tests.reports.mirror import mirror

START, END = f"{YEAR}-01-01", f"{YEAR}-12-31"
LANGS = ["zh", "en"]

# The report's rules written once more, in SQL, for the tests alone.
AT_YEAR_END = (
    "deleted = 0 AND status != 'applied' AND coalesce(joined_on, '') <= :end "
    "AND NOT (status = 'withdrawn' AND coalesce(status_changed_on, '') <= :end)"
)
ON_ROLL = (
    "deleted = 0 AND status != 'applied' AND coalesce(joined_on, '') <= :end "
    "AND NOT (status = 'withdrawn' AND coalesce(status_changed_on, '') < :start)"
)
PORTFOLIO = "deleted = 0 AND coalesce(start_date, '') <= :end"
# Statuses as at year end where the dates tell: completed after the year means ongoing then.
PROJECT_STATUS_AT_END = (
    "CASE WHEN status = 'completed' AND coalesce(end_date, '') > :end THEN 'ongoing' ELSE status END"
)
OFFERS = (
    "deleted = 0 AND coalesce(available_from, '') <= :end AND (available_until IS NULL OR available_until >= :start)"
)
REQUESTS = "deleted = 0 AND requested_on BETWEEN :start AND :end"
LABS = "deleted = 0 AND coalesce(established_on, '') <= :end"
EVENTS = "deleted = 0 AND starts_on BETWEEN :start AND :end"


def scalar(sql: sqlite3.Connection, query: str, year: int = YEAR) -> float:
    params = {"start": f"{year}-01-01", "end": f"{year}-12-31", "year": year}
    value = sql.execute(query, params).fetchone()[0]
    return value or 0


def counts(sql: sqlite3.Connection, table: str, column: str, where: str) -> dict[str, int]:
    rows = sql.execute(
        f"SELECT {column}, count(*) FROM {table} WHERE {where} GROUP BY {column}", {"start": START, "end": END}
    )
    return dict(rows.fetchall())


def n(value: float) -> str:
    return f"{round(value):,}"


@pytest.fixture(scope="module", params=["fixture", "demo"])
def source(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=LANGS)
def report(request: pytest.FixtureRequest, reports: dict[str, BuiltReport]) -> BuiltReport:
    return reports[request.param]


def shown(value: float | None, lang: str, in_money: bool = False, in_yi: bool = False) -> str:
    """A mirrored value as the edition prints it (the report's own formatting of a number, not its counting)."""
    if value is None:
        return "未填报" if lang == "zh" else "not reported"
    if in_money:
        return money(value * 10_000 if in_yi else value, lang)
    return n(value)


YEAR_ON_YEAR_ROWS = [  # (key figure, label key, money, stored in 亿元)
    ("members", "k_members", False, False),
    ("ai_high_tech", "k_ai_high_tech", False, False),
    ("projects", "k_projects", False, False),
    ("demonstration", "k_demonstration", False, False),
    ("investment", "k_investment", True, False),
    ("offers", "k_offers", False, False),
    ("matches", "k_matches", False, False),
    ("labs_active", "k_labs", False, False),
    ("events", "k_events", False, False),
    ("check_ins", "k_check_ins", False, False),
    ("ai_core_revenue", "k_revenue", True, True),
]


def test_year_on_year_table_matches_sql_for_both_years(report: BuiltReport, sql: sqlite3.Connection) -> None:
    w, expected = Words(report.lang), mirror(sql, YEAR, TODAY)
    start = report.line_of(w("h_yoy"))
    for name, label, in_money, in_yi in YEAR_ON_YEAR_ROWS:
        before = shown(expected["previous"][name], report.lang, in_money, in_yi)
        now = shown(expected["key"][name], report.lang, in_money, in_yi)
        assert report.numbers_after(w(label), 3, start)[:2] == [before, now], name


def test_key_figure_cards_match_sql(report: BuiltReport, sql: sqlite3.Connection) -> None:
    w = Words(report.lang)
    lines = report.lines
    members = n(scalar(sql, f"SELECT count(*) FROM members WHERE {AT_YEAR_END}"))
    card = lines.index(w("k_members"))  # a card is: value, label, change
    assert lines[card - 1] == members


def test_targets_table_shows_the_measured_figures(report: BuiltReport, sql: sqlite3.Connection) -> None:
    lines, key = report.lines, mirror(sql, YEAR, TODAY)["key"]
    zh = report.lang == "zh"
    assert (f"{n(key['ai_high_tech'])} 家" if zh else f"{n(key['ai_high_tech'])} enterprises") in lines
    assert (f"{n(key['demonstration'])} 个" if zh else f"{n(key['demonstration'])} projects") in lines
    assert money(key["ai_core_revenue"] * 10_000, report.lang) in lines
    assert f"{key['ai_core_revenue'] / 600 * 100:.1f}%" in lines


def test_domain_by_status_table_matches_sql(report: BuiltReport, sql: sqlite3.Connection) -> None:
    found = sql.execute(
        f"SELECT domain, {PROJECT_STATUS_AT_END} AS at_end, count(*) FROM projects WHERE {PORTFOLIO} "
        "GROUP BY domain, at_end",
        {"start": START, "end": END},
    ).fetchall()
    matrix = {(d, s): c for d, s, c in found}
    table = report.line_of(Words(report.lang)("h_domain_table"))  # not the chart above it
    for domain in Domain:
        row = [matrix.get((domain.value, s.value), 0) for s in ProjectStatus]
        expected = [n(x) for x in row] + [n(sum(row))]
        assert report.numbers_after(domain.label(report.lang), 5, table) == expected, domain
    totals = [n(sum(c for (_, s), c in matrix.items() if s == status.value)) for status in ProjectStatus]
    total_row = report.numbers_after(Words(report.lang)("t_total"), 5, table)
    assert total_row == [*totals, n(sum(matrix.values()))]


def test_kind_and_status_tables_match_sql(report: BuiltReport, sql: sqlite3.Connection) -> None:
    lang, w = report.lang, Words(report.lang)
    checks = [  # each table is looked for from its head on, under its own heading (not in a chart above it)
        ("h_kind", ProjectKind, counts(sql, "projects", "project_kind", PORTFOLIO)),
        ("h_offers", ResourceKind, counts(sql, "resource_offers", "resource_kind", OFFERS)),
        ("h_lab_kinds", LabKind, counts(sql, "lab_partnerships", "lab_kind", LABS)),
        ("h_lab_kinds", LabStatus, counts(sql, "lab_partnerships", "status", LABS)),
    ]
    for heading, vocabulary, expected in checks:
        start = report.lines.index(
            w("t_kind") if vocabulary is not LabStatus else w("t_lab_status"), report.line_of(w(heading))
        )
        for member in vocabulary:
            shown = report.numbers_after(member.label(lang), 2, start)[0]
            assert shown == n(expected.get(member.value, 0)), member
    for head, vocabulary, expected in [
        ("t_offer_status", OfferStatus, counts(sql, "resource_offers", "status", OFFERS)),
        ("t_terms", ResourceTerms, counts(sql, "resource_offers", "terms", OFFERS)),
        ("t_request_status", RequestStatus, counts(sql, "resource_requests", "status", REQUESTS)),
    ]:
        start = report.line_of(w(head))
        for member in vocabulary:
            assert report.numbers_after(member.label(lang), 1, start) == [n(expected.get(member.value, 0))], member


def test_lab_outputs_and_annual_figures_match_sql(report: BuiltReport, sql: sqlite3.Connection) -> None:
    w, lang, expected = Words(report.lang), report.lang, mirror(sql, YEAR, TODAY)
    for column, label in (("patents", "t_patents"), ("papers", "t_papers"), ("standards", "t_standards")):
        assert report.numbers_after(w(label), 1) == [n(expected["labs"][column])], column
    start = report.line_of(w("h_member_figures"))
    a, b = expected["annual"], expected["previous_annual"]
    for column, label, in_money, in_yi in (
        ("reporting_members", "a_reporting", False, False),
        ("ai_core_revenue", "a_revenue", True, True),
        ("rd_spend", "a_rd", True, False),
        ("patents", "a_patents", False, False),
        ("employees", "a_employees", False, False),
    ):
        row = [shown(b[column], lang, in_money, in_yi), shown(a[column], lang, in_money, in_yi)]
        assert report.numbers_after(w(label), 3, start)[:2] == row, column
    assert report.numbers_after(w("a_dues_total"), 1) == [money(a["dues_total"], lang)]
    assert report.numbers_after(w("a_dues_paid_members"), 1) == [n(a["dues_paid_members"])]
    assert report.numbers_after(w("a_dues_paid_amount"), 1) == [money(a["dues_paid_amount"], lang)]
    assert report.numbers_after(w("a_dues_unpaid_members"), 1) == [n(a["dues_unpaid_members"])]


def section_lines(report: BuiltReport, key: str, next_key: str) -> list[str]:
    """The lines of one section: from its heading's page up to (not including) the next section's page."""
    w = Words(report.lang)
    keys = [k for k, _ in SECTIONS]
    first = report.page_of(w.section_number(keys.index(key) + 1) + w(key))
    last = report.page_of(w.section_number(keys.index(next_key) + 1) + w(next_key))
    return [line.strip() for page in report.pages[first - 1 : last - 1] for line in page.splitlines() if line.strip()]


def test_event_rows_count_check_ins_beside_registrations(report: BuiltReport, sql: sqlite3.Connection) -> None:
    rows = mirror(sql, YEAR, TODAY)["events"]["listed"]
    assert rows
    lines = section_lines(report, "s_events", "s_outputs")
    at = 0
    for row in rows:
        at = lines.index(
            Words(report.lang).date(row["starts_on"]), at
        )  # date order: title, kind, date, city, check-ins, registered, members
        numbers = [n(row["check_ins"]), n(row["registrations"]), n(row["members"])]
        assert lines[at + 2 : at + 5] == numbers, row["starts_on"]
        at += 1


def test_directory_lists_every_member_on_the_roll(report: BuiltReport, sql: sqlite3.Connection) -> None:
    roll = sql.execute(f"SELECT name_zh, name_en FROM members WHERE {ON_ROLL}", {"start": START, "end": END}).fetchall()
    off_roll = sql.execute(
        f"SELECT name_zh FROM members WHERE deleted = 0 AND NOT ({ON_ROLL})", {"start": START, "end": END}
    ).fetchall()
    directory = "".join("".join(section_lines(report, "s_directory", "s_notes")).split())
    for name_zh, name_en in roll:
        assert "".join(name_zh.split()) in directory
        if report.lang == "en" and name_en:
            assert "".join(name_en.split()) in directory
    for (name_zh,) in off_roll:
        assert "".join(name_zh.split()) not in directory
    count = Words(report.lang).say("directory_intro", year=YEAR, count=n(len(roll)))
    assert "".join(count.split()) in directory


def test_overview_sentence_numbers_match_sql(report: BuiltReport, sql: sqlite3.Connection) -> None:
    w = Words(report.lang)
    overview = report.page_of(w.section_number(2) + w("s_overview"))  # after the foreword
    text = " ".join(report.pages[overview - 1].split())
    members = n(scalar(sql, f"SELECT count(*) FROM members WHERE {AT_YEAR_END}"))
    joined = n(scalar(sql, f"SELECT count(*) FROM members WHERE {ON_ROLL} AND joined_on BETWEEN :start AND :end"))
    withdrawn = n(
        scalar(
            sql, f"SELECT count(*) FROM members WHERE {ON_ROLL} AND status = 'withdrawn' AND status_changed_on <= :end"
        )
    )
    if report.lang == "zh":
        assert f"联盟共有成员单位 {members} 家，本年新入盟 {joined} 家、退出 {withdrawn} 家" in text
    else:
        assert f"the alliance had {members} members: {joined} joined during the year and {withdrawn} withdrew" in text
