"""The common work with no mouse: Ctrl+N, type, Tab through the form, Ctrl+S; Ctrl+F to search; Enter to open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from alliance_app.models import field_specs
from alliance_app.ui.forms.record_dialog import RecordDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def focused_field(dialog: QWidget) -> str | None:
    """The field whose editor holds the keyboard focus (an editable combo's line edit belongs to its combo)."""
    widget = QApplication.focusWidget()
    while widget is not None and widget is not dialog:
        if widget.objectName().startswith("field_"):
            return widget.objectName().removeprefix("field_")
        widget = widget.parentWidget()
    return None


def open_dialogs(page) -> list[RecordDialog]:
    return [d for d in page.findChildren(RecordDialog) if d.isVisible()]


def test_new_project_by_keyboard_alone_ctrl_n_type_tab_ctrl_s(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    desk_app = open_window(folder, lang="en")
    window = desk_app.window
    page = window.show_page("projects")
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 2000)  # shortcuts reach only the active window
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    (dialog,) = open_dialogs(page)
    assert QTest.qWaitForWindowActive(dialog, 2000)
    qtbot.waitUntil(lambda: focused_field(dialog) == "lead_member_id", timeout=60_000)  # typing starts there

    qtbot.keyClicks(QApplication.focusWidget(), "Xiaomi (Wuhan)")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_field(dialog) == "title"
    qtbot.keyClicks(QApplication.focusWidget(), "Keyboard-only demonstration")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_field(dialog) == "title_en"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_field(dialog) == "domain"
    qtbot.keyClicks(QApplication.focusWidget(), "Bl")  # a combo box type-ahead: B (BeiDou…), Bl (Blockchain)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)

    assert not dialog.isVisible()  # saved and closed
    projects = desk_app.desk.rows("project", desk_app.desk.ids("project"))
    found = [r for r in projects if r["title"] == "Keyboard-only demonstration"]
    assert len(found) == 1 and found[0]["domain"] == "blockchain"
    assert page.table.current_id() == found[0]["id"]  # the new record is selected in the list


def test_tab_walks_every_field_of_the_form_in_order(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    window = open_window(folder, lang="en").window
    page = window.show_page("projects")
    dialog = page.new_record()
    assert QTest.qWaitForWindowActive(dialog, 2000)
    expected = [s.name for s in field_specs("project") if not s.derived]
    seen = [focused_field(dialog)]
    for _field in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        while focused_field(dialog) == seen[-1]:  # a date field has a calendar button after its text
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(focused_field(dialog))
    assert seen == expected, seen


def test_ctrl_f_searches_and_enter_opens_the_record(open_window, small_alliance, qtbot):
    folder, ids = small_alliance
    window = open_window(folder, lang="en").window
    page = window.show_page("projects")
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 2000)  # shortcuts reach only the active window
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is page.filter_bar.search_box
    qtbot.keyClicks(page.filter_bar.search_box, "Smart home")
    page.filter_bar.flush()
    assert page.model.total() == 1
    for _tab in range(12):  # Tab leaves the search box, past the chips, to the list
        if QApplication.focusWidget() is page.table:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    (dialog,) = open_dialogs(page)
    assert dialog.record["id"] == ids["p_home"]


def test_tab_leaves_a_table_and_down_from_search_enters_the_list(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    window = open_window(folder, lang="en").window
    page = window.show_page("projects")
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 2000)
    page.filter_bar.search_box.setFocus()
    qtbot.keyClick(page.filter_bar.search_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    assert page.table.currentIndex().row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 1  # arrows move inside the list
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.table, "Tab must leave the table, not move cell by cell"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    (dialog,) = open_dialogs(page)
    assert dialog.record["id"] == page.model.record_id(1)


def test_a_roster_imported_by_keyboard_alone_ctrl_i_path_enter_to_the_summary(
    open_window, small_alliance, tmp_path, qtbot
):
    from PySide6.QtWidgets import QWizard

    from tests.ui.test_import_export import roster

    folder, _ids = small_alliance
    path = roster(tmp_path / "roster.xlsx", bad_code=False)
    desk_app = open_window(folder, lang="en")
    window = desk_app.window
    window.show_page("dashboard")
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 2000)
    assert not window.import_action.isEnabled()  # the dashboard imports nothing: File ▸ Import… says so
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # Members
    members = window.page("members")
    assert window.import_action.isEnabled() and window.export_action.isEnabled()
    before = desk_app.desk.count("member")
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_I, CTRL)
    (wizard,) = [w for w in members.findChildren(QWizard) if w.isVisible()]
    assert QTest.qWaitForWindowActive(wizard, 2000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.file_page.path_edit, timeout=10_000)
    qtbot.keyClicks(QApplication.focusWidget(), str(path))
    for expected in (wizard.mapping_page, wizard.preview_page):  # Enter is Next, page after page
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda expected=expected: wizard.currentPage() is expected, timeout=60_000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Import
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page, timeout=60_000)
    assert desk_app.desk.count("member") == before + 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Finish
    assert not wizard.isVisible()
