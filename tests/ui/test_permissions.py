"""A liaison sees other members' records read only, with the reason, and edits its own member's records."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from alliance_app.models import Actor, Role, write_refusal
from alliance_app.models.permissions import SECRETARIAT_FIELDS
from alliance_app.services import RecordQuery
from tests.ui.conftest import liaison_of


def test_a_liaison_sees_another_members_project_read_only_with_the_reason(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, settings=liaison_of(ids["whu"]))
    dialog = desk_app.window.show_page("projects").open_record(ids["p_home"])  # Xiaomi's project
    assert dialog.read_only
    assert "属于其他成员单位" in dialog.note.text()
    assert not dialog.save_button.isEnabled() and dialog.save_button.toolTip()
    assert not dialog.editors["title"].widget.isEnabled()
    shown = [label.text() for label in dialog.findChildren(QLabel, "recordValue") if label.isVisibleTo(dialog)]
    assert "智能家居互联示范工程" in shown and "小米(武汉)" in shown  # read-only fields read as text
    assert not dialog.editors["title"].widget.isVisibleTo(dialog)
    assert not dialog.delete_button.isEnabled()
    dialog.save()  # even if asked, nothing is written
    assert desk_app.desk.get("project", ids["p_home"])["title"] == "智能家居互联示范工程"


def test_a_liaison_edits_its_own_members_project(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, settings=liaison_of(ids["whu"]))
    dialog = desk_app.window.show_page("projects").open_record(ids["p_health"])
    assert not dialog.read_only and not dialog.note.isVisibleTo(dialog)
    dialog.editors["status"].set_value("completed")
    dialog.save()
    assert desk_app.desk.get("project", ids["p_health"])["status"] == "completed"


def test_a_liaison_cannot_add_members_and_the_button_says_why(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder, settings=liaison_of(ids["whu"])).window.show_page("members")
    assert not page.new_button.isEnabled()
    rule = write_refusal(Actor("li", Role.LIAISON, ids["whu"]), "member", "create", owner_member_id=ids["whu"])
    assert rule is not None and page.new_button.toolTip() == rule.zh
    assert page.new_record() is None


def test_a_liaison_cannot_delete_another_members_record_from_the_list(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, settings=liaison_of(ids["whu"]))
    page = desk_app.window.show_page("projects")
    page.table.select_id(ids["p_home"])
    assert not page.delete_button.isEnabled() and "属于其他成员单位" in page.delete_button.toolTip()
    page.delete_current()
    assert desk_app.desk.count("project") == 4


def test_secretariat_only_fields_are_locked_on_a_liaisons_own_member(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, settings=liaison_of(ids["whu"]))
    detail = desk_app.window.show_page("members").open_record(ids["whu"])
    dialog = detail.edit()
    locked = {name for name, editor in dialog.editors.items() if not editor.widget.isEnabled()}
    assert locked == SECRETARIAT_FIELDS["member"]  # exactly the fields the permission rule keeps
    liaison = Actor("li", Role.LIAISON, ids["whu"])
    for name in locked:  # each says the rule's own sentence
        rule = write_refusal(liaison, "member", "update", owner_member_id=ids["whu"], changed={name})
        assert rule is not None and dialog.editors[name].widget.toolTip() == rule.zh


def test_a_liaison_sees_no_phone_of_another_members_contact(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, settings=liaison_of(ids["whu"]))
    detail = desk_app.window.show_page("members").open_record(ids["xiaomi"])
    contacts = detail.lists["contact"].model
    phone = [s.name for s in contacts.specs].index("phone")
    assert contacts.rowCount() == 1 and contacts.data(contacts.index(0, phone)) == ""
    assert not detail.lists["contact"].new_button.isEnabled()
    assert desk_app.desk.count("contact", RecordQuery(member_id=ids["xiaomi"])) == 1
