"""Who may write and read what: the rules both the desktop and the server apply."""

from __future__ import annotations

from alliance_app.models import Actor, RequestStatus, Role, hidden_fields, write_refusal

A, B = "member-a", "member-b"
LIAISON_A = Actor("li-a", Role.LIAISON, A)
SECRETARIAT = Actor("sec", Role.SECRETARIAT)


def test_liaison_writes_only_its_own_members_records() -> None:
    assert write_refusal(LIAISON_A, "project", "update", owner_member_id=A, changed={"title"}) is None
    refusal = write_refusal(LIAISON_A, "project", "update", owner_member_id=B, changed={"title"})
    assert refusal is not None and refusal.code == "not_owner"
    assert "其他成员单位" in refusal.zh and "another member" in refusal.en


def test_secretariat_writes_everything() -> None:
    assert write_refusal(SECRETARIAT, "member", "create", owner_member_id=None) is None
    assert write_refusal(SECRETARIAT, "project", "delete", owner_member_id=B) is None


def test_membership_decisions_stay_with_the_secretariat() -> None:
    refusal = write_refusal(LIAISON_A, "member", "update", owner_member_id=A, changed={"status", "website"})
    assert refusal is not None and refusal.code == "secretariat_field" and "状态" in refusal.zh
    creating = write_refusal(LIAISON_A, "member", "create", owner_member_id=A)
    assert creating is not None and creating.code == "secretariat_only"


def test_admin_accounts_do_not_edit_records() -> None:
    refusal = write_refusal(Actor("it", Role.ADMIN), "project", "update", owner_member_id=A, changed={"title"})
    assert refusal is not None and refusal.code == "forbidden_role"


def test_offering_member_decides_a_request_and_nothing_else() -> None:
    liaison_b = Actor("li-b", Role.LIAISON, B)
    decided = {"offer_member_id": B, "status": RequestStatus.ACCEPTED}
    assert (
        write_refusal(liaison_b, "resource_request", "update", owner_member_id=A, changed={"status"}, values=decided)
        is None
    )
    refusal = write_refusal(
        liaison_b, "resource_request", "update", owner_member_id=A, changed={"purpose"}, values=decided
    )
    assert refusal is not None and refusal.code == "offer_owner_decides_only"


def test_requester_cannot_accept_its_own_request() -> None:
    values = {"offer_member_id": B, "status": RequestStatus.ACCEPTED}
    refusal = write_refusal(
        LIAISON_A, "resource_request", "update", owner_member_id=A, changed={"status"}, values=values
    )
    assert refusal is not None and refusal.code == "requester_cannot_decide"


def test_contact_details_are_seen_by_the_owner_and_the_secretariat_only() -> None:
    assert hidden_fields(LIAISON_A, "contact", B) == {"phone", "email"}
    assert hidden_fields(LIAISON_A, "contact", A) == frozenset()
    assert hidden_fields(SECRETARIAT, "contact", B) == frozenset()
    assert hidden_fields(LIAISON_A, "project", B) == frozenset()


def test_requester_cannot_date_a_decision_either() -> None:
    values = {"offer_member_id": B, "status": RequestStatus.PENDING, "decided_on": "2026-03-01"}
    refusal = write_refusal(
        LIAISON_A, "resource_request", "update", owner_member_id=A, changed={"decided_on"}, values=values
    )
    assert refusal is not None and refusal.code == "requester_cannot_decide"
    values_own_offer = {**values, "offer_member_id": A}
    assert (
        write_refusal(
            LIAISON_A, "resource_request", "update", owner_member_id=A, changed={"decided_on"}, values=values_own_offer
        )
        is None
    )


def test_naming_another_member_as_lead_of_ones_own_project_needs_the_secretariat() -> None:
    # writes.update asks twice: as the record's owner now (A, allowed) and as its owner after the change (B).
    values = {"lead_member_id": B, "title": "x"}
    refusal = write_refusal(
        LIAISON_A, "project", "update", owner_member_id=B, changed={"lead_member_id"}, values=values
    )
    assert refusal is not None and refusal.code == "hand_over_needs_secretariat"
    assert "秘书处" in refusal.zh and "其他成员单位" in refusal.zh and "secretariat" in refusal.en
    # Editing another member's project is still "belongs to another member", even when the lead changes.
    taking = write_refusal(
        LIAISON_A, "project", "update", owner_member_id=B, changed={"lead_member_id"}, values={"lead_member_id": A}
    )
    assert taking is not None and taking.code == "not_owner"
