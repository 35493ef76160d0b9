"""Two and three desktops editing offline against a real server: merges, conflicts, deletes, creates, links."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from alliance_app.store.local_tables import OutboxEntry
from alliance_app.sync.engine import SyncEngine
from alliance_app.sync.errors import SyncError

from .conftest import member_values, unique


def _pair(shared_server: Any, desktops: Any, n: int = 2) -> list[Any]:
    made = []
    for i in range(n):
        name = shared_server.add_account(unique("sec"))
        made.append(desktops(f"d{i}").login(shared_server, name))
    return made


def _member(desktop: Any) -> str:
    record_id: str = desktop.create("member", **member_values(unique("成员")))
    return record_id


def test_edits_of_different_fields_on_two_desktops_merge(shared_server: Any, desktops: Any) -> None:
    a, b = _pair(shared_server, desktops)
    m = _member(a)
    a.sync(), b.sync()
    a.edit("member", m, city="宜昌市")
    b.edit("member", m, district="洪山区")
    assert a.sync().outcomes["applied"] == 1
    assert b.sync().outcomes["merged"] == 1
    a.sync()
    assert a.get("member", m)["city"] == b.get("member", m)["city"] == "宜昌市"
    assert a.get("member", m)["district"] == b.get("member", m)["district"] == "洪山区"
    assert a.live() == b.live()
    assert [c for c in a.desk_sync.conflicts() + b.desk_sync.conflicts() if c.record_id == m] == []


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_same_field_on_two_desktops_gives_one_conflict_seen_on_both_and_resolvable(
    shared_server: Any, desktops: Any, keep: str
) -> None:
    a, b = _pair(shared_server, desktops)
    m = _member(a)
    a.sync(), b.sync()
    a.edit("member", m, city="宜昌市")
    b.edit("member", m, city="襄阳市")
    a.sync()
    result = b.sync()
    assert result.outcomes["conflict"] == 1 and result.new_conflicts == 1
    a.sync()
    seen_a = [c for c in a.desk_sync.conflicts() if c.record_id == m]
    seen_b = [c for c in b.desk_sync.conflicts() if c.record_id == m]
    assert len(seen_a) == len(seen_b) == 1 and seen_a[0].id == seen_b[0].id
    conflict = seen_b[0]
    assert (conflict.field, conflict.theirs, conflict.mine) == ("city", "宜昌市", "襄阳市")
    # Until resolved, the server's value stands everywhere.
    assert a.get("member", m)["city"] == b.get("member", m)["city"] == "宜昌市"

    b.desk_sync.resolve(conflict.id, keep)
    expected = "襄阳市" if keep == "mine" else "宜昌市"
    assert b.get("member", m)["city"] == expected
    a.sync(), b.sync()
    assert a.get("member", m)["city"] == expected
    assert [c for c in a.desk_sync.conflicts() + b.desk_sync.conflicts() if c.record_id == m] == []
    assert a.live() == b.live()


def test_delete_on_one_desktop_versus_edit_on_another_keeps_the_record_and_a_conflict(
    shared_server: Any, desktops: Any
) -> None:
    a, b = _pair(shared_server, desktops)
    m = _member(a)
    p = a.create("project", lead_member_id=m, title="智能网联汽车示范", domain="connected_vehicles")
    a.sync(), b.sync()
    a.desk.delete("project", p)
    b.edit("project", p, title="智能网联汽车示范（二期）")
    a.sync()
    b.sync()
    a.sync()
    for desktop in (a, b):
        assert desktop.get("project", p)["title"] == "智能网联汽车示范（二期）"
        conflicts = [c for c in desktop.desk_sync.conflicts() if c.record_id == p]
        assert [(c.record_id, c.field) for c in conflicts] == [(p, "deleted")]
    assert a.live() == b.live()


def test_records_created_offline_on_three_desktops_reach_every_desktop(shared_server: Any, desktops: Any) -> None:
    a, b, c = _pair(shared_server, desktops, 3)
    made = [_member(d) for d in (a, b, c) for _ in range(3)]
    for desktop in (a, b, c, a, b):
        desktop.sync()
    for desktop in (a, b, c):
        live = desktop.live()
        assert all(("member", m) in live for m in made)
    assert a.live() == b.live() == c.live()


def test_link_added_offline_on_two_desktops_becomes_one_record(shared_server: Any, desktops: Any) -> None:
    a, b = _pair(shared_server, desktops)
    m1, m2 = _member(a), _member(a)
    p = a.create("project", lead_member_id=m1, title="城市大脑", domain="smart_city")
    a.sync(), b.sync()
    link_a = a.create("project_partner", project_id=p, member_id=m2, role="算法")
    link_b = b.create("project_partner", project_id=p, member_id=m2, role="算法")
    assert link_a == link_b
    a.sync(), b.sync(), a.sync()
    partners = [key for key in a.live() if key[0] == "project_partner" and key[1] == link_a]
    assert len(partners) == 1
    assert a.live() == b.live()


def test_attendance_removed_on_one_desktop_while_another_adds_a_second_attendee(
    shared_server: Any, desktops: Any
) -> None:
    a, b = _pair(shared_server, desktops)
    m = _member(a)
    e = a.create("event", organiser_member_id=m, title="年会", starts_on="2026-12-01")
    first = a.create("attendance", event_id=e, member_id=m, attendee_name="张三")
    a.sync(), b.sync()
    a.desk.delete("attendance", first)
    second = b.create("attendance", event_id=e, member_id=m, attendee_name="李四")
    b.desk.delete("attendance", first)  # both remove the same link: no conflict, one tombstone
    a.sync(), b.sync(), a.sync()
    for desktop in (a, b):
        live = desktop.live()
        assert ("attendance", first) not in live and ("attendance", second) in live
    assert a.live() == b.live()
    assert [c for c in a.desk_sync.conflicts() if c.record_id in (first, second, e)] == []


def test_a_pulled_change_never_overwrites_a_field_with_an_unpushed_local_edit(
    shared_server: Any, desktops: Any
) -> None:
    a, b = _pair(shared_server, desktops)
    m = _member(a)
    a.sync(), b.sync()
    b.edit("member", m, city="十堰市", district="张湾区")
    b.sync()
    a.edit("member", m, city="宜昌市")  # not pushed yet
    engine = SyncEngine(a.store, a.desk_sync._connected())
    engine._pull_all()  # a pull on its own, as between two pushes
    record = a.get("member", m)
    assert record["city"] == "宜昌市" and record["district"] == "张湾区"
    with a.store.read() as session:
        assert [e.changes for e in session.scalars(select(OutboxEntry))] == [{"city": ["武汉市", "宜昌市"]}]


def test_a_refused_edit_is_kept_with_its_message_and_does_not_block_the_rest(shared_server: Any, desktops: Any) -> None:
    a, b = _pair(shared_server, desktops)
    m = _member(a)
    e = a.create("event", organiser_member_id=m, title="路演", starts_on="2026-12-02")
    a.sync(), b.sync()
    b.desk.delete("event", e)
    b.sync()
    refused = a.create("attendance", event_id=e, member_id=m, attendee_name="王五")  # the event is gone
    later = _member(a)
    result = a.sync()
    assert result.outcomes["rejected"] == 1 and result.rejected == 1
    with a.store.read() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.state == "rejected")).one()
    assert entry.record_id == refused and entry.changes["attendee_name"] == [None, "王五"]
    assert json.loads(entry.error_message or "{}")["en"]
    b.sync()
    assert ("member", later) in b.live()
    assert ("attendance", refused) not in a.live()  # back to the server's view; the typed values stay in the outbox
    assert a.live() == b.live()
    (kept,) = a.desk_sync.rejected_edits()
    assert kept.record_id == refused and kept.message("en") and kept.message("zh")
    a.desk_sync.retry_rejected(kept.seq)  # sent again: refused again, still kept
    assert a.sync().outcomes["rejected"] == 1 and len(a.desk_sync.rejected_edits()) == 1
    a.desk_sync.discard_rejected(kept.seq)
    assert a.desk_sync.rejected_edits() == [] and a.desk_sync.unsent() == (0, 0)


def test_switching_account_with_unsent_edits_refuses_unless_forced_and_keeps_them(
    shared_server: Any, desktops: Any
) -> None:
    a, b = _pair(shared_server, desktops)
    other = shared_server.add_account(unique("sec"))
    m = _member(a)
    with pytest.raises(SyncError) as refused:
        a.login(shared_server, other)
    assert refused.value.code == "unsent_edits" and "--force" in refused.value.message("en")
    a.login(shared_server, other, force=True)
    assert a.desk.actor.username == other
    assert a.desk_sync.unsent() == (1, 0)
    a.sync()
    b.sync()
    assert ("member", m) in b.live()


def test_after_login_the_desk_works_as_the_logged_in_liaison(shared_server: Any, desktops: Any) -> None:
    (sec,) = _pair(shared_server, desktops, 1)
    m = _member(sec)
    sec.sync()
    liaison = shared_server.add_account(unique("liaison"), "liaison", m)
    desk = desktops("liaison").login(shared_server, liaison)
    desk.sync()
    assert desk.desk.actor.role == "liaison" and desk.desk.actor.member_id == m
    assert desk.store.get_meta("account") == {"username": liaison, "role": "liaison", "member_id": m}


def test_a_damaged_local_copy_is_found_by_the_checksum_and_pulled_again(shared_server: Any, desktops: Any) -> None:
    a, b = _pair(shared_server, desktops)
    made = [_member(a) for _ in range(3)]
    a.sync(), b.sync()
    with b.store.write() as session:  # a record lost and another's revision wrong, outbox untouched
        session.execute(text("DELETE FROM members WHERE id = :id"), {"id": made[0]})
        session.execute(text("UPDATE members SET rev = 1 WHERE id = :id"), {"id": made[1]})
    b.edit("member", made[2], city="黄石市")
    a.edit("member", made[2], short_name="简称")
    a.sync()
    result = b.sync()
    assert "member" in result.repulled and result.mismatched == []
    a.sync()
    assert a.live() == b.live()
    assert b.get("member", made[2])["city"] == "黄石市"


def test_a_cursor_older_than_the_purged_tombstones_pulls_everything_again_once(server: Any, desktops: Any) -> None:
    from alliance_app.server.maintenance import purge_tombstones

    a = desktops("a").login(server, server.add_account("sec-a"))
    b = desktops("b").login(server, server.add_account("sec-b"))
    made = [_member(a) for _ in range(3)]
    a.sync(), b.sync()
    a.desk.delete("member", made[0])
    a.sync()
    _member(a)
    a.sync()
    purged, horizon = purge_tombstones(server.database(), -1)
    assert purged == 1 and horizon > 0
    b.edit("member", made[1], city="荆州市")  # kept through the re-pull
    result = b.sync()
    assert result.repulled and result.mismatched == []
    a.sync()
    assert a.live() == b.live()
    assert ("member", made[0]) not in b.live()
    assert b.get("member", made[1])["city"] == "荆州市"


class LoseFirstPushAnswer(httpx.BaseTransport):
    """The server gets the first push and commits it; its answer never arrives."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.lost = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path.endswith("/sync/push") and not self.lost:
            self.lost += 1
            response.read()
            raise httpx.ReadError("connection reset after the server committed", request=request)
        return response


def test_a_push_whose_answer_was_lost_is_sent_again_without_duplicating_anything(
    shared_server: Any, desktops: Any
) -> None:
    transport = LoseFirstPushAnswer()
    a = desktops("a", transport=transport).login(shared_server, shared_server.add_account(unique("sec")))
    (b,) = _pair(shared_server, desktops, 1)
    m = _member(a)
    a.edit("member", m, city="鄂州市")
    result = a.sync()
    assert transport.lost == 1 and result.outcomes["applied"] == 2
    b.sync()
    assert b.get("member", m)["city"] == "鄂州市"
    history = a.desk_sync._connected()._send("GET", f"/api/v1/records/member/{m}/history").json()
    assert len({e["rev"] for e in history["entries"]}) == 2  # one create, one edit: each applied once
