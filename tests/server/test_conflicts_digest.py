"""The pull's conflicts digest (docs/protocol.md, Pull): a desktop asks GET /conflicts only when its open conflicts
differ from the server's. The digest must name exactly what the account's own list holds — never another
member's conflict — and must not appear unless asked, so older desktops get the pages they know."""

from __future__ import annotations

from typing import Any

import pytest

from alliance_app.sync.protocol import conflicts_digest
from tests.server.conftest import Alliance, Api, create, mutation

OLD_PAGE = {"changes", "prerequisites", "cursor", "has_more", "server_rev"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def alliance(request: pytest.FixtureRequest) -> Alliance:
    return request.getfixturevalue(f"{request.param}_alliance")


def _digest(api: Api) -> str:
    digest: str = api.pages(conflicts_digest="true")[-1]["conflicts_digest"]
    return digest


def _listed(api: Api) -> str:
    r = api.get("/api/v1/conflicts")
    assert r.status_code == 200, r.text
    return conflicts_digest(c["id"] for c in r.json())


def _conflict_on_member_a(alliance: Alliance) -> dict[str, Any]:
    made = create("project", {"lead_member_id": alliance.member_a, "title": "摘要测试", "domain": "smart_city"})
    created = alliance.liaison_a.push_one(made)
    pid, base, old = created["record"]["id"], created["rev"], {"title": "摘要测试"}
    first = alliance.secretariat.push_one(mutation("project", pid, "update", {"title": "秘书处改"}, base, old=old))
    assert first["status"] == "applied"
    outcome = alliance.liaison_a.push_one(mutation("project", pid, "update", {"title": "联络人改"}, base, old=old))
    assert outcome["status"] == "conflict", outcome
    conflict: dict[str, Any] = outcome["conflicts"][0]
    return conflict


def test_the_last_page_names_the_digest_of_what_the_accounts_own_list_holds(alliance: Alliance) -> None:
    outsider_before = _digest(alliance.liaison_b)
    conflict = _conflict_on_member_a(alliance)
    for api in (alliance.liaison_a, alliance.secretariat, alliance.liaison_b):
        assert _digest(api) == _listed(api)
    # liaison B may not see member A's conflict: its digest is that of its own list, unchanged by it
    assert _digest(alliance.liaison_b) == outsider_before
    assert conflict["id"] in [c["id"] for c in alliance.liaison_a.get("/api/v1/conflicts").json()]

    r = alliance.liaison_a.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "theirs"})
    assert r.status_code == 200, r.text
    for api in (alliance.liaison_a, alliance.secretariat):
        digest = _digest(api)
        assert digest == _listed(api)
        assert conflict["id"] not in [c["id"] for c in api.get("/api/v1/conflicts").json()]


def test_the_digest_changes_when_a_conflict_opens_or_closes(alliance: Alliance) -> None:
    before = _digest(alliance.liaison_a)
    conflict = _conflict_on_member_a(alliance)
    opened = _digest(alliance.liaison_a)
    assert opened != before
    alliance.secretariat.post(f"/api/v1/conflicts/{conflict['id']}/resolve", json={"keep": "mine"})
    assert _digest(alliance.liaison_a) == before


def test_only_when_asked_and_only_on_the_last_page(alliance: Alliance) -> None:
    for page in alliance.secretariat.pages(limit=1)[-3:]:
        assert page.keys() == OLD_PAGE  # what every older desktop reads: nothing new unless asked
    asked = alliance.secretariat.pages(limit=1, conflicts_digest="true")
    assert len(asked) > 1
    assert all(page.keys() == OLD_PAGE for page in asked[:-1])
    assert asked[-1].keys() == OLD_PAGE | {"conflicts_digest"}


def test_the_digest_needs_the_login_like_the_page(alliance: Alliance) -> None:
    r = alliance.anonymous.get("/api/v1/sync/pull", params={"cursor": 0, "conflicts_digest": "true"})
    assert r.status_code == 401
    assert "conflicts_digest" not in r.text
