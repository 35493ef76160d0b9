"""Settings → the desk's own member: the same picker as every form, showing what OK will save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from alliance_app.settings import load_settings


def test_typing_a_short_name_and_pressing_down_keeps_that_member_and_saves_it(open_window, small_alliance, qtbot):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.open_settings()
    dialog.role.setCurrentIndex(dialog.role.findData("liaison"))
    line = dialog.member.lineEdit()
    line.clear()
    line.insert("小米")  # the short name; QTest types ASCII only
    qtbot.keyClick(dialog.member, Qt.Key.Key_Down)
    assert dialog.member.currentText() == "小米", "Down must not put another member's name in the field"
    assert dialog.member_saved.text() == "将保存为：小米(武汉)"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert load_settings(folder).account_member_id == ids["xiaomi"]


def test_an_english_name_finds_the_member_too(open_window, small_alliance, qtbot):
    folder, ids = small_alliance
    dialog = open_window(folder).window.open_settings()
    dialog.member.lineEdit().clear()
    qtbot.keyClicks(dialog.member.lineEdit(), "wuhan university")
    assert dialog.member.picked_id() == ids["whu"] and "武汉大学" in dialog.member_saved.text()


def test_a_name_that_is_no_member_cannot_be_saved(open_window, small_alliance):
    folder, _ids = small_alliance
    dialog = open_window(folder).window.open_settings()
    dialog.member.lineEdit().clear()
    dialog.member.lineEdit().insert("小")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "小" in dialog.problem.text() and dialog.member_saved.text() == ""


def test_the_member_picker_lists_members_in_pinyin_order(open_window, small_alliance):
    folder, _ids = small_alliance
    dialog = open_window(folder).window.open_settings()
    names = [dialog.member.itemText(row) for row in range(1, dialog.member.count())]
    assert names == ["东风汽车集团", "华中科技大学", "武汉大学", "小米(武汉)"]
