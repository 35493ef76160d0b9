"""An attacker with a liaison account against a real server process (SQLite, and PostgreSQL with two workers):
reviving other members' tombstones, resolving conflicts around the rules, manufacturing conflicts, and the
authorization matrix extended to revive and resolve."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from alliance_app.models import link_id, new_id
from tests.server.conftest import (  # noqa: F401 - fixtures this suite shares with the server's tests
    Alliance,
    Api,
    create,
    member_values,
    mutation,
    postgres_alliance,
    postgres_server,
    sqlite_alliance,
    sqlite_server,
)

ACTORS = ("liaison_a", "liaison_b", "secretariat", "anonymous")
OWNERS = ("a", "b")
_names = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def alliance(request: pytest.FixtureRequest) -> Alliance:
    return request.getfixturevalue(f"{request.param}_alliance")


def _member(alliance: Alliance, owner: str) -> str:
    return alliance.member_a if owner == "a" else alliance.member_b


def _liaison(alliance: Alliance, owner: str) -> Api:
    return alliance.liaison_a if owner == "a" else alliance.liaison_b


def _deleted_contact(alliance: Alliance, owner: str) -> dict:
    """A contact with personal details, made and then deleted by its own member's liaison."""
    values = {
        "member_id": _member(alliance, owner),
        "name": f"张{next(_names)}",
        "phone": "13800001111",
        "email": "zhang@example.cn",
    }
    api = _liaison(alliance, owner)
    made = api.push_one(create("contact", values))
    assert made["status"] == "applied", made
    gone = api.push_one(mutation("contact", made["record"]["id"], "delete", {}, made["rev"]))
    assert gone["status"] == "applied", gone
    return {**made, "values": values}


def _project(alliance: Alliance, api: Api, **values: object) -> dict:
    base = {"lead_member_id": alliance.member_a, "title": f"项目{next(_names)}", "domain": "smart_city"}
    outcome = api.push_one(create("project", {**base, **values}))
    assert outcome["status"] == "applied", outcome
    return outcome


# ---- item 1: revive ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("op", ["create", "update"])
def test_reviving_another_members_tombstone_is_refused_and_reveals_nothing(alliance: Alliance, op: str) -> None:
    contact = _deleted_contact(alliance, "b")
    cid = contact["record"]["id"]
    for claimed_owner in (alliance.member_a, alliance.member_b):  # take it over, or revive it for its owner
        values = {**contact["values"], "member_id": claimed_owner, "name": "接管"}
        changes = values if op == "create" else {"name": "接管", "member_id": claimed_owner}
        outcome = alliance.liaison_a.push_one(mutation("contact", cid, op, changes, contact["rev"]))
        assert (outcome["status"], outcome["code"]) == ("rejected", "not_owner"), outcome
        assert outcome["record"] is None and outcome["conflicts"] == []
        assert "13800001111" not in str(outcome) and "zhang@" not in str(outcome)
    after = alliance.secretariat.record("contact", cid)
    assert (after["deleted"], after["owner_member_id"], after["values"]["name"]) == (
        True,
        alliance.member_b,
        contact["values"]["name"],
    )
    assert after["rev"] > contact["rev"]  # only the owner's delete came after the create, nothing of the attacker


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_tombstones_owner_and_the_secretariat_may_revive_it(
    alliance: Alliance, actor: str, owner: str
) -> None:
    contact = _deleted_contact(alliance, owner)
    api: Api = getattr(alliance, actor)
    r = api.post("/api/v1/sync/push", json={"mutations": [mutation("contact", contact["record"]["id"], "create",
                                                                           contact["values"])]})  # fmt: skip
    if actor == "anonymous":
        assert r.status_code == 401
        return
    outcome = r.json()["outcomes"][0]
    allowed = actor in ("secretariat", f"liaison_{owner}")
    assert outcome["status"] == ("applied" if allowed else "rejected"), outcome
    after = alliance.secretariat.record("contact", contact["record"]["id"])
    assert after["deleted"] is (not allowed)
    assert after["owner_member_id"] == _member(alliance, owner)


# ---- item 6: an edit that revives a project brings its partners back ----------------------------------------


@pytest.mark.parametrize("op", ["create", "update"])
def test_reviving_a_project_brings_back_the_partners_deleted_with_it(alliance: Alliance, op: str) -> None:
    project = _project(alliance, alliance.liaison_a)
    pid = project["record"]["id"]
    link = {"project_id": pid, "member_id": alliance.member_b}
    assert alliance.liaison_a.push_one(create("project_partner", link))["status"] == "applied"
    rev = alliance.liaison_a.record("project", pid)["rev"]
    assert alliance.secretariat.push_one(mutation("project", pid, "delete", {}, rev))["status"] == "applied"
    partner_id = link_id("project_partner", link)
    assert alliance.secretariat.record("project_partner", partner_id)["deleted"] is True
    changes = {**project["record"]["values"], "title": "复活"} if op == "create" else {"title": "复活"}
    outcome = alliance.liaison_a.push_one(mutation("project", pid, op, changes, rev))
    assert outcome["status"] in ("applied", "conflict"), outcome
    assert alliance.secretariat.record("project", pid)["deleted"] is False
    partner = alliance.secretariat.record("project_partner", partner_id)
    assert (partner["deleted"], partner["owner_member_id"]) == (False, alliance.member_a)


# ---- item 2: conflict resolution goes through the rules -------------------------------------------------------


def _conflict(alliance: Alliance, project: dict, name: str, theirs: object, mine: object, api: Api) -> dict:
    """A real conflict: the secretariat changed `name` after the desktop's base rev, the desktop then pushes."""
    pid, base = project["record"]["id"], project["rev"]
    old = {name: project["record"]["values"][name]}
    assert alliance.secretariat.push_one(mutation("project", pid, "update", {name: theirs}, base, old=old))[
        "status"] == "applied"  # fmt: skip
    outcome = api.push_one(mutation("project", pid, "update", {name: mine}, base, old=old))
    assert outcome["status"] == "conflict", outcome
    return outcome["conflicts"][0]


def test_a_liaison_cannot_move_its_project_to_another_member_through_a_conflict(alliance: Alliance) -> None:
    project = _project(alliance, alliance.liaison_a)
    pid = project["record"]["id"]
    partner = {"project_id": pid, "member_id": alliance.member_b}
    assert alliance.liaison_a.push_one(create("project_partner", partner))["status"] == "applied"
    forged = mutation(
        "project", pid, "update", {"lead_member_id": alliance.member_b}, 0, old={"lead_member_id": new_id()}
    )
    outcome = alliance.liaison_a.push_one(forged)
    assert (outcome["status"], outcome["code"]) == ("rejected", "hand_over_needs_secretariat"), outcome
    open_ids = [c["record_id"] for c in alliance.liaison_a.get("/api/v1/conflicts").json()]
    assert pid not in open_ids  # no conflict stored for a change the account may not make
    assert alliance.secretariat.record("project", pid)["owner_member_id"] == alliance.member_a


def test_a_conflict_whose_kept_value_moves_the_record_is_refused_to_the_liaison_at_resolve(alliance: Alliance) -> None:
    third = create("member", member_values(f"丙公司{next(_names)}"))
    assert alliance.secretariat.push_one(third)["status"] == "applied"
    project = _project(alliance, alliance.secretariat, lead_member_id=alliance.member_b)
    # The secretariat moved it to A meanwhile; a stale secretariat desktop asks for C: a real conflict on A's record.
    conflict = _conflict(
        alliance, project, "lead_member_id", alliance.member_a, third["record_id"], alliance.secretariat
    )
    # A's liaison sees its member's conflict, but keeping "mine" would give the project away.
    r = alliance.liaison_a.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "mine"})
    assert (r.status_code, r.json()["code"]) == (403, "hand_over_needs_secretariat"), r.text
    assert alliance.secretariat.record("project", project["record"]["id"])["owner_member_id"] == alliance.member_a


def test_resolving_to_an_end_before_the_start_is_refused_with_the_record_rule(alliance: Alliance) -> None:
    project = _project(alliance, alliance.liaison_a, start_date="2025-03-01", end_date="2025-12-31")
    conflict = _conflict(alliance, project, "end_date", "2026-06-30", "2025-01-01", alliance.liaison_a)
    r = alliance.liaison_a.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "mine"})
    assert (r.status_code, r.json()["code"]) == (409, "date_range"), r.text
    assert "不能早于" in r.json()["zh"] and "cannot be before" in r.json()["en"]
    pid = project["record"]["id"]
    after = alliance.liaison_a.record("project", pid)
    assert after["values"]["end_date"] == "2026-06-30"
    # The record still takes ordinary edits afterwards.
    edit = mutation("project", pid, "update", {"title": "后来"}, after["rev"])
    assert alliance.liaison_a.push_one(edit)["status"] == "applied"
    still_open = [c["id"] for c in alliance.liaison_a.get("/api/v1/conflicts").json()]
    assert conflict["id"] in still_open


def test_resolving_to_an_unknown_member_is_refused_not_a_server_error(alliance: Alliance) -> None:
    project = _project(alliance, alliance.secretariat)
    conflict = _conflict(alliance, project, "lead_member_id", alliance.member_b, new_id(), alliance.secretariat)
    r = alliance.secretariat.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "mine"})
    assert (r.status_code, r.json()["code"]) == (409, "unknown_reference"), r.text


def test_resolving_a_delete_conflict_keep_mine_deletes_with_the_partners(alliance: Alliance) -> None:
    project = _project(alliance, alliance.liaison_a)
    pid, base = project["record"]["id"], project["rev"]
    link = {"project_id": pid, "member_id": alliance.member_b}
    assert alliance.liaison_a.push_one(create("project_partner", link))["status"] == "applied"
    alliance.secretariat.push_one(mutation("project", pid, "update", {"status": "ongoing"}, base))
    outcome = alliance.liaison_a.push_one(mutation("project", pid, "delete", {}, base))
    [conflict] = outcome["conflicts"]
    r = alliance.liaison_a.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "mine"})
    assert r.status_code == 200, r.text
    assert alliance.secretariat.record("project", pid)["deleted"] is True
    assert alliance.secretariat.record("project_partner", link_id("project_partner", link))["deleted"] is True


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("actor", ACTORS)
def test_resolve_matrix_who_may_keep_which_side(alliance: Alliance, actor: str, owner: str) -> None:
    """The owning member's liaison and the secretariat may resolve a conflict on the owner's record, the other
    liaison does not even see it; keep mine writes through the plan, keep theirs leaves the server value."""
    api_owner = _liaison(alliance, owner)
    lead = _member(alliance, owner)
    project = _project(alliance, api_owner, lead_member_id=lead)
    for keep in ("mine", "theirs"):
        fresh = _project(alliance, api_owner, lead_member_id=lead) if keep == "theirs" else project
        conflict = _conflict(alliance, fresh, "title", "秘书处标题", "联络人标题", api_owner)
        r = getattr(alliance, actor).post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": keep})
        expected = 401 if actor == "anonymous" else 200 if actor in ("secretariat", f"liaison_{owner}") else 404
        assert r.status_code == expected, r.text
        title = alliance.secretariat.record("project", fresh["record"]["id"])["values"]["title"]
        assert title == ("联络人标题" if expected == 200 and keep == "mine" else "秘书处标题")


# ---- what the server trusts of old and base_rev ---------------------------------------------------------------


def test_a_base_rev_the_server_never_sent_is_not_trusted(alliance: Alliance) -> None:
    project = _project(alliance, alliance.liaison_a)
    pid, base = project["record"]["id"], project["rev"]
    old = {"status": "planned"}
    alliance.secretariat.push_one(mutation("project", pid, "update", {"status": "completed"}, base, old=old))
    # A forged base rev above the record's rev would make the server take the value as if the desktop had seen
    # "completed"; it is trusted as no claim, so the server's value stays and a conflict says so.
    outcome = alliance.liaison_a.push_one(mutation("project", pid, "update", {"status": "ongoing"}, 2**40, old=old))
    assert outcome["status"] == "conflict", outcome
    assert alliance.secretariat.record("project", pid)["values"]["status"] == "completed"


def test_repeated_forged_conflicts_on_one_field_leave_one_open_conflict(alliance: Alliance) -> None:
    project = _project(alliance, alliance.liaison_a)
    pid = project["record"]["id"]
    alliance.secretariat.push_one(mutation("project", pid, "update", {"title": "秘书处"}, project["rev"]))
    forged = [
        mutation("project", pid, "update", {"title": f"伪造{i}"}, 0, old={"title": f"编的{i}"}) for i in range(30)
    ]
    outcomes = alliance.liaison_a.push(*forged)
    assert {o["status"] for o in outcomes} == {"conflict"}
    mine = [c for c in alliance.liaison_a.get("/api/v1/conflicts").json() if c["record_id"] == pid]
    assert [c["mine"] for c in mine] == ["伪造29"]
    everything = alliance.secretariat.get("/api/v1/conflicts", params={"include_resolved": "true"})
    assert everything.status_code == 200
    superseded = [c for c in everything.json() if c["record_id"] == pid and c["resolution"] == "superseded"]
    assert len(superseded) == 29


def test_conflicts_are_listed_in_pages(alliance: Alliance) -> None:
    for _ in range(3):
        project = _project(alliance, alliance.liaison_b, lead_member_id=alliance.member_b)
        _conflict(alliance, project, "title", "秘书处", "联络人", alliance.liaison_b)
    everything = alliance.liaison_b.get("/api/v1/conflicts").json()
    paged, after = [], None
    while True:
        params = {"limit": 2, **({"after": after} if after else {})}
        page = alliance.liaison_b.get("/api/v1/conflicts", params=params).json()
        paged += page
        if len(page) < 2:
            break
        after = page[-1]["id"]
    assert [c["id"] for c in paged] == [c["id"] for c in everything] and len(paged) >= 3
    assert alliance.liaison_b.get("/api/v1/conflicts", params={"limit": 10**6}).status_code == 422
    unknown = alliance.liaison_b.get("/api/v1/conflicts", params={"after": new_id()})
    assert unknown.status_code == 404


# ---- stored answers keep no copies of the values -----------------------------------------------------------------


def test_a_pushed_value_is_stored_once_in_the_record_and_once_in_the_log_unescaped(
    request: pytest.FixtureRequest,
) -> None:
    alliance: Alliance = request.getfixturevalue("sqlite_alliance")
    text = "湖北人工智能产业创新联盟" * 300  # 3,600 characters (under the 4,000 limit), 10.8 kB of UTF-8
    project = _project(alliance, alliance.liaison_a, description=text)
    data = Path(dict(zip(alliance.server.db_args[::2], alliance.server.db_args[1::2], strict=True))["--data-dir"])
    with sqlite3.connect(data / "alliance-server.sqlite") as db:
        answer = db.execute("SELECT length(CAST(outcome AS BLOB)) FROM mutations WHERE record_id = ?",
                            (project["record"]["id"],)).fetchone()[0]  # fmt: skip
        logged = db.execute(
            "SELECT length(CAST(new AS BLOB)) FROM change_log WHERE record_id = ? AND field = 'description'",
            (project["record"]["id"],),
        ).fetchone()[0]
    assert answer < 2_000  # the verdict, not the record
    assert logged < len(text.encode()) + 10  # UTF-8 with quotes, not \\uXXXX escapes (6 bytes a character)
    again = alliance.liaison_a.push_one(mutation("project", project["record"]["id"], "create", {}))
    assert again["status"] == "merged"
