"""List pages: search as you type, chips, store-side sorting, remembered columns, rows built on demand."""

from __future__ import annotations

from PySide6.QtCore import Qt

from alliance_app.ui import record_model
from alliance_app.ui.forms.record_dialog import RecordDialog
from alliance_app.ui.pages.member_detail import MemberDetail


def titles(page) -> list[str]:
    return [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]


def test_search_box_filters_as_you_type_after_a_pause(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    for character in "示范":  # typed one character at a time (QTest cannot synthesise Chinese key presses)
        page.filter_bar.search_box.insert(character)
    assert page.model.rowCount() == 4  # debounced: nothing asked yet
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=60_000)
    assert titles(page) == ["智能家居互联示范工程"]
    assert page.count_label.text() == "1 条记录"


def test_search_finds_records_by_their_members_name(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    page.filter_bar.search_box.setText("武汉大学")
    page.filter_bar.flush()
    assert titles(page) == ["医学影像辅助诊断"]


def test_status_chip_and_member_chip_narrow_the_list(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    status_chip = next(c for c in page.filter_bar.chips if c.field == "status")
    status_chip.choose(["ongoing"])
    assert sorted(titles(page)) == ["医学影像辅助诊断", "智能家居互联示范工程"]
    assert "进行中" in status_chip.text()
    page.filter_bar.member_chip.choose(ids["xiaomi"])
    assert titles(page) == ["智能家居互联示范工程"]
    page.filter_bar.clear()
    assert page.model.rowCount() == 4


def test_domain_chip_matches_members_working_in_a_domain(open_window, small_alliance):
    folder, _ids = small_alliance
    page = open_window(folder).window.show_page("members")
    domains_chip = next(c for c in page.filter_bar.chips if c.field == "domains")
    domains_chip.choose(["intelligent_manufacturing"])
    assert sorted(titles(page)) == ["华中科技大学", "小米(武汉)"]


def test_clicking_a_column_header_sorts_in_the_store(open_window, small_alliance):
    folder, _ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    investment = page.model.specs.index(next(s for s in page.model.specs if s.name == "investment"))
    page.table.sortByColumn(investment, Qt.SortOrder.DescendingOrder)
    assert page.model.query.sort == "investment" and page.model.query.descending
    assert titles(page)[0] == "智能家居互联示范工程"  # 12000 万元, the largest


def test_moved_and_resized_columns_are_remembered_between_runs(open_window, small_alliance):
    folder, _ids = small_alliance
    desk_app = open_window(folder)
    page = desk_app.window.show_page("projects")
    header = page.table.horizontalHeader()
    header.moveSection(header.visualIndex(2), 0)
    header.resizeSection(1, 333)
    desk_app.window.close()
    desk_app.close()
    again = open_window(folder).window
    assert again.current_key() == "projects"  # the last page comes back too
    header = again.pages["projects"].table.horizontalHeader()
    assert header.logicalIndex(0) == 2
    assert header.sectionSize(1) == 333


def test_enter_on_a_row_opens_the_record(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    window = open_window(folder).window
    page = window.show_page("projects")
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialogs = [w for w in page.findChildren(RecordDialog) if w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].record["id"] == page.model.record_id(0)


def test_opening_a_member_shows_its_projects_offers_labs_contacts_and_figures(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder).window.show_page("members")
    detail = page.open_record(ids["whu"])
    assert isinstance(detail, MemberDetail)
    counts = {kind: lst.model.rowCount() for kind, lst in detail.lists.items()}
    assert counts == {"project": 1, "resource_offer": 1, "lab_partnership": 1, "contact": 1, "annual_figures": 0}
    history = detail.tabs.count() - 1
    assert not detail.tabs.isTabEnabled(history) and detail.tabs.tabToolTip(history)


def test_the_model_keeps_ids_and_builds_only_the_rows_asked_for(open_window, small_alliance, monkeypatch):
    folder, _ids = small_alliance
    monkeypatch.setattr(record_model, "BLOCK", 2)
    desk_app = open_window(folder)
    desk = desk_app.workspace.desk
    fetched: list[list[str]] = []
    rows = desk.rows
    monkeypatch.setattr(desk, "rows", lambda kind, ids: fetched.append(list(ids)) or rows(kind, ids))
    model = record_model.RecordTableModel(desk_app.workspace, "project")
    model.refresh()
    ids = [model.record_id(row) for row in range(model.rowCount())]
    assert len(ids) == 4 and fetched == []  # the ids only: no record is built before a cell is asked for
    model.data(model.index(0, 0))
    model.data(model.index(1, 0))
    assert fetched == [ids[0:2]]  # one block of BLOCK rows, the second row from the cache
    model.data(model.index(3, 0))
    assert fetched == [ids[0:2], ids[3:4]]


def test_a_new_desk_lists_in_the_kinds_own_order_not_by_the_last_column(open_window, small_alliance):
    folder, _ids = small_alliance
    desk_app = open_window(folder)
    page = desk_app.window.show_page("projects")
    assert page.table.horizontalHeader().sortIndicatorSection() == -1
    assert [page.model.record_id(r) for r in range(page.model.rowCount())] == desk_app.desk.ids("project")


def test_the_english_window_shows_english_titles_and_sorts_by_them(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder, lang="en").window.show_page("projects")
    row = page.model.row_of(ids["p_home"])
    assert page.model.data(page.model.index(row, 0)) == "Smart home demonstration"
    untranslated = page.model.row_of(ids["p_city"])  # no English title: the Chinese one, not an empty cell
    assert page.model.data(page.model.index(untranslated, 0)) == "城市交通大脑"
    assert page.model.query.sort == "title_en"


def test_ongoing_smart_manufacturing_projects_in_wuhan_can_be_asked_and_exported_as_shown(
    open_window, small_alliance, tmp_path
):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    desk_app.desk.update("member", ids["whu"], {"city": "宜昌市"})  # one lead member elsewhere
    page = desk_app.window.show_page("projects")
    bar = page.filter_bar
    city = next(c for c in bar.chips if c.field == "owner_city")
    city.menu().aboutToShow.emit()  # the cities are read when the menu opens
    assert [a.text() for a in city.menu().actions()] == ["武汉市", "宜昌市"]
    city.choose(["武汉市"])
    next(c for c in bar.chips if c.field == "status").choose(["ongoing", "planned"])
    next(c for c in bar.chips if c.field == "domain").choose(["intelligent_manufacturing", "smart_healthcare"])
    shown = [page.model.record_id(r) for r in range(page.model.rowCount())]
    assert shown == [ids["p_factory"]]  # 医学影像 is ongoing healthcare, but its lead is in 宜昌
    page.export_to(str(tmp_path / "shown.csv"))
    text = (tmp_path / "shown.csv").read_text(encoding="utf-8-sig")
    assert "智能工厂视觉质检" in text and "医学影像" not in text and len(text.strip().splitlines()) == 2


def test_an_empty_list_says_what_to_do_next(open_window, small_alliance, tmp_path):
    folder, _ids = small_alliance
    page = open_window(folder, lang="en").window.show_page("projects")
    note = page.empty_note
    assert not note.isVisible()
    page.filter_bar.search_box.setText("no such project anywhere")
    page.filter_bar.flush()
    assert note.isVisible() and "Clear filters" in note.text()
    empty = open_window(tmp_path / "empty", lang="en")
    labs = empty.window.show_page("labs")
    assert labs.empty_note.isVisible() and "Ctrl+N" in labs.empty_note.text() and "Import" in labs.empty_note.text()


def test_a_pasted_huge_search_stops_at_the_list_query_s_limit_and_still_lists(open_window, small_alliance):
    """The search box takes what a list query allows (the CLI refuses the same limit with a sentence)."""
    from alliance_app.services.queries import MAX_SEARCH

    folder, _ids = small_alliance
    projects = open_window(folder).window.show_page("projects")
    projects.filter_bar.search_box.setText("智" * 50_000)
    projects.filter_bar.flush()
    assert len(projects.filter_bar.search()) == MAX_SEARCH
    assert projects.model.total() == 0  # searched, and found nothing, without an error
