"""The import wizard (file → columns → preview → import) and Export… on the list pages, on real files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from alliance_app.services.transfer import read_table
from alliance_app.ui.transfer.preview_model import ERROR_BACKGROUND
from tests.transfer.sheets import write_xlsx
from tests.ui.small_alliance import credit_code

HEADERS = ["中文名称", "简称", "单位类型", "统一社会信用代码", "城市"]


def roster(path: Path, bad_code: bool) -> Path:
    code = "91420100MA4XXXXXX0" if bad_code else credit_code("91420100MA4QQ1P2A")
    return write_xlsx(
        path,
        [
            HEADERS,
            ["武汉新成员甲科技有限公司", "新成员甲", "企业", credit_code("91420100MA4QQ1P1B"), "武汉市"],
            ["武汉新成员乙科技有限公司", "新成员乙", "企业", code, "武汉市"],
        ],
    )


def next_page(wizard: QWizard, qtbot) -> None:
    before = wizard.currentId()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() != before, timeout=60_000)


def start(page, path: Path, qtbot):
    wizard = page.import_records()
    wizard.file_page.path_edit.setText(str(path))
    next_page(wizard, qtbot)  # → columns
    next_page(wizard, qtbot)  # → preview
    return wizard


def test_a_file_with_a_mistake_shows_it_in_the_preview_and_imports_nothing_until_valid_only(
    open_window, small_alliance, tmp_path, qtbot
):
    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    members = desk_app.window.show_page("members")
    before = desk_app.desk.count("member")
    wizard = start(members, roster(tmp_path / "roster.xlsx", bad_code=True), qtbot)
    preview = wizard.preview_page
    assert wizard.currentPage() is preview
    model = preview.model
    cell = model.index(1, HEADERS.index("统一社会信用代码") + 1)  # second data row, the code's cell
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert "credit code" in model.data(cell, Qt.ItemDataRole.ToolTipRole).lower()
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None  # the good row is not marked
    assert preview.problems.count() == 1 and "row 3" in preview.problems.item(0).text()
    assert "New: 1" in preview.counts.text() and "With problems: 1" in preview.counts.text()
    assert not preview.isComplete()  # Next stays disabled: nothing can be written yet
    assert desk_app.desk.count("member") == before

    preview.valid_only.setChecked(True)
    assert preview.isComplete()
    next_page(wizard, qtbot)  # → importing, then the summary by itself
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=60_000)
    assert "1 record(s) created" in wizard.summary_page.summary.text()
    assert "Rows left out because of problems: 3" in wizard.summary_page.summary.text()
    assert desk_app.desk.count("member") == before + 1


def test_a_good_file_imports_and_the_list_refreshes_through_the_change_set(
    open_window, small_alliance, tmp_path, qtbot
):
    folder, _ids = small_alliance
    desk_app = open_window(folder)
    members = desk_app.window.show_page("members")
    before = members.model.total()
    wizard = start(members, roster(tmp_path / "roster.xlsx", bad_code=False), qtbot)
    assert wizard.preview_page.isComplete() and not wizard.preview_page.problems.isVisible()
    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=60_000)
    assert members.model.total() == before + 2
    names = [members.model.data(members.model.index(r, 0)) for r in range(members.model.rowCount())]
    assert "武汉新成员乙科技有限公司" in names
    assert members.count_label.text() == f"{before + 2} 条记录"


def test_an_unknown_column_is_mapped_by_hand_before_the_check(open_window, small_alliance, tmp_path, qtbot):
    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    members = desk_app.window.show_page("members")
    path = write_xlsx(tmp_path / "odd.xlsx", [["单位全称XYZ", "城市"], ["武汉新成员丙科技有限公司", "武汉市"]])
    wizard = members.import_records()
    wizard.file_page.path_edit.setText(str(path))
    next_page(wizard, qtbot)
    mapping = wizard.mapping_page
    assert mapping.chosen() == {1: "city"}  # the unknown column waits, left out
    mapping.choose(0, "name_zh")
    next_page(wizard, qtbot)
    assert wizard.state.plan.count("create") == 1 and wizard.preview_page.isComplete()


def test_a_file_that_cannot_be_read_says_so_on_the_first_step(open_window, small_alliance, tmp_path, qtbot):
    folder, _ids = small_alliance
    members = open_window(folder, lang="en").window.show_page("members")
    junk = tmp_path / "cut_short.xlsx"
    junk.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 10)  # a zip that ends before its directory
    wizard = members.import_records()
    wizard.file_page.path_edit.setText(str(junk))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "damaged or incomplete" in wizard.file_page.error.text()


def test_export_writes_the_filtered_list_and_it_reads_back_with_the_same_rows(open_window, small_alliance, tmp_path):
    folder, _ids = small_alliance
    projects = open_window(folder).window.show_page("projects")
    projects.filter_bar.search_box.setText("智能")
    projects.filter_bar.flush()
    shown = [projects.model.data(projects.model.index(r, 0)) for r in range(projects.model.rowCount())]
    assert 0 < len(shown) < projects.workspace.desk.count("project")
    for name in ("projects.xlsx", "projects.csv"):
        projects.export_to(str(tmp_path / name))
        table = read_table(tmp_path / name)
        title = table.headers.index("项目名称")
        assert [row.cells[title] for row in table.rows] == shown


def test_first_run_import_a_roster_opens_the_wizard_on_members(open_window, tmp_path, qtbot):
    window = open_window(tmp_path / "empty", lang="en").window
    button = window.first_run_page.import_button
    assert button.isEnabled()
    wizard = window.first_run_page.import_roster()
    assert wizard.file_page.kind_box.currentData() == "member" and wizard.file_page.kind_box.isEnabled()
    wizard.file_page.path_edit.setText(str(roster(tmp_path / "roster.xlsx", bad_code=False)))
    for _step in range(3):
        next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=60_000)
    wizard.accept()
    assert window.current_key() == "members"


def test_a_project_file_naming_other_partners_says_in_the_summary_how_many_were_added_and_removed(
    open_window, small_alliance, tmp_path, qtbot
):
    folder, _ids = small_alliance
    desk_app = open_window(folder)
    projects = desk_app.window.show_page("projects")
    rows = [["牵头单位", "项目名称", "重点领域", "合作单位"], ["小米", "智能家居互联示范工程", "智慧家居", "武汉大学"]]
    wizard = start(projects, write_xlsx(tmp_path / "p.xlsx", rows), qtbot)
    assert wizard.preview_page.isComplete(), [p.line("en") for p in wizard.state.plan.problems]
    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=60_000)
    assert "合作单位：增加 1 家，移除 1 家。" in wizard.summary_page.summary.text()


def test_the_wizard_opens_on_the_sheet_whose_header_matches_lists_conversions_and_lets_the_clerk_pick_a_sheet(
    open_window, small_alliance, tmp_path, qtbot
):
    from tests.transfer.clerk.generate import ROSTER, write_roster

    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    members = desk_app.window.show_page("members")
    before = desk_app.desk.count("member")
    wizard = start(members, write_roster(tmp_path / "roster.xlsx"), qtbot)
    file_page, preview = wizard.file_page, wizard.preview_page
    assert wizard.state.table.sheet == "成员名册" and file_page.sheet_box.isVisibleTo(file_page)
    assert [file_page.sheet_box.itemText(i) for i in range(file_page.sheet_box.count())] == ["填表说明", "成员名册"]
    notes = [preview.notes.item(i).text() for i in range(preview.notes.count())]
    assert any("row 11 · a total (合计：7家), not a record; left out" in n for n in notes)
    assert any("stored as the first of the month, 2024-03-01" in n for n in notes)
    assert any("The file has no column for these fields" in n for n in notes)
    assert preview.isComplete() and not preview.accept_defaults.isVisibleTo(preview)

    wizard.back()
    wizard.back()  # to the file step: choose the notes sheet instead
    file_page.sheet_box.setCurrentIndex(0)
    next_page(wizard, qtbot)
    assert wizard.state.table.sheet == "填表说明"
    file_page.sheet_box.setCurrentIndex(1)
    wizard.back()
    next_page(wizard, qtbot)
    next_page(wizard, qtbot)
    assert wizard.state.table.sheet == "成员名册"
    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=60_000)
    result = wizard.state.result
    assert result.created + result.updated + result.unchanged == len(ROSTER)  # not the total row, not 序号 rows
    assert desk_app.desk.count("member") == before + result.created
    assert "stored in another form than typed" in wizard.summary_page.summary.text()


def test_defaults_with_left_out_columns_wait_for_the_clerk_s_tick(open_window, small_alliance, tmp_path, qtbot):
    from tests.transfer.clerk.generate import write_defaults_roster

    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    members = desk_app.window.show_page("members")
    wizard = start(members, write_defaults_roster(tmp_path / "d.xlsx"), qtbot)
    preview = wizard.preview_page
    assert preview.accept_defaults.isVisibleTo(preview) and not preview.isComplete()
    assert any("Kind = Enterprise" in preview.notes.item(i).text() for i in range(preview.notes.count()))
    preview.accept_defaults.setChecked(True)
    assert preview.isComplete()
    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=60_000)
    stored = [desk_app.desk.get("member", r["id"]) for r in desk_app.desk.page("member").rows]
    assert any(m["name_zh"] == "荆门数智科技有限公司" and m["city"] == "荆门市" for m in stored)


def test_the_preview_lists_what_an_empty_cell_erases(open_window, small_alliance, tmp_path, qtbot):
    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    members = desk_app.window.show_page("members")
    path = tmp_path / "members.xlsx"
    members.export_to(str(path))
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("City")].value)
    row[header.index("City")].value = None
    book.save(path)
    wizard = start(members, path, qtbot)
    preview = wizard.preview_page
    assert "1 stored value will be erased by an empty cell" in preview.counts.text()
    assert any("(erased)" in preview.notes.item(i).text() for i in range(preview.notes.count()))
