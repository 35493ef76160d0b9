"""Every record endpoint × {liaison of A, liaison of B, secretariat, anonymous} × {record of A, record of B}."""

from __future__ import annotations

import itertools

import pytest

from tests.server.conftest import Alliance, Api, create, mutation

ACTORS = ("liaison_a", "liaison_b", "secretariat", "anonymous")
OWNERS = ("a", "b")
_counter = itertools.count()


def _api(alliance: Alliance, actor: str) -> Api:
    return getattr(alliance, actor)


def _member(alliance: Alliance, owner: str) -> str:
    return alliance.member_a if owner == "a" else alliance.member_b


def _owner_api(alliance: Alliance, owner: str) -> Api:
    return alliance.liaison_a if owner == "a" else alliance.liaison_b


def _contact(alliance: Alliance, owner: str) -> dict:
    values = {"member_id": _member(alliance, owner), "name": f"矩阵{next(_counter)}", "phone": "13800001111"}
    outcome = _owner_api(alliance, owner).push_one(create("contact", values))
    assert outcome["status"] == "applied", outcome
    return outcome


def _may_write(actor: str, owner: str) -> bool:
    return actor == "secretariat" or actor == f"liaison_{owner}"


def _push(api: Api, m: dict) -> tuple[int, dict | None]:
    r = api.post("/api/v1/sync/push", json={"mutations": [m]})
    return r.status_code, (r.json()["outcomes"][0] if r.status_code == 200 else None)


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("actor", ACTORS)
def test_push_update_and_delete_are_allowed_only_to_the_owners_liaison_and_the_secretariat(
    alliance: Alliance, actor: str, owner: str
) -> None:
    api = _api(alliance, actor)
    for op in ("update", "delete"):
        contact = _contact(alliance, owner)
        changes = {"title": "经理"} if op == "update" else {}
        status, outcome = _push(api, mutation("contact", contact["record"]["id"], op, changes, contact["rev"]))
        if actor == "anonymous":
            assert status == 401
            continue
        assert status == 200
        expected = "applied" if _may_write(actor, owner) else "rejected"
        assert outcome["status"] == expected, (op, outcome)
        if expected == "rejected":
            assert outcome["code"] == "not_owner"
        after = alliance.secretariat.record("contact", contact["record"]["id"])
        assert after["rev"] == (outcome["rev"] if expected == "applied" else contact["rev"])


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("actor", ACTORS)
def test_create_for_another_member_is_refused(alliance: Alliance, actor: str, owner: str) -> None:
    values = {"member_id": _member(alliance, owner), "name": f"新建{next(_counter)}"}
    status, outcome = _push(_api(alliance, actor), create("contact", values))
    if actor == "anonymous":
        assert status == 401
        return
    assert outcome["status"] == ("applied" if _may_write(actor, owner) else "rejected")


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("actor", ACTORS)
def test_reading_a_record_and_pulling_it_hide_personal_fields_from_other_members(
    alliance: Alliance, actor: str, owner: str
) -> None:
    contact = _contact(alliance, owner)
    api = _api(alliance, actor)
    r = api.get(f"/api/v1/records/contact/{contact['record']['id']}")
    page = api.get("/api/v1/sync/pull", params={"cursor": contact["rev"] - 1, "limit": 1})
    if actor == "anonymous":
        assert r.status_code == page.status_code == 401
        return
    assert r.status_code == page.status_code == 200
    [pulled] = [c for c in page.json()["changes"] if c["id"] == contact["record"]["id"]]
    for state in (r.json(), pulled):
        assert ("phone" in state["values"]) == _may_write(actor, owner)


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("actor", ACTORS)
def test_history_is_for_the_owners_liaison_and_the_secretariat(alliance: Alliance, actor: str, owner: str) -> None:
    contact = _contact(alliance, owner)
    r = _api(alliance, actor).get(f"/api/v1/records/contact/{contact['record']['id']}/history")
    expected = 401 if actor == "anonymous" else 200 if _may_write(actor, owner) else 403
    assert r.status_code == expected
    if expected == 200:
        fields = {e["field"] for e in r.json()["entries"]}
        assert {"name", "phone"} <= fields


def _conflict(alliance: Alliance, owner: str) -> dict:
    contact = _contact(alliance, owner)
    cid, base = contact["record"]["id"], contact["rev"]
    old = {"title": None}
    assert alliance.secretariat.push_one(mutation("contact", cid, "update", {"title": "甲"}, base, old=old))
    outcome = _owner_api(alliance, owner).push_one(mutation("contact", cid, "update", {"title": "乙"}, base, old=old))
    assert outcome["status"] == "conflict"
    return outcome["conflicts"][0]


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("actor", ACTORS)
def test_conflicts_are_listed_and_resolved_only_by_the_owners_liaison_and_the_secretariat(
    alliance: Alliance, actor: str, owner: str
) -> None:
    conflict = _conflict(alliance, owner)
    api = _api(alliance, actor)
    listing = api.get("/api/v1/conflicts")
    resolved = api.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "mine"})
    if actor == "anonymous":
        assert listing.status_code == resolved.status_code == 401
        return
    visible = _may_write(actor, owner)
    assert (conflict["id"] in [c["id"] for c in listing.json()]) == visible
    assert resolved.status_code == (200 if visible else 404)


@pytest.mark.parametrize("actor", ACTORS)
def test_account_and_sync_endpoints_need_a_login(alliance: Alliance, actor: str) -> None:
    api = _api(alliance, actor)
    for path in ("/api/v1/auth/me", "/api/v1/sync/checksums", "/api/v1/sync/pull", "/api/v1/conflicts"):
        assert api.get(path).status_code == (401 if actor == "anonymous" else 200), path


def test_a_liaison_cannot_take_over_another_members_record_by_changing_its_owner(alliance: Alliance) -> None:
    contact = _contact(alliance, "b")
    m = mutation("contact", contact["record"]["id"], "update", {"member_id": alliance.member_a}, contact["rev"])
    assert alliance.liaison_a.push_one(m)["code"] == "not_owner"
    own = _contact(alliance, "a")
    give = mutation("contact", own["record"]["id"], "update", {"member_id": alliance.member_b}, own["rev"])
    # Giving its own record away is refused too, with the sentence that says who can hand it over.
    assert alliance.liaison_a.push_one(give)["code"] == "hand_over_needs_secretariat"


def test_a_liaison_cannot_change_secretariat_fields_of_its_own_member(alliance: Alliance) -> None:
    m = mutation("member", alliance.member_a, "update", {"alliance_role": "vice_chair"}, None)
    outcome = alliance.liaison_a.push_one(m)
    assert (outcome["status"], outcome["code"]) == ("rejected", "secretariat_field")
