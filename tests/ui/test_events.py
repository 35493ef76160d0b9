"""Check-in at the venue: type-ahead on contact and member names, duplicates caught, notes kept."""

from __future__ import annotations


def test_checking_in_a_known_contact_by_name_fills_in_the_member(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    page = desk_app.window.show_page("events")
    page.table.select_id(ids["event"])
    panel = page.check_in
    assert "张伟 — 小米(武汉)" in panel.completion.stringList()
    panel.attendee.setText("张伟")
    panel.check_in()
    assert panel.attendance.model.rowCount() == 1
    row = panel.attendance.model.record(0)
    assert (row["attendee_name"], row["member_id"], row["contact_id"]) == ("张伟", ids["xiaomi"], ids["zhang"])
    assert row["checked_in_at"] is not None
    assert "张伟" in panel.message.text()


def test_a_walk_in_needs_a_member_before_checking_in(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder).window.show_page("events")
    page.table.select_id(ids["event"])
    panel = page.check_in
    panel.attendee.setText("赵敏")
    panel.check_in()
    assert panel.attendance.model.rowCount() == 0 and "赵敏" in panel.message.text()
    panel.member.setCurrentIndex(panel.member.findData(ids["dfm"]))
    panel.check_in()
    assert panel.attendance.model.rowCount() == 1


def test_checking_in_the_same_person_twice_says_so(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder).window.show_page("events")
    page.table.select_id(ids["event"])
    panel = page.check_in
    for _ in range(2):
        panel.attendee.setText("李娜")
        panel.check_in()
    assert panel.attendance.model.rowCount() == 1
    assert panel.message.text() == "已签到"


def test_event_notes_are_saved(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder)
    page = desk_app.window.show_page("events")
    page.table.select_id(ids["event"])
    page.check_in.notes.setPlainText("签到 120 人；下午分论坛改到 3 号厅")
    page.check_in.save_notes()
    assert desk_app.desk.get("event", ids["event"])["notes"] == "签到 120 人；下午分论坛改到 3 号厅"
