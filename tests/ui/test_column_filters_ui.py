"""A list filters by any column it shows, from the keyboard: Ctrl+Shift+F on a column opens its filter, filters
combine with the chips, a chip reopens its filter, and Export writes exactly the records shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from alliance_app.ui.column_filter import ColumnFilterDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _column(page, name: str) -> int:
    return next(i for i, spec in enumerate(page.model.specs) if spec.name == name)


def _filter_from_keyboard(qtbot, page, name: str) -> ColumnFilterDialog:
    table, window = page.table, page.window()
    window.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=30_000)
    table.setFocus()
    table.setCurrentIndex(page.model.index(0, _column(page, name)))
    qtbot.keyClick(table, Qt.Key.Key_F, CTRL_SHIFT)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ColumnFilterDialog) and dialog.name == name
    return dialog


def _shown(page) -> list[str]:
    return [page.model.record_id(row) for row in range(page.model.rowCount())]


def test_column_filters_from_the_keyboard_combine_with_chips_and_export_exactly_what_is_shown(
    open_window, small_alliance, qtbot, tmp_path
):
    folder, ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    dialog = _filter_from_keyboard(qtbot, page, "investment")
    qtbot.keyClicks(dialog.low, "3000")  # 万元, the column's unit
    qtbot.keyClick(dialog.low, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    with_money = set(_shown(page))
    assert ids["p_factory"] in with_money and len(with_money) == 3  # 12000, 3500, 5000 万元; not 800
    dialog = _filter_from_keyboard(qtbot, page, "title")
    dialog.contains.insert("智能")  # as an input method commits it (QTest types ASCII only)
    qtbot.keyClick(dialog.contains, Qt.Key.Key_Return)
    assert len(_shown(page)) == 2  # 智能家居互联示范工程, 智能工厂视觉质检
    next(c for c in page.filter_bar.chips if c.field == "domain").choose(["intelligent_manufacturing"])
    assert _shown(page) == [ids["p_factory"]]
    chip = page.filter_bar.column_chips["title"]
    assert "智能" in chip.text()
    page.export_to(str(tmp_path / "shown.csv"))
    lines = (tmp_path / "shown.csv").read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "智能工厂视觉质检" in lines[1]

    chip.click()  # the chip opens its filter again; Remove filter takes it away
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ColumnFilterDialog) and dialog.contains.text() == "智能"
    dialog.clear_button.click()
    assert "title" not in page.filter_bar.column_chips and "title" not in page.filter_bar.filters()
    page.filter_bar.clear()
    assert page.filter_bar.column_chips == {} and len(_shown(page)) == 4


def test_a_value_that_cannot_be_read_is_said_in_the_dialog_and_the_list_is_unchanged(
    open_window, small_alliance, qtbot
):
    folder, _ids = small_alliance
    page = open_window(folder, lang="en").window.show_page("projects")
    before = _shown(page)
    dialog = _filter_from_keyboard(qtbot, page, "start_date")
    qtbot.keyClicks(dialog.low, "2025-12-31")
    qtbot.keyClicks(dialog.high, "2024-01-01")
    qtbot.keyClick(dialog.high, Qt.Key.Key_Return)
    assert dialog.isVisible() and "ends before it starts" in dialog.problem.text()
    dialog.reject()
    assert _shown(page) == before and page.filter_bar.column_chips == {}


def test_a_column_that_only_a_chip_filters_opens_no_dialog(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    assert page.column_filters.open(_column(page, "status")) is None
    assert page.column_filters.open(_column(page, "lead_member_id")) is not None  # by the member's names
