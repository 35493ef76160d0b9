"""The desktop and the real server decide every write alike: the same inputs through the desktop's services
and through a push to a real server process give the same outcome, the same code and the same sentences."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alliance_app.models import ValidationError, link_id, new_id, to_wire
from alliance_app.services import PermissionRefused
from alliance_app.services.desk import Desk
from tests.server.conftest import Api, mutation
from tests.sync.conftest import (  # noqa: F401 - fixtures shared with the sync engine's tests
    Desktop,
    Server,
    member_values,
    memory_keyring,
)
from tests.sync.conftest import desktops as desktops
from tests.sync.conftest import server as server

Verdict = tuple[str, str | None, str | None, str | None]  # outcome, code, zh, en
EXPECTED = {  # case → the refusal's code both sides give (None: both write it)
    "edit another member's project": "not_owner",
    "hand own project to another member": "hand_over_needs_secretariat",
    "hand own project to an unknown member": "hand_over_needs_secretariat",
    "end before start": "date_range",
    "secretariat's field of own member": "secretariat_field",
    "change what a link links": "link_fixed",
    "edit own project": None,
    "delete another member's project": "not_owner",
    "delete own member": "secretariat_only",
    "add a contact to another member": "not_owner",
    "create a project ending before it starts": "date_range",
    "revive another member's deleted contact": "not_owner",
    "take over another member's deleted contact": "not_owner",
}


def _desk_verdict(write: Callable[[Desk], Any], desk: Desk) -> Verdict:
    try:
        write(desk)
    except PermissionRefused as refusal:
        return ("refused", refusal.problem.code, refusal.problem.zh, refusal.problem.en)
    except ValidationError as error:
        code = error.problems[0].code if len(error.problems) == 1 else "invalid"
        return ("refused", code, "；".join(p.zh for p in error.problems), "; ".join(p.en for p in error.problems))
    return ("done", None, None, None)


def _server_verdict(api: Api, m: dict[str, Any]) -> Verdict:
    outcome = api.push_one(m)
    if outcome["status"] == "rejected":
        return ("refused", outcome["code"], outcome["zh"], outcome["en"])
    return ("done", None, None, None)


class Alliance:
    """Two members, a secretariat desktop and a liaison of A's desktop, synced with one real server."""

    def __init__(self, running: Server, make_desktop: Any):
        running.add_account("sec-parity", "secretariat")
        self.sec: Desktop = make_desktop("sec").login(running, "sec-parity")
        self.a_id = self.sec.create("member", **member_values("甲单位"))
        self.b_id = self.sec.create("member", **member_values("乙单位"))
        self.project_a = self.sec.create("project", lead_member_id=self.a_id, title="甲的项目", domain="smart_city",
                                         start_date="2025-03-01", end_date="2025-12-31")  # fmt: skip
        self.project_b = self.sec.create("project", lead_member_id=self.b_id, title="乙的项目", domain="smart_city")
        self.partner = self.sec.create("project_partner", project_id=self.project_a, member_id=self.b_id)
        self.contact_b = self.sec.create("contact", member_id=self.b_id, name="乙联系人", phone="13800001111")
        self.gone_b = self.sec.create("contact", member_id=self.b_id, name="乙已删", email="gone@example.cn")
        self.sec.desk.delete("contact", self.gone_b)
        self.sec.sync()
        running.add_account("liaison-parity-a", "liaison", self.a_id)
        self.a: Desktop = make_desktop("a").login(running, "liaison-parity-a")
        self.a.sync()
        self.api = Api(running.url).login("liaison-parity-a")
        self.sec_api = Api(running.url).login("sec-parity")

    def rev(self, desktop: Desktop, kind: str, record_id: str) -> int:
        return desktop.live()[(kind, record_id)]["rev"]


def _update(kind: str, record_id: str, **values: Any) -> tuple[Callable[[Desk], Any], Callable[[Alliance], dict]]:
    def on_desk(desk: Desk) -> Any:
        return desk.update(kind, record_id, values)

    def as_mutation(alliance: Alliance) -> dict:
        stored = alliance.a.live()[(kind, record_id)]
        old = {name: stored[name] for name in values}
        wire = {name: to_wire(value) for name, value in values.items()}
        return mutation(kind, record_id, "update", wire, stored["rev"], old=old)

    return on_desk, as_mutation


def _cases(alliance: Alliance) -> dict[str, tuple[Callable[[Desk], Any], Callable[[Alliance], dict]]]:
    al = alliance
    stranger = new_id()
    backwards = {"lead_member_id": al.a_id, "title": "倒着", "domain": "smart_city", "start_date": "2025-05-01",
                 "end_date": "2025-04-01"}  # fmt: skip
    tomb = {"member_id": al.b_id, "name": "乙已删", "email": "gone@example.cn"}  # as the desktop's undo sends it
    return {
        "edit another member's project": _update("project", al.project_b, title="改别人的"),
        "hand own project to another member": _update("project", al.project_a, lead_member_id=al.b_id),
        "hand own project to an unknown member": _update("project", al.project_a, lead_member_id=stranger),
        "end before start": _update("project", al.project_a, end_date="2025-01-01"),
        "secretariat's field of own member": _update("member", al.a_id, status="suspended"),
        "change what a link links": _update("project_partner", al.partner, member_id=al.a_id),
        "edit own project": _update("project", al.project_a, title="甲的项目（新）"),
        "delete another member's project": (
            lambda desk: desk.delete("project", al.project_b),
            lambda al: mutation("project", al.project_b, "delete", {}, al.rev(al.a, "project", al.project_b)),
        ),
        "delete own member": (
            lambda desk: desk.delete("member", al.a_id),
            lambda al: mutation("member", al.a_id, "delete", {}, al.rev(al.a, "member", al.a_id)),
        ),
        "add a contact to another member": (
            lambda desk: desk.create("contact", {"member_id": al.b_id, "name": "塞进去"}),
            lambda al: mutation("contact", new_id(), "create", {"member_id": al.b_id, "name": "塞进去"}),
        ),
        "create a project ending before it starts": (
            lambda desk: desk.create("project", backwards),
            lambda al: mutation("project", new_id(), "create", backwards),
        ),
        "revive another member's deleted contact": (
            lambda desk: desk.restore("contact", al.gone_b),
            lambda al: mutation("contact", al.gone_b, "create", tomb),
        ),
        "take over another member's deleted contact": (
            lambda desk: desk.restore("contact", al.gone_b),
            lambda al: mutation("contact", al.gone_b, "create", {**tomb, "member_id": al.a_id}),
        ),
    }


@pytest.fixture
def alliance(request: pytest.FixtureRequest) -> Alliance:
    return Alliance(request.getfixturevalue("server"), request.getfixturevalue("desktops"))


def test_the_desktop_and_the_server_refuse_and_allow_the_same_writes_in_the_same_words(alliance: Alliance) -> None:
    verdicts: dict[str, str | None] = {}
    for name, (on_desk, as_mutation) in _cases(alliance).items():
        m = as_mutation(alliance)  # built from the replica before the desk writes anything
        desk_says = _desk_verdict(on_desk, alliance.a.desk)
        if desk_says[0] == "done":
            # The desktop's own outbox carries the write; the server must take it.
            result = alliance.a.sync()
            assert result.outcomes.get("rejected", 0) == 0 and result.pending == 0, (name, result)
            verdicts[name] = None
            continue
        server_says = _server_verdict(alliance.api, m)
        assert server_says == desk_says, name
        verdicts[name] = desk_says[1]
    assert verdicts == EXPECTED


def test_undo_of_a_project_delete_brings_the_partners_back_on_both_sides(alliance: Alliance) -> None:
    key = ("project_partner", alliance.partner)
    alliance.sec.desk.delete("project", alliance.project_a)
    alliance.sec.sync()
    # On the server, an edit of the deleted project (another desktop that had not seen the delete) revives it...
    edit = mutation("project", alliance.project_a, "update", {"title": "编辑复活"}, None, old={"title": "甲的项目"})
    assert alliance.sec_api.push_one(edit)["status"] == "conflict"
    on_server = alliance.sec_api.record(*key)
    assert (on_server["deleted"], on_server["owner_member_id"]) == (False, alliance.a_id)
    # ...and on the desktop the undo does the same: the same cascade rule (models/integrity.CASCADES).
    alliance.sec.sync()
    alliance.sec.desk.delete("project", alliance.project_a)
    alliance.sec.desk.restore("project", alliance.project_a)
    assert key in alliance.sec.live()
    alliance.sec.sync()
    assert alliance.sec_api.record(*key)["deleted"] is False
    assert link_id("project_partner", {"project_id": alliance.project_a, "member_id": alliance.b_id}) == key[1]
