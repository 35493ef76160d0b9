"""Nothing the user typed in a form is dropped silently: Enter in the partner row, Esc, refusals, one transaction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from alliance_app.ui.forms.record_dialog import RecordDialog
from tests.ui.conftest import liaison_of
from tests.ui.test_forms import type_into


def visible_box(widget, name: str) -> QMessageBox:
    return next(b for b in widget.findChildren(QMessageBox) if b.objectName() == name and b.isVisible())


def partner_rows(desk, project_id: str) -> list[tuple[str, str | None]]:
    rows = desk.page("project_partner").rows
    return sorted((r["member_id"], r.get("role")) for r in rows if r["project_id"] == project_id)


def test_enter_in_the_partner_role_adds_the_partner_and_does_not_save(open_window, small_alliance, qtbot):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("projects").open_record(ids["p_home"])
    partners = dialog.partners
    partners.picker.lineEdit().setFocus()
    qtbot.keyClicks(partners.picker.lineEdit(), "Wuhan University")  # any of a member's names finds it
    partners.role.setFocus()
    partners.role.insert("数据")  # QTest types ASCII only
    qtbot.keyClick(partners.role, Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter in the role field must not save and close the form"
    assert ids["whu"] in partners.members() and partners.role.text() == ""
    dialog.save()
    assert not dialog.isVisible()
    assert partner_rows(desk_app.desk, ids["p_home"]) == sorted([(ids["hust"], "算法"), (ids["whu"], "数据")])


def test_a_partner_picked_but_not_added_is_saved_with_the_project(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("projects").open_record(ids["p_home"])
    dialog.partners.picker.set_picked(ids["dfm"])
    dialog.partners.role.setText("整车")
    dialog.save()
    assert not dialog.isVisible()
    assert (ids["dfm"], "整车") in partner_rows(desk_app.desk, ids["p_home"])


def test_an_unknown_partner_name_stops_the_save_with_a_message(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("projects").open_record(ids["p_home"])
    type_into(dialog, "title", "改过的名称")
    dialog.partners.picker.lineEdit().insert("不存在的单位")
    dialog.save()
    assert dialog.isVisible()
    assert "不存在的单位" in dialog.partners.problem.text() and dialog.partners.problem.isVisible()
    assert desk_app.desk.get("project", ids["p_home"])["title"] == "智能家居互联示范工程"


def test_the_lead_member_is_not_offered_as_its_own_partner(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("projects").open_record(ids["p_factory"])
    picker = dialog.partners.picker
    assert picker.findData(ids["xiaomi"]) < 0 and picker.findData(ids["whu"]) > 0
    dialog.editors["lead_member_id"].set_value(ids["whu"])
    assert picker.findData(ids["whu"]) < 0 and picker.findData(ids["xiaomi"]) > 0


def test_a_requester_is_not_offered_the_offering_members_decision(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, settings=liaison_of(ids["xiaomi"]))
    dialog = RecordDialog(desk_app.workspace, "resource_request", ids["r_gpu"], parent=desk_app.window)
    status = dialog.editors["status"].widget
    codes = [status.itemData(r) for r in range(status.count())]
    enabled = {code: status.model().item(r).isEnabled() for r, code in enumerate(codes) if code}
    assert enabled == {"pending": True, "accepted": False, "declined": False, "withdrawn": True}
    assert "提供方" in status.model().item(status.findData("accepted")).toolTip()
    assert not dialog.editors["decided_on"].widget.isEnabled()
    assert dialog.editors["purpose"].widget.isEnabled()


def test_handing_ones_own_project_to_another_member_says_it_needs_the_secretariat(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, settings=liaison_of(ids["xiaomi"]))
    dialog = desk_app.window.show_page("projects").open_record(ids["p_factory"])
    dialog.editors["lead_member_id"].set_value(ids["whu"])
    dialog.save()
    assert dialog.isVisible()
    shown = dialog.problem_labels["lead_member_id"]
    assert shown.isVisible() and "秘书处" in shown.text() and "交给其他成员单位" in shown.text()
    assert "属于其他成员单位" not in shown.text()
    assert desk_app.desk.get("project", ids["p_factory"])["lead_member_id"] == ids["xiaomi"]


def test_a_refused_partner_leaves_the_project_unchanged_and_says_why_on_the_form(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("projects").open_record(ids["p_home"])
    type_into(dialog, "title", "智能家居互联示范工程（二期）")
    dialog.partners.picker.set_picked(ids["dfm"])
    assert dialog.partners.add()
    desk_app.desk.delete("member", ids["dfm"])  # meanwhile (another window, a sync): the partner is gone
    dialog.save()
    assert dialog.isVisible()
    assert desk_app.desk.get("project", ids["p_home"])["title"] == "智能家居互联示范工程"  # one transaction
    problem = dialog.partners.problem
    assert problem.isVisible() and "东风汽车集团" in problem.text()
    assert partner_rows(desk_app.desk, ids["p_home"]) == [(ids["hust"], "算法")]


def test_esc_on_an_edited_form_asks_before_discarding(open_window, small_alliance, qtbot):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    dialog = desk_app.window.show_page("projects").open_record(ids["p_home"])
    type_into(dialog, "title", "还没保存的名称")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    visible_box(dialog, "unsavedDialog").button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.isVisible() and dialog.editors["title"].raw() == "还没保存的名称"
    dialog.close()  # the window's × asks the same
    assert dialog.isVisible()
    visible_box(dialog, "unsavedDialog").button(QMessageBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert desk_app.desk.get("project", ids["p_home"])["title"] == "还没保存的名称"


def test_esc_on_an_untouched_form_closes_at_once_and_discard_throws_away(open_window, small_alliance, qtbot):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    page = desk_app.window.show_page("projects")
    dialog = page.open_record(ids["p_home"])
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog = page.new_record()
    type_into(dialog, "title", "草稿")
    dialog.reject()
    visible_box(dialog, "unsavedDialog").button(QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible() and page.model.rowCount() == 4
