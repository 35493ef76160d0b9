"""An account's open conflicts are capped, and the desktop reads the conflict list page by page: a real server
started with a small cap, a real desktop whose sync asks for small pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from alliance_app.sync import state
from alliance_app.sync.client import SyncClient
from tests.conftest import free_port
from tests.server.conftest import Api, create, mutation
from tests.sync.conftest import Server, member_values
from tests.sync.conftest import desktops as desktops
from tests.sync.conftest import memory_keyring as memory_keyring

CAP = 3


@pytest.fixture
def capped(tmp_path: Path) -> Iterator[Server]:
    port = free_port()
    running = Server(f"http://127.0.0.1:{port}", tmp_path / "server", port,
                     env={"ALLIANCE_SERVER_MAX_OPEN_CONFLICTS": str(CAP)})  # fmt: skip
    running.data_dir.mkdir()
    running.start()
    yield running
    running.stop()
    running.close_database()


def _forge(sec: Api, liaison: Api, member: str) -> dict[str, Any]:
    """A project of the liaison's member that the secretariat renamed, then the liaison's stale rename."""
    made = liaison.push_one(create("project", {"lead_member_id": member, "title": "原名", "domain": "smart_city"}))
    pid, base = made["record"]["id"], made["rev"]
    assert sec.push_one(mutation("project", pid, "update", {"title": "秘书处改"}, base))["status"] == "applied"
    return liaison.push_one(mutation("project", pid, "update", {"title": "联络人改"}, base, old={"title": "原名"}))


def test_an_account_holds_at_most_the_cap_of_open_conflicts(capped: Server) -> None:
    capped.add_account("sec-cap", "secretariat")
    sec = Api(capped.url).login("sec-cap")
    member = create("member", member_values("上限单位"))
    assert sec.push_one(member)["status"] == "applied"
    capped.add_account("liaison-cap", "liaison", member["record_id"])
    liaison = Api(capped.url).login("liaison-cap")
    outcomes = [_forge(sec, liaison, member["record_id"]) for _ in range(CAP + 1)]
    assert [o["status"] for o in outcomes] == ["conflict"] * CAP + ["rejected"]
    assert outcomes[-1]["code"] == "too_many_conflicts" and "上限 3" in outcomes[-1]["zh"]
    listed = liaison.get("/api/v1/conflicts").json()
    assert len(listed) == CAP
    resolved = liaison.post(f"/api/v1/conflicts/{listed[0]['id']}/resolve", json={"keep": "theirs"})
    assert resolved.status_code == 200
    assert _forge(sec, liaison, member["record_id"])["status"] == "conflict"  # room again
    # The secretariat's own pushes are not held back by the liaison's conflicts.
    assert _forge(liaison, sec, member["record_id"])["status"] == "conflict"


def test_the_desktop_reads_every_page_of_the_conflict_list(
    capped: Server, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_desktop = request.getfixturevalue("desktops")
    capped.add_account("sec-pages", "secretariat")
    sec = Api(capped.url).login("sec-pages")
    member = create("member", member_values("分页单位"))
    assert sec.push_one(member)["status"] == "applied"
    capped.add_account("liaison-pages", "liaison", member["record_id"])
    liaison = Api(capped.url).login("liaison-pages")
    made = {_forge(sec, liaison, member["record_id"])["conflicts"][0]["id"] for _ in range(CAP)}
    monkeypatch.setattr(state, "CONFLICT_PAGE", 2)
    asked: list[dict[str, Any]] = []
    real = SyncClient.conflicts

    def counting(self: SyncClient, *args: Any, **kw: Any) -> Any:
        asked.append(kw)
        return real(self, *args, **kw)

    monkeypatch.setattr(SyncClient, "conflicts", counting)
    desktop = make_desktop("pages").login(capped, "liaison-pages")
    result = desktop.sync()
    assert result.open_conflicts == CAP
    assert {c.id for c in desktop.desk_sync.conflicts()} == made
    assert [a.get("limit") for a in asked] == [2, 2] and asked[1]["after"] is not None  # two pages of two
