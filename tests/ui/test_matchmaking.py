"""Resource matchmaking: request an offer, see its requests, the offering member accepts or declines."""

from __future__ import annotations

from alliance_app.services import RecordQuery
from tests.ui.conftest import liaison_of


def choose_offer(page, offer_id: str) -> None:
    page.table.select_id(offer_id)
    assert page.offer is not None and page.offer["id"] == offer_id


def test_an_offer_shows_its_requests(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder).window.show_page("resources")
    choose_offer(page, ids["o_gpu"])
    assert page.requests.model.rowCount() == 1
    choose_offer(page, ids["o_data"])
    assert page.requests.model.rowCount() == 0


def test_request_this_resource_creates_a_request_for_the_liaisons_member(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, settings=liaison_of(ids["hust"]))
    page = desk_app.window.show_page("resources")
    choose_offer(page, ids["o_data"])
    dialog = page.requests.new_record()
    assert not dialog.editors["member_id"].widget.isEnabled()  # the liaison asks for its own member
    dialog.editors["purpose"].widget.setPlainText("训练城市影像模型")
    dialog.save()
    assert page.requests.model.rowCount() == 1
    request = page.requests.model.record(0)
    assert request["member_id"] == ids["hust"] and request["status"] == "pending"


def test_a_liaison_cannot_request_its_own_members_offer(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder, settings=liaison_of(ids["hust"])).window.show_page("resources")
    choose_offer(page, ids["o_gpu"])
    assert not page.requests.new_button.isEnabled() and page.requests.new_button.toolTip()


def test_the_offering_member_accepts_a_request(open_window, small_alliance):
    folder, ids = small_alliance
    desk_app = open_window(folder, settings=liaison_of(ids["hust"]))
    page = desk_app.window.show_page("resources")
    choose_offer(page, ids["o_gpu"])
    page.requests.table.selectRow(0)
    assert page.accept_button.isEnabled() and page.decline_button.isEnabled()
    page.accept_button.click()
    request = desk_app.desk.get("resource_request", ids["r_gpu"])
    assert request["status"] == "accepted" and request["decided_on"] is not None
    page.requests.table.selectRow(0)
    assert not page.accept_button.isEnabled()  # decided once


def test_the_requesting_member_cannot_accept_its_own_request(open_window, small_alliance):
    folder, ids = small_alliance
    page = open_window(folder, settings=liaison_of(ids["xiaomi"])).window.show_page("resources")
    choose_offer(page, ids["o_gpu"])
    page.requests.table.selectRow(0)
    assert not page.accept_button.isEnabled()
    assert "提供方" in page.accept_button.toolTip()
    assert page.requests.model.rowCount() == 1
    assert page.workspace.desk.count("resource_request", RecordQuery(filters={"status": "pending"})) == 1
