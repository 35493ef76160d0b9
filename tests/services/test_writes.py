"""Writes through the services: the record and its outbox entry together, typed change sets, permissions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alliance_app.models import ValidationError
from alliance_app.services import Desk, PermissionRefused, RecordNotFound
from alliance_app.store.local_tables import OutboxEntry
from tests.conftest import add_member, liaison_of


def outbox(desk: Desk) -> list[OutboxEntry]:
    with desk.store.read() as session:
        return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def add_project(desk: Desk, lead: str, **values: object) -> str:
    changes = desk.create(
        "project", {"lead_member_id": lead, "title": "光谷视觉质检示范", "domain": "智能制造", **values}
    )
    assert changes.record_id
    return changes.record_id


def test_a_create_writes_the_record_and_its_outbox_entry(desk: Desk) -> None:
    member = add_member(desk, "小米(武汉)", credit_code="91110108551385082Q")
    changes = desk.create(
        "project", {"lead_member_id": member, "title": "智能工厂", "domain": "智能制造", "investment": "1200.5"}
    )
    assert changes.kinds == {"project"} and changes.record_id in changes.ids("project") and changes.outbox
    record = desk.get("project", changes.record_id)
    assert record["owner_member_id"] == member and record["rev"] is None and record["updated_by"] == "secretariat"
    entry = outbox(desk)[-1]
    assert (entry.kind, entry.record_id, entry.op, entry.base_rev, entry.state) == (
        "project",
        changes.record_id,
        "create",
        None,
        "pending",
    )
    assert entry.changes["title"] == [None, "智能工厂"] and entry.changes["domain"] == [
        None,
        "intelligent_manufacturing",
    ]
    assert entry.changes["investment"] == [None, 1200.5]


def test_an_edit_records_old_and_new_values_of_the_changed_fields_only(desk: Desk) -> None:
    member = add_member(desk, "武汉光谷智联科技有限公司")
    project = add_project(desk, member, status="计划中")
    changes = desk.update("project", project, {"status": "进行中", "title": "光谷视觉质检示范"})
    assert changes.ids("project") == {project}
    entry = outbox(desk)[-1]
    assert entry.op == "update" and entry.changes == {"status": ["planned", "ongoing"]}


def test_an_edit_that_changes_nothing_writes_nothing(desk: Desk) -> None:
    member = add_member(desk, "武汉光谷智联科技有限公司")
    before = len(outbox(desk))
    assert desk.update("member", member, {"name_zh": "武汉光谷智联科技有限公司"}).empty
    assert len(outbox(desk)) == before


def test_a_rejected_write_leaves_neither_record_nor_outbox_entry(desk: Desk) -> None:
    member = add_member(desk, "襄阳智造科技有限公司")
    before = (desk.status().counts["project"], len(outbox(desk)))
    with pytest.raises(ValidationError) as caught:
        desk.create("project", {"lead_member_id": member, "title": "", "domain": "火星", "investment": -5})
    assert {p.field for p in caught.value.problems} == {"title", "domain", "investment"}
    assert (desk.status().counts["project"], len(outbox(desk))) == before


def test_a_failure_inside_the_transaction_rolls_back_the_record_too(desk: Desk, monkeypatch) -> None:
    member = add_member(desk, "宜昌三峡智算有限公司")
    taken = outbox(desk)[-1].mutation_id
    # The outbox insert fails after the record was added: a reused mutation id breaks its unique key.
    monkeypatch.setattr("alliance_app.services.writes.new_id", lambda: taken)
    before = desk.status().counts["project"]
    with pytest.raises(Exception, match="UNIQUE"):
        desk.create("project", {"lead_member_id": member, "title": "不会保存", "domain": "区块链"})
    assert desk.status().counts["project"] == before


def test_references_to_missing_records_are_explained(desk: Desk) -> None:
    with pytest.raises(ValidationError) as caught:
        desk.create("project", {"lead_member_id": "no-such-member", "title": "t", "domain": "区块链"})
    assert caught.value.problems[0].code == "unknown_member"  # typed text is a member's name, not an id
    assert "牵头单位" in caught.value.message("zh")
    with pytest.raises(ValidationError) as caught:
        desk.create(
            "project", {"lead_member_id": "01900000-0000-7000-8000-000000000000", "title": "t", "domain": "区块链"}
        )
    assert caught.value.problems[0].code == "unknown_reference"


def test_credit_codes_and_names_are_unique_among_live_members(desk: Desk) -> None:
    first = add_member(desk, "小米(武汉)", credit_code="91110108551385082Q")
    with pytest.raises(ValidationError) as caught:
        add_member(desk, "另一个名字", credit_code="91110108551385082Q")
    assert "小米(武汉)" in caught.value.message("zh")
    desk.delete("member", first)
    add_member(desk, "小米(武汉)", credit_code="91110108551385082Q")  # a tombstone blocks nothing


def test_delete_is_a_tombstone_that_takes_the_projects_partners_with_it(desk: Desk) -> None:
    lead, partner = add_member(desk, "牵头单位"), add_member(desk, "合作单位")
    project = add_project(desk, lead)
    link = desk.create("project_partner", {"project_id": project, "member_id": partner}).record_id
    changes = desk.delete("project", project)
    assert changes.ids("project") == {project} and changes.ids("project_partner") == {link}
    with pytest.raises(RecordNotFound):
        desk.get("project", project)
    assert [e.op for e in outbox(desk)[-2:]] == ["delete", "delete"]


def test_undo_of_a_delete_brings_the_record_and_its_links_back(desk: Desk) -> None:
    lead, partner = add_member(desk, "牵头单位"), add_member(desk, "合作单位")
    project = add_project(desk, lead, investment=300)
    link = desk.create("project_partner", {"project_id": project, "member_id": partner}).record_id
    desk.delete("project", project)
    changes = desk.restore("project", project)
    assert changes.ids("project") == {project} and changes.ids("project_partner") == {link}
    assert desk.get("project", project)["investment"] == 300
    assert outbox(desk)[-1].op == "create"


def test_a_member_with_records_cannot_be_deleted_and_is_told_to_withdraw(desk: Desk) -> None:
    lead = add_member(desk, "牵头单位")
    add_project(desk, lead)
    with pytest.raises(ValidationError) as caught:
        desk.delete("member", lead)
    assert "withdrawn" in caught.value.message("en") and "已退出" in caught.value.message("zh")


def test_adding_the_same_link_twice_is_refused_and_re_adding_after_removal_revives_it(desk: Desk) -> None:
    lead, partner = add_member(desk, "牵头单位"), add_member(desk, "合作单位")
    project = add_project(desk, lead)
    link = desk.create("project_partner", {"project_id": project, "member_id": partner}).record_id
    with pytest.raises(ValidationError):
        desk.create("project_partner", {"project_id": project, "member_id": partner})
    desk.delete("project_partner", link)
    assert desk.create("project_partner", {"project_id": project, "member_id": partner}).record_id == link


def test_a_liaison_cannot_touch_another_members_records(desk: Desk) -> None:
    own, other = add_member(desk, "本单位"), add_member(desk, "其他单位")
    theirs = add_project(desk, other)
    liaison = liaison_of(desk, own)
    not_owner = (
        "这条记录属于其他成员单位，只有该单位的联络人或秘书处可以修改",
        "This record belongs to another member; only its liaison or the secretariat can change it",
    )
    with pytest.raises(PermissionRefused) as caught:
        liaison.update("project", theirs, {"title": "改名"})
    assert (caught.value.problem.code, caught.value.message("zh"), caught.value.message("en")) == (
        "not_owner",
        *not_owner,
    )
    with pytest.raises(PermissionRefused) as caught:
        liaison.create("project", {"lead_member_id": other, "title": "冒名项目", "domain": "区块链"})
    assert caught.value.problem.code == "not_owner"
    with pytest.raises(PermissionRefused) as caught:
        liaison.delete("project", theirs)
    assert caught.value.problem.code == "not_owner"
    mine = add_project(liaison, own)
    with pytest.raises(PermissionRefused) as caught:  # nor hand its own record over to another member
        liaison.update("project", mine, {"lead_member_id": other})
    assert caught.value.problem.code == "hand_over_needs_secretariat"
    refusal = liaison.refusal("project", desk.get("project", theirs))
    assert refusal is not None and (refusal.code, refusal.zh, refusal.en) == ("not_owner", *not_owner)
    assert liaison.refusal("project", desk.get("project", mine)) is None


def test_the_offering_member_decides_requests_against_its_offer(desk: Desk) -> None:
    owner, asker = add_member(desk, "算力提供方"), add_member(desk, "算力需求方")
    offer = desk.create("resource_offer", {"member_id": owner, "resource_kind": "算力", "title": "5000 GPU·小时"})
    request = liaison_of(desk, asker).create(
        "resource_request", {"offer_id": offer.record_id, "member_id": asker, "purpose": "训练质检模型"}
    )
    assert desk.get("resource_request", request.record_id)["offer_member_id"] == owner
    with pytest.raises(PermissionRefused):
        liaison_of(desk, asker).update("resource_request", request.record_id, {"status": "已接受"})
    liaison_of(desk, owner).update(
        "resource_request", request.record_id, {"status": "已接受", "decided_on": "2026-11-20"}
    )
    assert desk.get("resource_request", request.record_id)["status"] == "accepted"


def test_a_liaison_does_not_see_other_members_contact_details(desk: Desk) -> None:
    own, other = add_member(desk, "本单位"), add_member(desk, "其他单位")
    contact = desk.create(
        "contact", {"member_id": other, "name": "王芳", "phone": "13807150000", "email": "wangfang@example.cn"}
    ).record_id
    seen = liaison_of(desk, own).get("contact", contact)
    assert seen["name"] == "王芳" and seen["phone"] is None and seen["email"] is None
    assert liaison_of(desk, other).get("contact", contact)["phone"] == "13807150000"


def test_a_batch_of_creates_goes_in_together_with_outbox_entries_in_order(desk: Desk) -> None:
    from alliance_app.services import writes

    lead, partner = add_member(desk, "牵头单位"), add_member(desk, "合作单位")
    batch = writes.NewRecords()
    with desk.store.write() as session:
        project = {"lead_member_id": lead, "title": "甲", "domain": "区块链"}
        first = writes.create(session, desk.actor, "project", project, batch=batch).record_id
        assert desk.store.sessions().get(writes.record_type("project"), first) is None  # not inserted yet
        batch.insert(session)
        values = {"project_id": first, "member_id": partner}
        writes.create(session, desk.actor, "project_partner", values, batch=batch)
        with pytest.raises(ValidationError) as caught:  # the same link twice in one batch
            writes.create(session, desk.actor, "project_partner", values, batch=batch)
        assert caught.value.problems[0].code == "duplicate"
        batch.insert(session)
    entries = outbox(desk)
    assert [(e.kind, e.op) for e in entries[-2:]] == [("project", "create"), ("project_partner", "create")]
    assert entries[-2].changes["title"] == [None, "甲"] and entries[-2].record_id == first
    assert desk.get("project", first)["owner_member_id"] == lead


def test_a_batchs_wire_forms_are_to_wires_for_any_mix_of_values() -> None:
    """NewRecords makes each distinct value's wire form once (WireForms): for any values in any order, including
    equal values of different types (a code and its text, a day and its midnight, True and 1), what to_wire says."""
    from datetime import date, datetime

    from hypothesis import example, given
    from hypothesis import strategies as st

    from alliance_app.models import Domain, ProjectStatus, to_wire
    from alliance_app.services.writes import WireForms

    values = st.lists(
        st.sampled_from(
            [
                Domain.SMART_CITY,
                "smart_city",
                ProjectStatus.ONGOING,
                "ongoing",
                date(2024, 3, 1),
                datetime(2024, 3, 1),
                True,
                1,
                1.0,
                None,
                "",
                ["a"],
                ("a",),
                {"a"},
            ]
        )
        | st.dates()
        | st.datetimes()
        | st.text(max_size=3),
        max_size=30,
    )

    @given(values)
    @example([date(2024, 3, 1), datetime(2024, 3, 1), Domain.SMART_CITY, "smart_city"])
    def check(seen: list[object]) -> None:
        wire = WireForms()
        for value in seen:
            form = wire.of(value)
            assert form == to_wire(value) and type(form) is type(to_wire(value)), value

    check()
