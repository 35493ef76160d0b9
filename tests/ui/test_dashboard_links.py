"""Every number on the dashboard names its year and rule, and opens the list of exactly the records that make it:
the list's count equals the number (on the demo alliance)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from alliance_app.reports.definitions import BY_NAME
from alliance_app.reports.period import beijing_today
from alliance_app.services import Desk
from alliance_app.ui.list_page import RecordListPage


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory):
    from alliance_app.demo import load_demo

    folder = tmp_path_factory.mktemp("demo_dashboard") / "data"
    with Desk.open(folder) as desk:
        load_demo(desk.store)
    return folder


@pytest.fixture
def dashboard_window(open_window, demo_template, tmp_path, qtbot):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(demo_template, folder, ignore=shutil.ignore_patterns("*.lock"))
    window = open_window(folder, lang="zh").window
    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=60_000)
    return window, dashboard


def links(label) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a>', label.text())


def test_each_tile_names_its_year_and_rule(dashboard_window) -> None:
    _window, dashboard = dashboard_window
    today = beijing_today()
    for name, tile in dashboard.tiles.items():
        assert f"{today.year}年" in tile.title.text(), name
        if today < date(today.year, 12, 31):
            assert f"截至{today.month}月{today.day}日" in tile.title.text(), name
        assert tile.rule.text() in {f.define_zh for f in BY_NAME.values()}, name
    assert "登记项目投资" in dashboard.tiles["investment"].title.text()  # not "all projects"


def test_every_number_opens_the_list_of_exactly_its_records(dashboard_window, qtbot) -> None:
    window, dashboard = dashboard_window
    figures = dashboard.figures
    clicked = []
    for tile in dashboard.tiles.values():
        clicked += links(tile.value) + links(tile.detail)
    assert len(clicked) >= 10  # the six tiles and the kinds and statuses under them
    for name, text in clicked:
        records = figures.records[name]
        number = re.sub(r"\D.*", "", text.replace(",", ""))  # "63 / 100" → 63; the investment sum is a sum
        if name != "investment":
            assert int(number) == len(records), name
        dashboard.open_records(name)
        page = window.stack.current_page()
        assert isinstance(page, RecordListPage) and page.kind == records.kind
        qtbot.waitUntil(lambda p=page, r=records: p.model.total() == len(r), timeout=60_000)
        assert page.count_label.text().startswith(str(len(records)))
        assert str(len(records)) in page.pinned.caption.text()
        listed = {page.model.record_id(row) for row in range(page.model.rowCount())}
        assert listed <= set(records.ids)
    # back to all: the banner goes and the whole list returns
    page.pinned.clear_button.click()
    qtbot.waitUntil(lambda: page.model.total() is not None and page.model.total() > len(records), timeout=60_000)
    assert not page.pinned.isVisible()


def test_the_investment_number_is_the_sum_over_the_records_it_opens(dashboard_window) -> None:
    window, dashboard = dashboard_window
    figures = dashboard.figures
    ids = list(figures.records["investment"].ids)
    rows = window.workspace.desk.rows("project", ids)
    assert sum(float(r["investment"]) for r in rows) == pytest.approx(figures.investment)
    assert figures.records["demonstration"] and len(figures.records["demonstration"]) == figures.demonstration_projects
    assert len(figures.records["members"]) == figures.members
    assert len(figures.records["offers_open"]) == figures.open_offers
    assert len(figures.records["labs_active"]) == figures.active_labs
    for status, n in figures.projects_by_status.items():
        assert len(figures.records[f"projects:{status.value}"]) == n
    for domain, n in figures.projects_by_domain.items():
        assert len(figures.records.get(f"projects:domain={domain.value}", ())) == n
