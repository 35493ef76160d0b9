"""A pull never skips a change: concurrent pushers on PostgreSQL (two uvicorn workers) while a puller pulls,
and a push's provisional revisions moved after those of a push that committed first."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from alliance_app.models import Actor
from alliance_app.models.records import Contact, Member
from alliance_app.server import sync_service
from alliance_app.server.accounts import actor_of, create_account
from alliance_app.server.db import PROVISIONAL_OFFSET, Database, Revs, committed_rev
from alliance_app.server.settings import ServerSettings
from alliance_app.server.sync_service import push_batch
from alliance_app.server.tables import ChangeLogEntry, FieldRevs, MutationRecord, RevCounter
from alliance_app.sync.protocol import Mutation
from tests.server.conftest import (
    Api,
    ServerProcess,
    build_alliance,
    create,
    drop_postgres,
    member_values,
    mutation,
    needs_postgres,
    scratch_postgres,
)

PUSHERS = 4
BATCHES = 15
BATCH = 5


@needs_postgres
@pytest.mark.postgres
def test_concurrent_pushes_on_postgres_are_all_pulled_exactly_once_in_rev_order(postgres_server: ServerProcess) -> None:
    alliance = build_alliance(postgres_server, "pg")
    accepted: dict[tuple[str, str], int] = {}
    lock = threading.Lock()
    done = threading.Event()
    errors: list[str] = []

    def pusher(n: int) -> None:
        api = Api(postgres_server.url).login("sec-pg")
        try:
            for b in range(BATCHES):
                items = [
                    create("contact", {"member_id": alliance.member_a, "name": f"联系人{n}-{b}-{i}"})
                    for i in range(BATCH)
                ]
                outcomes = api.push(*items)
                # and an update of a record made earlier in this run, so old records move up in rev too
                first = items[0]
                outcomes += api.push(
                    mutation("contact", first["record_id"], "update", {"title": f"第{b}批"}, outcomes[0]["rev"])
                )
                with lock:
                    for o in outcomes:
                        if o["status"] in ("applied", "merged"):
                            key = ("contact", o["record"]["id"])
                            accepted[key] = max(accepted.get(key, 0), o["rev"])
                        else:
                            errors.append(str(o))
        except Exception as error:
            errors.append(repr(error))

    pulled: dict[tuple[str, str], int] = {}
    seen_revs: list[int] = []

    def puller() -> None:
        api = Api(postgres_server.url).login("liaison-b-pg")
        cursor = 0
        last_round = False
        while True:
            r = api.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": 7})
            assert r.status_code == 200, r.text
            page = r.json()
            for state in page["changes"]:
                assert state["rev"] > cursor, "a page returned a rev at or below the cursor it was asked for"
                seen_revs.append(state["rev"])
                pulled[(state["kind"], state["id"])] = max(pulled.get((state["kind"], state["id"]), 0), state["rev"])
            cursor = page["cursor"]
            if not page["has_more"]:
                if last_round:
                    return
                if done.is_set():
                    last_round = True
                time.sleep(0.005)

    threads = [threading.Thread(target=pusher, args=(n,)) for n in range(PUSHERS)]
    pull_thread = threading.Thread(target=puller)
    pull_thread.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    done.set()
    pull_thread.join(timeout=120)
    assert not errors, errors[:3]
    assert len(accepted) == PUSHERS * BATCHES * BATCH
    # Every accepted change reached the puller, at its latest rev; nothing arrived twice at the same rev.
    assert {k: v for k, v in pulled.items() if k in accepted} == accepted
    assert len(seen_revs) == len(set(seen_revs))


@needs_postgres
@pytest.mark.postgres
def test_a_push_that_waited_on_postgres_moves_its_provisional_revisions_after_one_that_committed_meanwhile(
    scratch_database: tuple[Database, int, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Push A validates and writes with provisional revisions; push B commits meanwhile; A then takes the
    counter and its records, field revisions, change log and answers all land after B's, with nothing left in
    the provisional range."""
    db, account_id, actor = scratch_database
    member = Mutation.model_validate(create("member", member_values("先建单位")))
    assert push_batch(db, (account_id, actor), [member])[0].rev == 1

    b_done, a_waiting = threading.Event(), threading.Event()

    class PausingRevs(Revs):
        def finish(self, **kw):  # type: ignore[no-untyped-def]
            if threading.current_thread().name == "push-a":
                a_waiting.set()
                assert b_done.wait(30)
            return super().finish(**kw)

    monkeypatch.setattr(sync_service, "Revs", PausingRevs)
    contact = create("contact", {"member_id": member.record_id, "name": "张三"})
    edit = mutation("member", member.record_id, "update", {"city": "宜昌市"}, 1)
    batch_a = [Mutation.model_validate(m) for m in (contact, edit)]
    answers: list[Any] = []
    push_a = threading.Thread(
        target=lambda: answers.extend(push_batch(db, (account_id, actor), batch_a)), name="push-a"
    )
    push_a.start()
    assert a_waiting.wait(30)
    other = Mutation.model_validate(create("member", member_values("另一单位")))  # no row A has locked
    assert push_batch(db, (account_id, actor), [other])[0].rev == 2  # B commits while A holds provisional revs
    b_done.set()
    push_a.join(30)

    assert [(a.status, a.rev) for a in answers] == [("applied", 3), ("applied", 4)]
    assert [a.record.rev for a in answers if a.record] == [3, 4]
    with db.read() as session:
        assert session.get(Contact, contact["record_id"]).rev == 3
        assert session.get(Member, member.record_id).rev == 4
        revs = session.get(FieldRevs, ("member", member.record_id))
        assert (revs.created_rev, revs.revs) == (1, {"city": 4})
        assert session.get(FieldRevs, ("contact", contact["record_id"])).created_rev == 3
        logged = session.scalars(select(ChangeLogEntry.rev)).all()
        assert set(logged) == {1, 2, 3, 4} and max(logged) < PROVISIONAL_OFFSET
        stored = session.scalars(select(MutationRecord.outcome)).all()
        assert sorted(o["rev"] for o in stored) == [1, 2, 3, 4]
        assert committed_rev(session)[0] == 4
        page = sync_service.pull(session, actor, 0, 100)
    assert [(c["kind"], c["rev"]) for c in page["changes"]] == [("member", 2), ("contact", 3), ("member", 4)]


@pytest.fixture
def scratch_database(tmp_path: Path) -> Iterator[tuple[Database, int, Actor]]:
    """An empty, migrated PostgreSQL database opened as the server opens it, with a secretariat account."""
    from alliance_app.server import migrate
    from alliance_app.server.db import make_engine

    url = scratch_postgres("revs")
    settings = ServerSettings(database_url=url, data_dir=tmp_path)
    migrate.upgrade(make_engine(settings))
    db = Database.open(settings)
    try:
        with db.write() as session:
            account = create_account(
                session, username="sec", role="secretariat", password="long password 1", member=None
            )
            account_id, actor = account.id, actor_of(account)
        yield db, account_id, actor
    finally:
        db.close()
        drop_postgres(url)


@needs_postgres
@pytest.mark.postgres
def test_a_counter_past_the_provisional_range_makes_pushes_lock_it_from_their_first_revision(
    scratch_database: tuple[Database, int, Actor],
) -> None:
    db, account_id, actor = scratch_database
    with db.write() as session:
        session.execute(RevCounter.__table__.update().values(rev=PROVISIONAL_OFFSET))  # type: ignore[attr-defined]
    member = Mutation.model_validate(create("member", member_values("很久以后")))
    assert push_batch(db, (account_id, actor), [member])[0].rev == PROVISIONAL_OFFSET + 1
    with db.read() as session:
        assert session.get(Member, member.record_id).rev == PROVISIONAL_OFFSET + 1
        assert committed_rev(session)[0] == PROVISIONAL_OFFSET + 1


@needs_postgres
@pytest.mark.postgres
def test_a_push_past_the_provisional_range_leaves_the_records_it_did_not_touch_where_they_are(
    scratch_database: tuple[Database, int, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A push takes its provisional revisions without reading the counter (they start at PROVISIONAL_OFFSET), so
    `finish` must notice a counter already past that, where real revisions and provisional ones would mix: moving
    "every rev above the provisional base" (the savepoint path) would then move records committed long before."""
    db, account_id, actor = scratch_database
    edited, kept = (Mutation.model_validate(create("member", member_values(n))) for n in ("改的单位", "不动的单位"))
    assert [o.rev for o in push_batch(db, (account_id, actor), [edited, kept])] == [1, 2]
    members = Member.__table__  # type: ignore[attr-defined]
    with db.write() as session:  # as if the alliance had lived past the range: `kept` holds a real rev above it
        session.execute(RevCounter.__table__.update().values(rev=PROVISIONAL_OFFSET + 3))  # type: ignore[attr-defined]
        session.execute(members.update().where(members.c.id == kept.record_id).values(rev=PROVISIONAL_OFFSET + 2))
    edit = Mutation.model_validate(mutation("member", edited.record_id, "update", {"city": "襄阳市"}, 1))

    def straight_run_fails(*_args: Any) -> Any:
        raise sync_service._RunAgain

    # the savepoint path, where the database's rows are moved (not the session's objects)
    monkeypatch.setattr(sync_service, "_apply_straight", straight_run_fails)
    outcomes = push_batch(db, (account_id, actor), [edit])
    assert [(o.status, o.rev) for o in outcomes] == [("applied", PROVISIONAL_OFFSET + 4)]
    with db.read() as session:
        assert session.get(Member, kept.record_id).rev == PROVISIONAL_OFFSET + 2
        assert session.get(Member, edited.record_id).rev == PROVISIONAL_OFFSET + 4
        assert committed_rev(session)[0] == PROVISIONAL_OFFSET + 4


@needs_postgres
@pytest.mark.postgres
def test_a_pull_in_a_snapshot_sees_no_revision_above_the_counter_it_read(
    scratch_database: tuple[Database, int, Actor],
) -> None:
    """What lets a pull's last page skip looking for prerequisites (pull.py): in the pull's snapshot, a record
    committed meanwhile is not there at all. Outside a snapshot (READ COMMITTED) it is: the control below."""
    db, account_id, actor = scratch_database
    for snapshot, seen in ((True, 0), (False, 1)):
        with db.read(snapshot=snapshot) as session:
            upper, _ = committed_rev(session)
            other = Mutation.model_validate(create("member", member_values(f"快照{snapshot}")))
            assert push_batch(db, (account_id, actor), [other])[0].rev == upper + 1  # commits meanwhile
            above = session.execute(select(Member.id).where(Member.rev > upper)).all()
            assert len(above) == seen
            if snapshot:
                page = sync_service.pull(session, actor, 0, 100)
                assert page["cursor"] == upper and page["prerequisites"] == []
