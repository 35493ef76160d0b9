"""A pull whose changes fit in one page reads the keys of every kind in one statement (pull._short_page_keys)
instead of working out the page's span and then reading each kind's keys. It is only a shortcut: for any
cursor, page limit and reader, the page must be the one the general way builds — several kinds changed together,
a tombstone and its cascade, fields hidden from a reader, and a limit met exactly or passed by one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from sqlalchemy import select

from alliance_app.models import RECORD_TYPES
from alliance_app.server import pull
from alliance_app.server.accounts import actor_of
from alliance_app.server.db import Database, committed_rev
from alliance_app.server.settings import ServerSettings
from alliance_app.server.tables import Account
from tests.server.conftest import Alliance, create, member_values, mutation

KIND_ORDER = {cls.kind: n for n, cls in enumerate(RECORD_TYPES)}  # parents before the records that refer to them


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def alliance(request: pytest.FixtureRequest) -> Alliance:
    return request.getfixturevalue(f"{request.param}_alliance")


@pytest.fixture
def database(alliance: Alliance) -> Iterator[Database]:
    """The running server's own database, opened beside it (one snapshot per read, as a pull reads)."""
    flags = dict(zip(alliance.server.db_args[::2], alliance.server.db_args[1::2], strict=True))
    db = Database.open(ServerSettings(data_dir=flags.get("--data-dir", "."), database_url=flags.get("--database-url")))
    try:
        yield db
    finally:
        db.close()


def _shape(page: dict[str, Any]) -> tuple[Any, ...]:
    """A page as the desktop applies it: its records, the order of revs and of kinds within a rev, and the rest.
    Records of the same rev and kind may come in any order (no rule orders them)."""
    changes = page["changes"]
    order = [(c["rev"], KIND_ORDER[c["kind"]]) for c in changes]
    records = sorted(changes, key=lambda c: (c["rev"], KIND_ORDER[c["kind"]], c["id"]))
    rest = {k: v for k, v in page.items() if k != "changes"}
    return order, records, rest


def test_a_page_read_the_short_way_is_the_page_the_general_way_builds(
    alliance: Alliance, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, sec = alliance.liaison_a, alliance.secretariat
    project = create("project", {"lead_member_id": alliance.member_a, "title": "短页", "domain": "smart_city"})
    partner = create("project_partner", {"project_id": project["record_id"], "member_id": alliance.member_b})
    contact = create("contact", {"member_id": alliance.member_a, "name": "短页", "phone": "13912345678"})
    gone = create("contact", {"member_id": alliance.member_a, "name": "删掉"})
    outcomes = a.push(project, partner, contact, gone)
    assert [o["status"] for o in outcomes] == ["applied"] * 4, outcomes
    assert a.push_one(mutation("contact", gone["record_id"], "delete", {}, outcomes[3]["rev"]))["status"] == "applied"
    assert sec.push_one(create("member", member_values("短页单位")))["status"] == "applied"
    words = {"year": 2099, "section": "plan", "text_zh": "短页的计划"}  # the last kind too (a year no test writes)
    assert sec.push_one(create("narrative", words))["status"] == "applied"
    deleted = sec.push_one(mutation("project", project["record_id"], "delete", {}, outcomes[0]["rev"]))
    assert deleted["status"] == "applied"  # the partner goes with it: two kinds at once

    real = pull._short_page_keys
    taken: list[bool] = []

    def watched(*args: Any) -> Any:
        found = real(*args)
        taken.append(found is not None)
        return found

    def general_way(*_args: Any) -> None:
        return None

    with database.read(snapshot=True) as session:
        upper, _ = committed_rev(session)
        actors = [actor_of(account) for account in session.scalars(select(Account).order_by(Account.id))]
        assert {actor.role for actor in actors} >= {"secretariat", "liaison"}
        for actor in actors:
            for cursor in sorted({0, *range(max(0, upper - 10), upper + 1)}):
                for limit in (1, 2, 3, 1000):
                    monkeypatch.setattr(pull, "_short_page_keys", watched)
                    short = orjson.loads(pull.pull_json(session, actor, cursor, limit, sums=True)[0])
                    monkeypatch.setattr(pull, "_short_page_keys", general_way)
                    general = orjson.loads(pull.pull_json(session, actor, cursor, limit, sums=True)[0])
                    assert _shape(short) == _shape(general), (actor.username, cursor, limit)
    assert any(taken) and not all(taken)  # both ways were met: pages that fit, and pages with more to come
