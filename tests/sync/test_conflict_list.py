"""A desktop asks the server for its conflict list only when the pull's last page says the open conflicts differ
from the ones it holds; otherwise its conflicts stay exactly what the server would list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from .conftest import member_values, unique

CONFLICTS = "/api/v1/conflicts"


@dataclass
class Recording(httpx.BaseTransport):
    """Real HTTP to the real server; notes each request's path. `older`: answers as a server that knows no
    conflicts digest (the member taken out of every pull page)."""

    inner: httpx.BaseTransport = field(default_factory=httpx.HTTPTransport)
    paths: list[str] = field(default_factory=list)
    older: bool = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        response = self.inner.handle_request(request)
        if not self.older or not request.url.path.endswith("/sync/pull") or response.status_code != 200:
            return response
        page = orjson.loads(response.read())
        page.pop("conflicts_digest", None)
        return httpx.Response(200, headers=response.headers, content=orjson.dumps(page))

    def asked(self) -> int:
        count = self.paths.count(CONFLICTS)
        self.paths.clear()
        return count

    def close(self) -> None:
        self.inner.close()


def _server_list(desktop: Any, seen: Recording) -> set[str]:
    """What the server lists for the desktop's account now (not counted as the sync's asking)."""
    listed = {c.id for c in desktop.desk_sync._connected().conflicts()}
    seen.paths.clear()
    return listed


def _held(desktop: Any) -> set[str]:
    return {c.id for c in desktop.desk_sync.conflicts()}


def test_the_list_is_asked_for_only_when_the_open_conflicts_changed(server: Any, desktops: Any) -> None:
    seen_a, seen_b = Recording(), Recording()
    a = desktops("a", transport=seen_a).login(server, server.add_account(unique("sec")))
    b = desktops("b", transport=seen_b).login(server, server.add_account(unique("sec")))
    m = a.create("member", **member_values(unique("成员")))
    a.sync(), b.sync()
    seen_a.asked(), seen_b.asked()
    a.sync()
    assert seen_a.asked() == 0  # nothing open anywhere: nothing to ask

    a.edit("member", m, city="宜昌市")
    b.edit("member", m, city="襄阳市")
    a.sync()
    assert b.sync().new_conflicts == 1
    assert seen_b.asked() == 0  # its own push brought the conflict: it already holds what the server would list
    seen_a.asked()
    a.sync()
    assert seen_a.asked() == 1  # a conflict it does not hold yet
    assert _held(a) == _held(b) == _server_list(a, seen_a) and len(_held(a)) == 1
    a.sync()
    assert seen_a.asked() == 0

    [conflict] = _held(b)
    b.desk_sync.resolve(conflict, "mine")
    a.sync()
    assert seen_a.asked() == 1  # resolved elsewhere: the list is asked for, and the conflict closes here too
    assert _held(a) == _server_list(a, seen_a) == set()
    assert a.get("member", m)["city"] == b.get("member", m)["city"] == "襄阳市"


def test_a_server_that_does_not_say_is_asked_every_time(server: Any, desktops: Any) -> None:
    older = Recording(older=True)
    a = desktops("a", transport=older).login(server, server.add_account(unique("sec")))
    a.create("member", **member_values(unique("成员")))
    for _ in range(2):
        a.sync()
        assert older.asked() == 1
