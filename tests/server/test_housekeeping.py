"""Housekeeping: tombstone purge with the 410 re-pull answer, expired tokens and old failed logins swept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text, update

from alliance_app.models import RECORDS_BY_KIND, utc_now
from alliance_app.server.auth import token_hash
from alliance_app.server.settings import DB_FILE
from alliance_app.server.tables import AuthToken, LoginFailure
from tests.server.conftest import ROOMY, Alliance, Api, build_alliance, create, mutation, server_cli, start_server


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Alliance, Path]]:
    """An alliance of its own: purging must not take tombstones the other tests' server still shows."""
    data = tmp_path_factory.mktemp("housekeeping")
    server = start_server(["--data-dir", str(data)], data / "server.log", env=ROOMY)
    try:
        yield build_alliance(server, "h"), data
    finally:
        server.stop()


def _cursor(api: Api) -> int:
    return int(api.get("/api/v1/sync/pull", params={"cursor": 0, "limit": 1}).json()["server_rev"])


def test_purged_tombstones_leave_pulls_and_older_cursors_are_told_to_re_pull(kept: tuple[Alliance, Path]) -> None:
    alliance, data = kept
    sec = alliance.secretariat
    project = create("project", {"lead_member_id": alliance.member_a, "title": "将删除", "domain": "smart_city"})
    partner = create("project_partner", {"project_id": project["record_id"], "member_id": alliance.member_b})
    created = sec.push(project, partner)
    before_delete = _cursor(sec)
    assert (
        sec.push_one(mutation("project", project["record_id"], "delete", base_rev=created[0]["rev"]))["status"]
        == "applied"
    )
    after_delete = _cursor(sec)

    # within the retention nothing goes, and every cursor still pulls
    within = server_cli("purge-tombstones", "--data-dir", str(data))
    assert within.returncode == 0, within.stderr
    assert "purged 0 tombstones" in within.stdout
    assert sec.get("/api/v1/sync/pull", params={"cursor": before_delete}).status_code == 200

    purged = server_cli("purge-tombstones", "--older-than-days", "0", "--data-dir", str(data))
    assert purged.returncode == 0, purged.stderr
    assert "purged 2 tombstones" in purged.stdout  # the project and its cascaded partner
    too_old = sec.get("/api/v1/sync/pull", params={"cursor": before_delete})
    assert (too_old.status_code, too_old.json()["code"]) == (410, "cursor_too_old")
    assert "download all records again" in too_old.json()["en"]
    assert sec.get("/api/v1/sync/pull", params={"cursor": after_delete}).status_code == 200
    records, _ = sec.pull_all()
    assert ("project", project["record_id"]) not in records
    assert ("project_partner", partner["record_id"]) not in records
    assert ("member", alliance.member_a) in records

    negative = server_cli("purge-tombstones", "--older-than-days", "-1", "--data-dir", str(data))
    assert negative.returncode == 1 and "cannot be negative" in negative.stderr


def test_housekeeping_deletes_expired_tokens_and_failed_logins_outside_the_window(kept: tuple[Alliance, Path]) -> None:
    alliance, data = kept
    stale, fresh = alliance.api().login("liaison-a-h"), alliance.api().login("liaison-b-h")
    for _ in range(2):
        wrong = alliance.api().post("/api/v1/auth/login", json={"username": "nobody", "password": "wrong password"})
        assert wrong.status_code == 401
    engine = create_engine(f"sqlite:///{data / DB_FILE}")
    long_ago = utc_now() - timedelta(days=60)
    with engine.begin() as connection:  # as if the first login's tokens and the failures were two months old
        stale_hashes = [token_hash(stale.token or ""), token_hash(stale.refresh_token or "")]
        connection.execute(update(AuthToken).where(AuthToken.token_hash.in_(stale_hashes)).values(expires_at=long_ago))
        connection.execute(update(LoginFailure).where(LoginFailure.username == "nobody").values(at=long_ago))
    wrong = alliance.api().post("/api/v1/auth/login", json={"username": "nobody", "password": "wrong again"})
    assert wrong.status_code == 401

    swept = server_cli("housekeeping", "--data-dir", str(data))
    assert swept.returncode == 0, swept.stderr
    assert "deleted 2 expired tokens and 2 old failed logins" in swept.stdout
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).where(LoginFailure.username == "nobody")) == 1
        assert connection.scalar(select(func.count()).where(AuthToken.expires_at <= utc_now())) == 0
    engine.dispose()
    assert stale.get("/api/v1/auth/me").status_code == 401
    assert fresh.get("/api/v1/auth/me").json()["username"] == "liaison-b-h"
    assert "counted again" not in swept.stderr  # every write went through the server: the sums held


def test_housekeeping_recounts_sums_that_records_changed_behind_the_server_left_wrong(
    kept: tuple[Alliance, Path],
) -> None:
    from alliance_app.server import kind_sums
    from alliance_app.server.db import Database
    from alliance_app.server.settings import ServerSettings
    from alliance_app.sync.protocol_sums import record_sum, sum_text

    alliance, data = kept
    sec = alliance.secretariat
    made = sec.push_one(create("contact", {"member_id": alliance.member_a, "name": "手改"}))
    _, cursor = sec.pull_all()
    engine = create_engine(f"sqlite:///{data / DB_FILE}")
    with engine.begin() as connection:  # an edit in the database itself, past the server's write path
        connection.execute(text("UPDATE contacts SET rev = rev - 1 WHERE id = :id"), {"id": made["record"]["id"]})
    engine.dispose()
    stale = sec.get("/api/v1/sync/checksums", params={"kind": "contact", "at": cursor}).json()
    records, _ = sec.pull_all()
    live = [(r["id"], r["rev"]) for (k, _), r in records.items() if k == "contact" and not r["deleted"]]
    assert stale["kinds"]["contact"]["sum"] != sum_text(record_sum(live))  # what the check would compare with

    swept = server_cli("housekeeping", "--data-dir", str(data))
    assert swept.returncode == 0, swept.stderr
    assert "running counts and checksums of contact did not match the records" in swept.stderr
    assert "contact 的记录数与校验和与记录本身不符" in swept.stderr
    with Database.open(ServerSettings(data_dir=data)) as db, db.read() as session:
        assert kind_sums.latest(session, RECORDS_BY_KIND) == kind_sums.recount(session, RECORDS_BY_KIND)
    # the rows that counted the hand-edited records are gone; the recount, at the counter, is what is answered now
    now = sec.get("/api/v1/sync/checksums", params={"kind": "contact", "at": cursor}).json()
    assert now["kinds"]["contact"] == {"count": len(live), "sum": sum_text(record_sum(live))}
    if cursor > 1:
        earlier = sec.get("/api/v1/sync/checksums", params={"kind": "contact", "at": cursor - 1}).json()
        assert "at" not in earlier  # before the recount: the full answer
    again = server_cli("housekeeping", "--data-dir", str(data))
    assert "counted again" not in again.stderr
