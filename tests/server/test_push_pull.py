"""Push and pull against a real server process, on SQLite and on PostgreSQL (two workers): merge, conflicts,
undelete, idempotency, pages."""

from __future__ import annotations

import pytest

from alliance_app.models import new_id
from tests.server.conftest import Alliance, create, member_values, mutation


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def alliance(request: pytest.FixtureRequest) -> Alliance:
    """Every case runs on both databases: PostgreSQL's push locks rows and takes revisions differently."""
    return request.getfixturevalue(f"{request.param}_alliance")


def _project(alliance: Alliance, api, title: str = "智慧港口示范") -> dict:
    m = create("project", {"lead_member_id": alliance.member_a, "title": title, "domain": "smart_city"})
    outcome = api.push_one(m)
    assert outcome["status"] == "applied", outcome
    return outcome


def test_create_is_applied_with_a_rev_and_the_server_computes_the_owner(alliance: Alliance) -> None:
    outcome = _project(alliance, alliance.liaison_a)
    assert outcome["rev"] > 0
    assert outcome["record"]["owner_member_id"] == alliance.member_a
    assert outcome["record"]["values"]["status"] == "planned"
    assert outcome["record"]["updated_by"] == alliance.liaison_a.account["username"]


def test_edits_of_different_fields_from_the_same_base_merge(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a)
    pid, base = created["record"]["id"], created["rev"]
    first = alliance.liaison_a.push_one(
        mutation("project", pid, "update", {"status": "ongoing"}, base, old={"status": "planned"})
    )
    second = alliance.secretariat.push_one(mutation("project", pid, "update", {"investment": 120.5}, base))
    assert first["status"] == "applied"
    assert second["status"] == "merged"
    values = alliance.secretariat.record("project", pid)["values"]
    assert (values["status"], values["investment"]) == ("ongoing", 120.5)


def test_same_field_changed_on_both_sides_keeps_the_server_value_and_records_a_conflict(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a)
    pid, base = created["record"]["id"], created["rev"]
    old = {"title": "智慧港口示范"}
    assert (
        alliance.secretariat.push_one(mutation("project", pid, "update", {"title": "秘书处标题"}, base, old=old))[
            "status"
        ]
        == "applied"
    )
    outcome = alliance.liaison_a.push_one(mutation("project", pid, "update", {"title": "联络人标题"}, base, old=old))
    assert outcome["status"] == "conflict"
    [conflict] = outcome["conflicts"]
    assert (conflict["field"], conflict["base"], conflict["theirs"], conflict["mine"], conflict["kept"]) == (
        "title",
        "智慧港口示范",
        "秘书处标题",
        "联络人标题",
        "theirs",
    )
    assert alliance.liaison_a.record("project", pid)["values"]["title"] == "秘书处标题"
    # both sides see it: the owning member's liaison and the secretariat
    for api in (alliance.liaison_a, alliance.secretariat):
        ids = [c["id"] for c in api.get("/api/v1/conflicts").json()]
        assert conflict["id"] in ids
    assert conflict["id"] not in [c["id"] for c in alliance.liaison_b.get("/api/v1/conflicts").json()]


def test_resolving_keep_mine_applies_the_desktop_value_as_a_new_change(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a)
    pid, base = created["record"]["id"], created["rev"]
    old = {"title": "智慧港口示范"}
    alliance.secretariat.push_one(mutation("project", pid, "update", {"title": "甲"}, base, old=old))
    conflict = alliance.liaison_a.push_one(mutation("project", pid, "update", {"title": "乙"}, base, old=old))[
        "conflicts"
    ][0]
    before = alliance.liaison_a.record("project", pid)["rev"]
    r = alliance.liaison_a.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "mine"})
    assert r.status_code == 200, r.text
    assert r.json()["record"]["values"]["title"] == "乙"
    assert r.json()["record"]["rev"] > before
    assert r.json()["conflict"]["resolved"] is True
    again = alliance.liaison_a.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "theirs"})
    assert again.status_code == 409


def test_a_desktops_chained_offline_edits_never_conflict_with_each_other(alliance: Alliance) -> None:
    pid = new_id()
    values = {"lead_member_id": alliance.member_a, "title": "链式", "domain": "smart_city"}
    outcomes = alliance.liaison_a.push(
        mutation("project", pid, "create", values),
        mutation("project", pid, "update", {"title": "链式二"}, None, old={"title": "链式"}),
        mutation("project", pid, "update", {"title": "链式三"}, None, old={"title": "链式二"}),
        mutation("project", pid, "delete", {}, None),
    )
    assert [o["status"] for o in outcomes] == ["applied", "applied", "applied", "applied"], outcomes
    assert alliance.liaison_a.record("project", pid)["deleted"] is True


def test_delete_of_a_record_someone_else_changed_keeps_it_and_records_a_conflict(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a)
    pid, base = created["record"]["id"], created["rev"]
    alliance.secretariat.push_one(mutation("project", pid, "update", {"status": "ongoing"}, base))
    outcome = alliance.liaison_a.push_one(mutation("project", pid, "delete", {}, base))
    assert outcome["status"] == "conflict"
    assert outcome["conflicts"][0]["field"] == "deleted"
    assert alliance.liaison_a.record("project", pid)["deleted"] is False


def test_edit_of_a_record_deleted_meanwhile_revives_it_with_a_conflict(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a)
    pid, base = created["record"]["id"], created["rev"]
    assert alliance.secretariat.push_one(mutation("project", pid, "delete", {}, base))["status"] == "applied"
    outcome = alliance.liaison_a.push_one(mutation("project", pid, "update", {"status": "ongoing"}, base))
    assert outcome["status"] == "conflict"
    assert outcome["conflicts"][0]["kept"] == "mine"
    record = alliance.liaison_a.record("project", pid)
    assert (record["deleted"], record["values"]["status"]) == (False, "ongoing")


def test_create_of_a_tombstoned_id_undeletes_it(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a)
    pid = created["record"]["id"]
    alliance.liaison_a.push_one(mutation("project", pid, "delete", {}, created["rev"]))
    values = {"lead_member_id": alliance.member_a, "title": "回来了", "domain": "smart_city"}
    outcome = alliance.liaison_a.push_one(mutation("project", pid, "create", values))
    assert outcome["status"] == "applied", outcome
    assert (outcome["record"]["deleted"], outcome["record"]["values"]["title"]) == (False, "回来了")


def test_two_desktops_adding_the_same_link_is_a_no_op_merge(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a)
    link = {"project_id": created["record"]["id"], "member_id": alliance.member_b}
    first = alliance.liaison_a.push_one(create("project_partner", link))
    second = alliance.secretariat.push_one(create("project_partner", link))
    assert first["status"] == "applied"
    assert second["status"] == "merged" and second["conflicts"] == []
    assert second["rev"] == first["rev"]
    assert first["record"]["owner_member_id"] == alliance.member_a


def test_every_push_replayed_three_times_gives_the_same_outcome_and_no_duplicates(alliance: Alliance) -> None:
    m = create("project", {"lead_member_id": alliance.member_a, "title": "重放", "domain": "smart_city"})
    outcomes = [alliance.liaison_a.push_one(m) for _ in range(3)]
    assert outcomes[0] == outcomes[1] == outcomes[2]
    update = mutation(
        "project", m["record_id"], "update", {"title": "重放二"}, outcomes[0]["rev"], old={"title": "重放"}
    )
    updates = [alliance.liaison_a.push_one(update) for _ in range(3)]
    assert updates[0] == updates[1] == updates[2]
    history = alliance.liaison_a.get(f"/api/v1/records/project/{m['record_id']}/history").json()["entries"]
    assert [e["new"] for e in history if e["field"] == "title"] == ["重放", "重放二"]
    bad = mutation("project", m["record_id"], "update", {"rev": 1}, None)
    rejected = [alliance.liaison_a.push_one(bad) for _ in range(3)]
    assert rejected[0] == rejected[1] == rejected[2] and rejected[0]["status"] == "rejected"


def test_mass_assigned_fields_are_rejected(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a)
    pid = created["record"]["id"]
    for name in ("owner_member_id", "rev", "deleted", "updated_by", "id", "no_such_field"):
        outcome = alliance.liaison_a.push_one(mutation("project", pid, "update", {name: "x"}, created["rev"]))
        assert outcome["status"] == "rejected", (name, outcome)
        assert outcome["code"] in ("forbidden_field", "unknown_field"), outcome


def test_invalid_values_are_rejected_with_the_desktops_messages(alliance: Alliance) -> None:
    bad = create("member", {**member_values("坏代码公司"), "credit_code": "914201000000000001"})
    outcome = alliance.secretariat.push_one(bad)
    assert outcome["status"] == "rejected"
    assert outcome["problems"][0]["field"] == "credit_code"
    assert outcome["zh"] and outcome["en"]
    missing = create("project", {"lead_member_id": alliance.member_a, "domain": "smart_city"})
    assert alliance.liaison_a.push_one(missing)["problems"][0]["code"] == "required"


def test_pull_pages_in_rev_order_include_tombstones_and_end_with_has_more_false(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a, "翻页")
    alliance.liaison_a.push_one(mutation("project", created["record"]["id"], "delete", {}, created["rev"]))
    records, cursor = alliance.liaison_b.pull_all(limit=3)
    state = records[("project", created["record"]["id"])]
    assert state["deleted"] is True
    page = alliance.liaison_b.get("/api/v1/sync/pull", params={"cursor": 0, "limit": 3}).json()
    revs = [c["rev"] for c in page["changes"]]
    assert revs == sorted(revs) and len(revs) == 3 and page["has_more"] is True
    assert page["cursor"] == revs[-1]
    tail = alliance.liaison_b.get("/api/v1/sync/pull", params={"cursor": cursor}).json()
    assert tail["changes"] == [] and tail["has_more"] is False


def test_each_page_brings_the_records_it_refers_to(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a, "先有项目")
    link = alliance.liaison_a.push_one(
        create("project_partner", {"project_id": created["record"]["id"], "member_id": alliance.member_b})
    )
    # the project changes after its partner was added, so by rev the partner comes first
    alliance.liaison_a.push_one(
        mutation("project", created["record"]["id"], "update", {"status": "ongoing"}, created["rev"])
    )
    page = alliance.liaison_b.get("/api/v1/sync/pull", params={"cursor": link["rev"] - 1, "limit": 1}).json()
    assert [c["id"] for c in page["changes"]] == [link["record"]["id"]]
    assert [p["id"] for p in page["prerequisites"]] == [created["record"]["id"]]


def test_contacts_phone_and_email_reach_only_the_owner_and_the_secretariat(alliance: Alliance) -> None:
    contact = create(
        "contact", {"member_id": alliance.member_a, "name": "张三", "phone": "13912345678", "email": "zs@example.cn"}
    )
    outcome = alliance.liaison_a.push_one(contact)
    assert outcome["record"]["values"]["phone"] == "13912345678"
    records_b, _ = alliance.liaison_b.pull_all()
    seen_b = records_b[("contact", contact["record_id"])]
    assert "phone" not in seen_b["values"] and "email" not in seen_b["values"]
    assert seen_b["hidden"] == ["email", "phone"]
    records_s, _ = alliance.secretariat.pull_all()
    assert records_s[("contact", contact["record_id"])]["values"]["email"] == "zs@example.cn"


def test_checksums_count_live_records_and_match_what_a_pull_delivers(alliance: Alliance) -> None:
    from alliance_app.sync.protocol import record_checksum

    records, _ = alliance.liaison_b.pull_all()
    sums = alliance.liaison_b.get("/api/v1/sync/checksums").json()["kinds"]
    for kind, summary in sums.items():
        live = [(r["id"], r["rev"]) for (k, _), r in records.items() if k == kind and not r["deleted"]]
        assert summary["count"] == len(live), kind
        assert summary["checksum"] == record_checksum(live), kind


def test_a_batch_keeps_each_mutation_apart_a_rejected_one_leaves_the_others_and_revs_stay_consecutive(
    alliance: Alliance,
) -> None:
    first = create("project", {"lead_member_id": alliance.member_a, "title": "批内一", "domain": "smart_city"})
    bad = create("project", {"lead_member_id": alliance.member_a, "domain": "smart_city"})  # no title
    # a later mutation of the same batch sees what an earlier one wrote
    edit = mutation("project", first["record_id"], "update", {"title": "批内一改"}, None, old={"title": "批内一"})
    dup_link = create("project_partner", {"project_id": first["record_id"], "member_id": alliance.member_b})
    batch = [first, bad, edit, dup_link, dup_link]
    outcomes = alliance.liaison_a.push(*batch)
    assert [o["status"] for o in outcomes] == ["applied", "rejected", "applied", "applied", "applied"], outcomes
    assert outcomes[4] == outcomes[3]  # the same mutation id twice in one batch is applied once
    revs = [outcomes[0]["rev"], outcomes[2]["rev"], outcomes[3]["rev"]]
    assert revs == list(range(revs[0], revs[0] + 3)), "the rejected mutation handed its revs back"
    # A retry gets the same verdicts; the record it carries is the record as it is now (answers are kept slim).
    replayed = alliance.liaison_a.push(*batch)
    verdict = [{k: v for k, v in o.items() if k != "record"} for o in outcomes]
    assert [{k: v for k, v in o.items() if k != "record"} for o in replayed] == verdict
    assert replayed[0]["record"] == alliance.liaison_a.record("project", first["record_id"])
    history = alliance.liaison_a.get(f"/api/v1/records/project/{first['record_id']}/history").json()["entries"]
    assert [e["new"] for e in history if e["field"] == "title"] == ["批内一", "批内一改"]


def test_a_new_project_lead_moves_its_partners_with_a_history_entry_saying_who_moved_them(alliance: Alliance) -> None:
    created = _project(alliance, alliance.liaison_a, "换牵头单位")
    pid = created["record"]["id"]
    partner = create("project_partner", {"project_id": pid, "member_id": alliance.member_b})
    linked = alliance.liaison_a.push_one(partner)
    assert linked["record"]["owner_member_id"] == alliance.member_a
    moved = alliance.secretariat.push_one(
        mutation("project", pid, "update", {"lead_member_id": alliance.member_b}, created["rev"])
    )
    assert moved["status"] == "applied", moved
    state = alliance.secretariat.record("project_partner", partner["record_id"])
    assert state["owner_member_id"] == alliance.member_b
    assert state["rev"] > moved["rev"] and state["updated_by"] == alliance.secretariat.account["username"]
    history = alliance.liaison_b.get(f"/api/v1/records/project_partner/{partner['record_id']}/history").json()
    last = history["entries"][-1]
    assert (last["rev"], last["field"], last["old"], last["new"], last["changed_by"]) == (
        state["rev"],
        "owner_member_id",
        alliance.member_a,
        alliance.member_b,
        alliance.secretariat.account["username"],
    )
