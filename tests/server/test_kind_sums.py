"""Each kind's running sums (server/kind_sums.py) against a full count after every path that writes records, and
the checksums answer "as of" a cursor: the same however many desktops pushed since, equal to what a desktop that
pulled to that cursor holds; the full answer where the sums cannot say, and for every request that does not ask."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from alliance_app.models import RECORDS_BY_KIND, new_id
from alliance_app.server import kind_sums
from alliance_app.server.db import Database, committed_rev
from alliance_app.server.settings import DB_FILE, ServerSettings
from alliance_app.server.tables import KindSum
from alliance_app.sync.protocol import ChecksumsResponse
from alliance_app.sync.protocol_sums import record_sum, sum_text
from tests.server.conftest import ROOMY, Alliance, ServerProcess, build_alliance, create, mutation, start_server

CHECKSUMS = "/api/v1/sync/checksums"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def alliance(request: pytest.FixtureRequest) -> Alliance:
    return request.getfixturevalue(f"{request.param}_alliance")


@contextmanager
def database(server: ServerProcess) -> Iterator[Database]:
    flags = dict(zip(server.db_args[::2], server.db_args[1::2], strict=True))
    db = Database.open(ServerSettings(data_dir=flags.get("--data-dir", "."), database_url=flags.get("--database-url")))
    try:
        yield db
    finally:
        db.close()


def assert_sums_true(server: ServerProcess) -> None:
    """The newest row of every kind holds what counting its live records gives."""
    with database(server) as db, db.read() as session:
        assert kind_sums.latest(session, RECORDS_BY_KIND) == kind_sums.recount(session, RECORDS_BY_KIND)


def _as_of(api: Any, at: int, *kinds: str) -> dict[str, Any]:
    r = api.get(CHECKSUMS, params={"kind": list(kinds), "at": at})
    assert r.status_code == 200, r.text
    ChecksumsResponse.model_validate(r.json())
    return dict(r.json())


def _held_at(api: Any, kind: str) -> tuple[dict[str, Any], int]:
    """What a desktop that pulls to the end holds of `kind` (live records), and its cursor."""
    records, cursor = api.pull_all(limit=1000)
    live = [(r["id"], r["rev"]) for (k, _), r in records.items() if k == kind and not r["deleted"]]
    return {"count": len(live), "sum": sum_text(record_sum(live))}, cursor


def test_every_write_path_keeps_the_sums_equal_to_a_full_count(alliance: Alliance) -> None:
    a, sec = alliance.liaison_a, alliance.secretariat
    assert_sums_true(alliance.server)
    project = create("project", {"lead_member_id": alliance.member_a, "title": "合计", "domain": "smart_city"})
    pid = project["record_id"]
    partner = create("project_partner", {"project_id": pid, "member_id": alliance.member_b})
    created = a.push(project, partner)
    assert [o["status"] for o in created] == ["applied", "applied"]
    assert_sums_true(alliance.server)

    # a new lead: the partner follows with a rev of its own
    moved = sec.push_one(mutation("project", pid, "update", {"lead_member_id": alliance.member_b}, created[0]["rev"]))
    assert moved["status"] == "applied"
    assert_sums_true(alliance.server)

    # a batch the straight run cannot finish (a second partner row for the same pair clashes on the unique key):
    # redone a savepoint per mutation, the clashing one rolled back
    clash = mutation("project_partner", new_id(), "create", {"project_id": pid, "member_id": alliance.member_b})
    edit = mutation("project", pid, "update", {"title": "合计二"}, None, old={"title": "合计"})
    outcomes = sec.push(edit, clash)
    assert [o["status"] for o in outcomes] == ["applied", "rejected"], outcomes
    assert_sums_true(alliance.server)

    # delete with its cascade, then undelete by a create of its id (the partner comes back with it)
    deleted = sec.push_one(mutation("project", pid, "delete", {}, outcomes[0]["rev"]))
    assert deleted["status"] == "applied"
    assert sec.record("project_partner", partner["record_id"])["deleted"] is True
    assert_sums_true(alliance.server)
    revived = sec.push_one(mutation("project", pid, "create", {"title": "合计三", "domain": "smart_city"}))
    assert revived["record"]["deleted"] is False
    assert sec.record("project_partner", partner["record_id"])["deleted"] is False
    assert_sums_true(alliance.server)

    # an edit of a record deleted meanwhile revives it (with a conflict on `deleted`)
    base = revived["rev"]
    assert sec.push_one(mutation("project", pid, "delete", {}, base))["status"] == "applied"
    back = sec.push_one(mutation("project", pid, "update", {"status": "ongoing"}, base))
    assert back["status"] == "conflict" and back["record"]["deleted"] is False
    assert_sums_true(alliance.server)

    # a conflict resolved both ways: "mine" writes through the push's own code with a new rev
    contact = create("contact", {"member_id": alliance.member_b, "name": "合计联系人"})
    made = sec.push_one(contact)
    cid, rev = contact["record_id"], made["rev"]
    sec.push_one(mutation("contact", cid, "update", {"title": "甲"}, rev))
    clash_on = alliance.liaison_b.push_one(mutation("contact", cid, "update", {"title": "乙"}, rev))
    assert clash_on["status"] == "conflict"
    r = alliance.liaison_b.post(f"/api/v1/conflicts/{clash_on['conflicts'][0]['id']}/resolve", json={"keep": "mine"})
    assert r.status_code == 200, r.text
    assert_sums_true(alliance.server)
    # a delete kept back as a conflict, resolved by deleting
    sec.push_one(mutation("contact", cid, "update", {"title": "丙"}, None))
    refused_delete = alliance.liaison_b.push_one(mutation("contact", cid, "delete", {}, rev))
    assert refused_delete["status"] == "conflict"
    conflict_id = refused_delete["conflicts"][0]["id"]
    r = alliance.liaison_b.post(f"/api/v1/conflicts/{conflict_id}/resolve", json={"keep": "mine"})
    assert r.status_code == 200 and r.json()["record"]["deleted"] is True, r.text
    assert_sums_true(alliance.server)


def test_an_answer_as_of_a_cursor_stays_the_same_while_others_push(alliance: Alliance) -> None:
    a, b = alliance.liaison_a, alliance.liaison_b
    made = [create("contact", {"member_id": alliance.member_b, "name": f"当时{i}"}) for i in range(3)]
    revs = [o["rev"] for o in b.push(*made)]
    held, cursor = _held_at(a, "contact")
    then = _as_of(a, cursor, "contact")
    assert then["at"] == cursor and then["kinds"]["contact"] == held  # what a desktop at that cursor holds

    # others push: a create, an edit and a delete of records that were live at the cursor
    b.push(
        create("contact", {"member_id": alliance.member_b, "name": "之后"}),
        mutation("contact", made[0]["record_id"], "update", {"title": "改"}, revs[0]),
        mutation("contact", made[1]["record_id"], "delete", {}, revs[1]),
    )
    assert _as_of(a, cursor, "contact") == {**then, "server_rev": then["server_rev"] + 3}  # as of the cursor still
    held_now, now = _held_at(a, "contact")
    assert now == cursor + 3
    assert _as_of(a, now, "contact")["kinds"]["contact"] == held_now != held


def test_requests_that_do_not_ask_and_cursors_the_sums_cannot_answer_get_the_full_answer(alliance: Alliance) -> None:
    a = alliance.liaison_a
    a.push_one(create("contact", {"member_id": alliance.member_a, "name": "全量"}))
    _, cursor = a.pull_all(limit=1000)
    plain = a.get(CHECKSUMS, params={"kind": "contact"}).json()
    assert set(plain) == {"server_rev", "kinds"} and set(plain["kinds"]["contact"]) == {"count", "checksum"}
    ahead = a.get(CHECKSUMS, params={"kind": "contact", "at": cursor + 1}).json()  # beyond the server's counter
    assert ahead == plain
    with database(alliance.server) as db, db.write(lock_revs=True) as session:
        kind_sums.prune(session, ["contact"], cursor)  # what the sums keep stops at the cursor
    assert _as_of(a, cursor, "contact")["at"] == cursor
    assert a.get(CHECKSUMS, params={"kind": "contact", "at": cursor - 1}).json() == plain


def test_a_restore_and_a_purge_leave_the_sums_true(tmp_path: Path) -> None:
    """A backup taken while desktops push, restored into the same file (the guide's `.restore`), then the
    guide's `after-restore`: the rows came back with the records they count. Purging tombstones (every one, on
    this server of its own) changes no live record and so no sum."""
    data = tmp_path / "server"
    server = start_server(["--data-dir", str(data)], tmp_path / "server.log", env=ROOMY)
    try:
        alliance = build_alliance(server, "r")
        a = alliance.liaison_a
        contact = create("contact", {"member_id": alliance.member_a, "name": "备份前"})
        first = a.push_one(contact)
        backup = sqlite3.connect(tmp_path / "backup.sqlite")
        with sqlite3.connect(data / DB_FILE) as live:
            live.backup(backup)
        held, cursor = _held_at(a, "contact")
        a.push(
            create("contact", {"member_id": alliance.member_a, "name": "备份后"}),
            mutation("contact", contact["record_id"], "delete", {}, first["rev"]),
        )
        with sqlite3.connect(data / DB_FILE) as live:
            backup.backup(live)
        backup.close()
        from tests.server.conftest import server_cli

        restored = server_cli("after-restore", "--data-dir", str(data))
        assert restored.returncode == 0, restored.stderr
        assert_sums_true(server)
        again = a.login("liaison-a-r")  # a new login: the desktop's epoch header is a new history's concern
        assert _as_of(again, cursor, "contact")["kinds"]["contact"] == held

        from alliance_app.server.maintenance import purge_tombstones

        gone = create("contact", {"member_id": alliance.member_a, "name": "将清除"})
        made = again.push_one(gone)
        again.push_one(mutation("contact", gone["record_id"], "delete", {}, made["rev"]))
        with database(server) as db:
            assert purge_tombstones(db, 0)[0] >= 1
        assert_sums_true(server)
    finally:
        server.stop()


def test_the_demo_load_counts_every_kind_whole(tmp_path: Path) -> None:
    from alliance_app.server.demo_load import load_demo
    from tests.server.conftest import server_cli

    data = tmp_path / "server"
    assert server_cli("migrate", "--data-dir", str(data)).returncode == 0
    with Database.open(ServerSettings(data_dir=data)) as db:
        load_demo(db, scale=1)
        load_demo(db, scale=1, force=True)  # replaced wholesale: the rows of the first load go too
        with db.read() as session:
            assert kind_sums.latest(session, RECORDS_BY_KIND) == kind_sums.recount(session, RECORDS_BY_KIND)


def test_the_last_page_of_a_pull_carries_the_sums_as_of_its_cursor_when_asked(alliance: Alliance) -> None:
    a = alliance.liaison_a
    a.push(*(create("contact", {"member_id": alliance.member_a, "name": f"翻页合计{i}"}) for i in range(3)))
    _, end = a.pull_all(limit=1000)
    pages = a.pages(end - 3, limit=2, sums="true")
    assert len(pages) == 2 and "sums" not in pages[0]  # only the page that ends the pull
    last = pages[-1]
    asked = _as_of(a, last["cursor"])
    assert last["sums"] == {"at": last["cursor"], "kinds": asked["kinds"]}
    assert set(last["sums"]["kinds"]) == set(RECORDS_BY_KIND)
    plain = a.get("/api/v1/sync/pull", params={"cursor": end - 1}).json()
    assert "sums" not in plain  # not asked: the page an older desktop knows


def test_the_sums_read_with_the_login_are_the_sums_as_of_the_counter(alliance: Alliance) -> None:
    """The pull reads the kinds' newest sums in its login statement (kind_sums.newest_column): they must be what
    `as_of` answers for the counter, including "none" when a kind has no row."""
    a = alliance.liaison_a
    a.push(*(create("contact", {"member_id": alliance.member_a, "name": f"登录合计{i}"}) for i in range(2)))
    with database(alliance.server) as db, Session(db.engine) as session:
        upper, _ = committed_rev(session)
        value = session.execute(select(kind_sums.newest_column())).scalar()
        kinds = list(RECORDS_BY_KIND)
        counted = kind_sums.newest_of(value, kinds)
        assert counted is not None and counted == kind_sums.as_of(session, kinds, upper, within=True)
        assert kind_sums.newest_of(value, ["contact"]) == kind_sums.as_of(session, ["contact"], upper, within=True)
        assert kind_sums.newest_of(value, [*kinds, "nonesuch"]) is None
        session.execute(delete(KindSum).where(KindSum.kind == "contact"))  # rolled back below
        value = session.execute(select(kind_sums.newest_column())).scalar()
        assert kind_sums.newest_of(value, kinds) is None is kind_sums.as_of(session, kinds, upper, within=True)
        session.rollback()
