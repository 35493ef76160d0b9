"""The check after a sync compares the desktop's records with the server's as of its cursor: with the sums the
pull's last page brings (no request of its own), or by asking as of the cursor; it compares at once while other
desktops push (it used to pull and ask again, and under steady pushes never compared at all), and it still finds a
desktop that silently differs from the server. Against a server that can do neither (an older one), the desktop
checks the way it did before."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import text

from .conftest import member_values, unique

CHECKSUMS, PULL = "/api/v1/sync/checksums", "/api/v1/sync/pull"


@dataclass
class Recording(httpx.BaseTransport):
    """Real HTTP to the real server; notes each request's path. `older`: the server answers as one that knows
    neither the pull's `sums` nor the checksums' `at` (taken out of the requests); `no_page_sums`: as one that
    answers checksums as of a cursor but gives no sums with a pull."""

    inner: httpx.BaseTransport = field(default_factory=httpx.HTTPTransport)
    paths: list[str] = field(default_factory=list)
    older: bool = False
    no_page_sums: bool = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if (self.older or self.no_page_sums) and request.url.path == PULL:
            request.url = request.url.copy_remove_param("sums")
        if self.older and request.url.path == CHECKSUMS:
            request.url = request.url.copy_remove_param("at")
        return self.inner.handle_request(request)

    def taken(self) -> list[str]:
        paths, self.paths = self.paths, []
        return [p for p in paths if p in (CHECKSUMS, PULL)]

    def close(self) -> None:
        self.inner.close()


def _two(server: Any, desktops: Any, seen: Recording) -> tuple[Any, Any]:
    a = desktops("a", transport=seen).login(server, server.add_account(unique("sec")))
    b = desktops("b").login(server, server.add_account(unique("sec")))
    return a, b


def _while_checking(other: Any) -> Any:
    """A progress callback that lets another desktop push a new member just before the check asks, once."""
    done: list[bool] = []

    def progress(phase: str, _done: int, _total: int) -> None:
        if phase == "check" and not done:
            done.append(True)
            other.create("member", **member_values(unique("其间")))
            other.sync()

    return progress


def _edit_while_another_pushes(server: Any, desktops: Any, seen: Recording) -> tuple[Any, Any, Any]:
    """Desktop a edits a member both hold and syncs while b pushes a new member just before a's check; the
    requests a made before that sync are left out of `seen`."""
    a, b = _two(server, desktops, seen)
    m = a.create("member", **member_values(unique("成员")))
    a.sync(), b.sync()
    seen.taken()
    a.edit("member", m, city="宜昌市")
    return a, b, a.sync(progress=_while_checking(b))


def test_another_desktop_pushing_during_the_check_costs_no_pull_and_no_question(server: Any, desktops: Any) -> None:
    seen = Recording()
    a, b, result = _edit_while_another_pushes(server, desktops, seen)
    assert seen.taken() == [PULL]  # the round's pull, whose last page brought the sums as of its cursor
    assert result.repulled == [] and result.mismatched == []
    a.sync()
    assert a.live() == b.live()


def test_a_server_without_sums_on_the_pull_is_asked_once_as_of_the_cursor(server: Any, desktops: Any) -> None:
    seen = Recording(no_page_sums=True)
    _a, _b, result = _edit_while_another_pushes(server, desktops, seen)
    assert seen.taken() == [PULL, CHECKSUMS]  # one question, answered as of the cursor despite b's push
    assert result.repulled == [] and result.mismatched == []


def test_an_older_server_is_checked_the_way_it_was(server: Any, desktops: Any) -> None:
    seen = Recording(older=True)
    a, b, result = _edit_while_another_pushes(server, desktops, seen)
    # the answer is for the server as it is now, past the cursor: pull to catch up, then ask again
    assert seen.taken() == [PULL, CHECKSUMS, PULL, CHECKSUMS]
    assert result.repulled == [] and result.mismatched == []
    assert a.live() == b.live()


def test_a_change_missed_while_others_push_is_found_and_pulled_again(server: Any, desktops: Any) -> None:
    seen = Recording()
    a, b = _two(server, desktops, seen)
    m, other = (a.create("member", **member_values(unique("成员"))) for _ in range(2))
    a.sync(), b.sync()
    first = a.get("member", m)["rev"]
    b.edit("member", m, city="黄石市")
    b.sync()
    a.sync()
    with a.store.write() as session:  # the desktop holds the record as it was, at its old rev: the change was lost
        session.execute(text("UPDATE members SET city = '武汉市', rev = :rev WHERE id = :id"), {"rev": first, "id": m})
    a.edit("member", other, city="宜昌市")
    result = a.sync(progress=_while_checking(b))
    assert "member" in result.repulled and result.mismatched == []
    assert a.get("member", m)["city"] == "黄石市"
    a.sync()
    assert a.live() == b.live()


def test_a_lost_tombstone_and_a_record_the_server_never_had_are_found(server: Any, desktops: Any) -> None:
    seen = Recording()
    a, b = _two(server, desktops, seen)
    gone, kept, moved = (a.create("member", **member_values(unique("成员"))) for _ in range(3))
    a.sync(), b.sync()
    b.desk.delete("member", gone)
    b.sync()
    a.sync()
    assert gone not in {record_id for _, record_id in a.live()}
    stranger = "0190ffff-0000-7000-8000-000000000001"
    with a.store.write() as session:  # the tombstone lost: the record lives again here, as at its last live rev
        session.execute(text("UPDATE members SET deleted = 0 WHERE id = :id"), {"id": gone})
        # and a record under an id the server never gave out, marked as synced (one the server has, missing)
        session.execute(
            text("UPDATE members SET id = :new, credit_code = NULL, name_zh = name_zh || '副本' WHERE id = :id"),
            {"new": stranger, "id": moved},
        )
    a.edit("member", kept, city="宜昌市")
    result = a.sync(progress=_while_checking(b))
    assert "member" in result.repulled and result.mismatched == []
    live = {record_id for _, record_id in a.live()}
    assert gone not in live and stranger not in live and moved in live
    a.sync()
    assert a.live() == b.live()
