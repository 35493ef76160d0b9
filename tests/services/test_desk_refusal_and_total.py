"""Desk.refusal says why an account may not write (in both languages); Desk.total sums a number field."""

from __future__ import annotations

import pytest

from alliance_app.models import Actor, Role
from alliance_app.services import Desk, RecordQuery
from alliance_app.store.engine import open_store


@pytest.fixture
def desk(tmp_path):
    store = open_store(tmp_path / "data")
    yield Desk(store, Actor("secretariat", Role.SECRETARIAT))
    store.close()


def test_refusal_names_the_reason_for_another_members_record_and_allows_ones_own(desk):
    ours = desk.create("member", {"name_zh": "武汉大学", "member_kind": "高校"}).record_id
    theirs = desk.create("member", {"name_zh": "小米(武汉)"}).record_id
    desk.create("project", {"lead_member_id": theirs, "title": "示范", "domain": "智慧家居"})
    project = desk.page("project").rows[0]
    liaison = Desk(desk.store, Actor("li", Role.LIAISON, ours))
    problem = liaison.refusal("project", project)
    assert problem is not None and problem.code == "not_owner" and problem.zh and problem.en
    assert liaison.refusal("project") is None  # a new project of its own member
    assert liaison.refusal("member", op="create").code == "secretariat_only"


def test_refusal_lets_the_offering_member_decide_a_request_and_nothing_else(desk):
    owner = desk.create("member", {"name_zh": "华中科技大学", "member_kind": "高校"}).record_id
    asker = desk.create("member", {"name_zh": "小米(武汉)"}).record_id
    offer = desk.create("resource_offer", {"member_id": owner, "resource_kind": "算力", "title": "GPU"}).record_id
    desk.create("resource_request", {"offer_id": offer, "member_id": asker})
    request = desk.page("resource_request").rows[0]
    offering = Desk(desk.store, Actor("hust", Role.LIAISON, owner))
    decided = {**request, "status": "accepted"}
    assert offering.refusal("resource_request", decided, op="update", changed=("status",)) is None
    refused = offering.refusal("resource_request", request, op="update", changed=("purpose",))
    assert refused is not None and refused.code == "offer_owner_decides_only"


def test_total_sums_a_number_field_over_the_matching_records(desk):
    lead = desk.create("member", {"name_zh": "小米(武汉)"}).record_id
    for title, amount, status in (("甲", 100, "ongoing"), ("乙", 250.5, "ongoing"), ("丙", None, "planned")):
        desk.create(
            "project",
            {"lead_member_id": lead, "title": title, "domain": "智慧家居", "investment": amount, "status": status},
        )
    assert desk.total("project", "investment") == 350.5
    assert desk.total("project", "investment", RecordQuery(filters={"status": "planned"})) == 0
    with pytest.raises(ValueError):
        desk.total("project", "title")
