"""Record forms: create, edit and delete through the real dialogs, checked as the user types, undo of a delete."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from alliance_app.models import ValidationError
from alliance_app.ui.forms.record_dialog import RecordDialog


def answer_yes(widget) -> None:
    box = next(b for b in widget.findChildren(QMessageBox) if b.objectName() == "confirmDialog" and b.isVisible())
    box.button(QMessageBox.StandardButton.Yes).click()


def type_into(dialog: RecordDialog, name: str, text: str) -> None:
    editor = dialog.editors[name]
    line = getattr(editor, "line", editor.widget)
    if hasattr(line, "setText") and not hasattr(line, "setCurrentIndex"):
        line.setText(text)
        line.textEdited.emit(text)
    else:
        line.setEditText(text)
    dialog._edited(name)


def test_a_new_project_is_created_through_the_form(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    dialog = page.new_record()
    type_into(dialog, "title", "光谷智慧交通信号优化")
    dialog.editors["lead_member_id"].set_value(ids["hust"])
    dialog.editors["domain"].set_value("smart_transport")
    type_into(dialog, "investment", "1,500")
    type_into(dialog, "start_date", "2025年3月1日")
    dialog.save()
    assert not dialog.isVisible()
    assert page.model.rowCount() == 5
    created = page.current_record()
    assert created["title"] == "光谷智慧交通信号优化" and created["investment"] == 1500
    assert created["start_date"].isoformat() == "2025-03-01"


def test_validation_as_you_type_shows_the_services_own_messages(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("members").new_record()
    dialog.close()
    dialog = RecordDialog(desk_app.workspace, "member", ids["dfm"], parent=desk_app.window)
    dialog.open()
    type_into(dialog, "credit_code", "91420100MA4KX8N350")
    shown = dialog.problem_labels["credit_code"]
    assert shown.isVisible()
    with pytest.raises(ValidationError) as raised:
        desk_app.desk.update("member", ids["dfm"], {"credit_code": "91420100MA4KX8N350"})
    assert shown.text() == raised.value.problems[0].message("zh")
    type_into(dialog, "website", "www.example")
    assert dialog.problem_labels["website"].isVisible()
    type_into(dialog, "website", "https://www.dfmc.com.cn")
    assert not dialog.problem_labels["website"].isVisible()


def test_required_fields_are_flagged_only_once_touched_or_on_save(open_window, small_alliance):
    folder, _ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    dialog = page.new_record()
    assert not dialog.problem_labels["title"].isVisible()
    dialog.save()
    assert dialog.isVisible()
    assert dialog.problem_labels["title"].text() == "请填写项目名称"
    assert dialog.problem_labels["domain"].text() == "请填写重点领域"


def test_a_date_range_out_of_order_is_a_record_level_problem(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = RecordDialog(desk_app.workspace, "project", ids["p_city"], parent=desk_app.window)
    type_into(dialog, "start_date", "2026-01-01")
    type_into(dialog, "end_date", "2025-01-01")
    messages = dialog.problem_labels["end_date"].text() + dialog.record_problems.text()
    assert "结束日期" in messages


def test_a_name_typed_into_a_member_picker_must_name_a_member(open_window, small_alliance):
    folder, _ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    dialog = page.new_record()
    type_into(dialog, "lead_member_id", "不存在的公司")
    assert "不存在的公司" in dialog.problem_labels["lead_member_id"].text()


def test_a_duplicate_name_found_by_the_store_is_shown_at_its_field(open_window, small_alliance):
    folder, _ids = small_alliance
    page = open_window(folder).window.show_page("members")
    dialog = page.new_record()
    type_into(dialog, "name_zh", "武汉大学")
    dialog.save()
    assert dialog.isVisible()
    assert "已被成员单位" in dialog.problem_labels["name_zh"].text()


def test_editing_a_record_saves_only_through_the_form_and_refreshes_the_list(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder).window.show_page("projects")
    dialog = page.open_record(ids["p_factory"])
    dialog.editors["status"].set_value("ongoing")
    type_into(dialog, "title", "智能工厂视觉质检（二期）")
    dialog.save()
    row = page.model.row_of(ids["p_factory"])
    assert page.model.data(page.model.index(row, 0)) == "智能工厂视觉质检（二期）"
    assert page.model.record(row)["status"] == "ongoing"


def test_partners_added_in_the_project_form_are_saved_with_it(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("projects").open_record(ids["p_home"])
    partners = dialog.partners
    assert [desk_app.workspace.members.name(m) for m in partners.members()] == ["华中科技大学"]
    partners.picker.set_picked(ids["whu"])
    partners.role.setText("数据")
    partners.add()
    dialog.save()
    links = desk_app.desk.page("project_partner").rows
    assert sorted((r["member_id"], r["role"]) for r in links) == sorted([(ids["hust"], "算法"), (ids["whu"], "数据")])


def test_delete_asks_first_and_ctrl_z_brings_the_record_back(open_window, small_alliance):
    folder, ids = small_alliance
    window = open_window(folder).window
    page = window.show_page("projects")
    page.table.select_id(ids["p_city"])
    page.delete_current()
    assert page.model.row_of(ids["p_city"]) >= 0  # nothing happens before the answer
    answer_yes(page)
    assert page.model.row_of(ids["p_city"]) == -1
    assert window.undo_action.isEnabled() and "城市交通大脑" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert page.model.row_of(ids["p_city"]) >= 0
    assert not window.undo_action.isEnabled()


def test_deleting_from_the_form_closes_it(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("labs").open_record(ids["lab"])
    dialog.delete()
    answer_yes(dialog)
    assert not dialog.isVisible()
    assert desk_app.desk.count("lab_partnership") == 0
    assert desk_app.workspace.hub.last_delete.record_id == ids["lab"]
