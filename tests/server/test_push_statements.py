"""A push's SQL statements do not grow with its mutations (issue 16, capacity): the records a push writes are read
and locked in one statement per kind and the push is flushed once, so a desktop sending a long outbox costs the
database a few statements more than one sending a single edit. Counted by a real server (SQLite and PostgreSQL)
in its metrics, `alliance_db_statements_total`; and a mutation refused after it wrote something still leaves
nothing of it behind, while the rest of its push stands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.server.conftest import (
    ROOMY,
    Alliance,
    build_alliance,
    create,
    drop_postgres,
    member_values,
    mutation,
    needs_postgres,
    scratch_postgres,
    server_cli,
    start_server,
)

TOKEN = "metrics-token-of-the-statement-test"
CAP = 2
# Statements a push may add for its 2nd to last mutation of one kind (the rest is the same for any size).
ROOM = 3


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=needs_postgres)])
def counted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Alliance]:
    data = tmp_path_factory.mktemp(f"statements-{request.param}")
    url = None
    if request.param == "postgres":
        url = scratch_postgres("stmts")
        assert server_cli("migrate", "--database-url", url).returncode == 0
    # A data folder of its own with PostgreSQL too: the metrics' multiprocess files live there.
    db_args = ["--data-dir", str(data), *(["--database-url", url] if url else [])]
    env = {**ROOMY, "ALLIANCE_SERVER_METRICS_TOKEN": TOKEN, "ALLIANCE_SERVER_MAX_OPEN_CONFLICTS": str(CAP)}
    server = start_server(db_args, data / "server.log", env=env)
    try:
        yield build_alliance(server, request.param[0])
    finally:
        server.stop()
        if url:
            drop_postgres(url)


def _statements(alliance: Alliance) -> float:
    page = httpx.get(f"{alliance.server.url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
    found = re.search(r'^alliance_db_statements_total\{route="/api/v1/sync/push"\} (\S+)$', page, re.M)
    return float(found.group(1)) if found else 0.0


def _counted_push(alliance: Alliance, mutations: list[dict[str, Any]]) -> tuple[float, list[dict[str, Any]]]:
    before = _statements(alliance)
    outcomes = alliance.liaison_a.push(*mutations)
    return _statements(alliance) - before, outcomes


def _contacts(alliance: Alliance, n: int) -> list[dict[str, Any]]:
    return [create("contact", {"member_id": alliance.member_a, "name": f"联系人{i}"}) for i in range(n)]


def test_a_push_of_many_creates_sends_as_many_statements_as_a_push_of_one(counted: Alliance) -> None:
    _counted_push(counted, _contacts(counted, 1))  # the account's first sync also notes its activity
    one, outcomes = _counted_push(counted, _contacts(counted, 1))
    assert [o["status"] for o in outcomes] == ["applied"]
    many, outcomes = _counted_push(counted, _contacts(counted, 40))
    assert [o["status"] for o in outcomes] == ["applied"] * 40
    assert one > 0 and many - one <= ROOM, (one, many)


def test_a_push_of_many_edits_sends_as_many_statements_as_a_push_of_one(counted: Alliance) -> None:
    made = _contacts(counted, 41)
    outcomes = counted.liaison_a.push(*made)
    revs = {o["mutation_id"]: o["rev"] for o in outcomes}
    edits = [mutation("contact", m["record_id"], "update", {"title": "经理"}, revs[m["mutation_id"]]) for m in made]
    one, outcomes = _counted_push(counted, edits[:1])
    many, outcomes = _counted_push(counted, edits[1:])
    assert [o["status"] for o in outcomes] == ["applied"] * 40
    assert many - one <= ROOM, (one, many)
    pulled, _ = counted.liaison_b.pull_all()
    assert all(pulled[("contact", m["record_id"])]["values"]["title"] == "经理" for m in made)


def test_a_refusal_after_a_write_leaves_nothing_of_its_mutation_and_the_rest_of_the_push_stands(
    counted: Alliance,
) -> None:
    """The liaison is at the cap of open conflicts; a stale edit that clashes on one field and changes another
    is refused (the field it could have taken is not written either), between two creates that stand."""
    sec, liaison = counted.secretariat, counted.liaison_a
    for i in range(CAP):
        made = liaison.push_one(
            create("project", {"lead_member_id": counted.member_a, "title": f"原名{i}", "domain": "smart_city"})
        )
        pid, base = made["record"]["id"], made["rev"]
        assert sec.push_one(mutation("project", pid, "update", {"title": f"秘书处改{i}"}, base))["status"] == "applied"
        stale = mutation("project", pid, "update", {"title": "联络人改"}, base, old={"title": f"原名{i}"})
        assert liaison.push_one(stale)["status"] == "conflict"
    made = liaison.push_one(
        create("project", {"lead_member_id": counted.member_a, "title": "原名", "domain": "smart_city"})
    )
    pid, base = made["record"]["id"], made["rev"]
    assert sec.push_one(mutation("project", pid, "update", {"title": "秘书处改"}, base))["status"] == "applied"
    before = liaison.record("project", pid)
    first, last = _contacts(counted, 2)
    edit = {"title": "联络人改", "description": "联络人补充"}
    stale = mutation("project", pid, "update", edit, base, old={"title": "原名", "description": None})
    outcomes = liaison.push(first, stale, last)
    assert [o["status"] for o in outcomes] == ["applied", "rejected", "applied"], outcomes
    assert outcomes[1]["code"] == "too_many_conflicts"
    after = liaison.record("project", pid)
    assert after["values"] == before["values"] and after["rev"] == before["rev"]
    assert liaison.record("contact", first["record_id"])["values"]["name"] == "联系人0"
    assert liaison.record("contact", last["record_id"])["values"]["name"] == "联系人1"
    history = liaison.get(f"/api/v1/records/project/{pid}/history").json()
    assert not any(e["mutation_id"] == stale["mutation_id"] for e in history["entries"]), history


def test_rows_written_before_the_end_of_a_push_get_their_real_revisions_too(counted: Alliance) -> None:
    """A second member's uniqueness check reads the table, which writes the first member early (with the push's
    provisional revision); moving the revisions at the end must reach that row as well as the unwritten ones."""
    first, second = create("member", member_values("早写单位")), create("member", member_values("晚写单位"))
    contact = create("contact", {"member_id": first["record_id"], "name": "先后"})
    outcomes = counted.secretariat.push(first, second, contact)
    assert [o["status"] for o in outcomes] == ["applied"] * 3
    revs = [o["rev"] for o in outcomes]
    assert revs == sorted(revs) and len(set(revs)) == 3
    pulled, cursor = counted.secretariat.pull_all()
    for made, rev in zip((first, second, contact), revs, strict=True):
        assert pulled[(made["kind"], made["record_id"])]["rev"] == rev
    assert cursor == revs[-1]
