"""A pull sends each record state as this worker encoded it before (server/pull_cache.py). The attacker's and the
restore's cases: an account never gets bytes made for a reader allowed more, and a restored history never gets
bytes of the old one, whoever pulled first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from alliance_app.models import RECORDS_BY_KIND, utc_now
from tests.server.conftest import Alliance, Api, add_account, create, member_values, start_server


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def alliance(request: pytest.FixtureRequest) -> Alliance:
    return request.getfixturevalue(f"{request.param}_alliance")


def _pulled(api: Api, kind: str, record_id: str) -> dict[str, Any]:
    records, _ = api.pull_all()
    return records[(kind, record_id)]


@pytest.mark.parametrize("first", ["liaison_b", "liaison_a", "secretariat"])
def test_whoever_pulls_first_each_account_gets_only_the_fields_it_may_read(alliance: Alliance, first: str) -> None:
    contact = create(
        "contact", {"member_id": alliance.member_a, "name": "缓存", "phone": "13912345678", "email": "c@example.cn"}
    )
    assert alliance.liaison_a.push_one(contact)["status"] == "applied"
    order = [first, *(name for name in ("liaison_b", "liaison_a", "secretariat", "liaison_b") if name != first)]
    for name in order * 2:  # every account after every other, twice: the second round is all cache hits
        seen = _pulled(getattr(alliance, name), "contact", contact["record_id"])
        if name == "liaison_b":
            assert seen["hidden"] == ["email", "phone"]
            assert "phone" not in seen["values"] and "email" not in seen["values"]
            assert "13912345678" not in str(seen)
        else:
            assert seen["hidden"] == []
            assert seen["values"]["phone"] == "13912345678"


def _database(server: Any) -> Any:
    from alliance_app.server.db import Database
    from alliance_app.server.settings import ServerSettings

    flags = dict(zip(server.db_args[::2], server.db_args[1::2], strict=True))
    return Database.open(ServerSettings(data_dir=flags["--data-dir"]))


def _rewrite(server: Any, record_id: str, *, new_epoch: bool, **values: Any) -> None:
    """What a restore does to a running server's database: the same rev holds other content."""
    from alliance_app.server.epoch import start_new_epoch

    db = _database(server)
    try:
        table = RECORDS_BY_KIND["member"].__table__  # type: ignore[attr-defined]
        with db.engine.begin() as connection:
            connection.execute(update(table).where(table.c.id == record_id).values(**values))
        if new_epoch:
            start_new_epoch(db.engine)  # `alliance-server after-restore`
    finally:
        db.close()


def test_a_restored_history_never_gets_the_old_historys_bytes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    server = start_server(["--data-dir", str(data)], tmp_path / "server.log")
    try:
        add_account(server, "sec", "secretariat")
        api = Api(server.url).login("sec")
        made = create("member", member_values("恢复前名称"))
        rev = api.push_one(made)["rev"]
        record_id = made["record_id"]
        assert _pulled(api, "member", record_id)["values"]["name_zh"] == "恢复前名称"

        # Restored and declared (after-restore): same rev, same updated_at, other content, a new epoch.
        _rewrite(server, record_id, new_epoch=True, name_zh="恢复后名称")
        seen = _pulled(api, "member", record_id)
        assert (seen["rev"], seen["values"]["name_zh"]) == (rev, "恢复后名称")

        # Even restored behind the server's back (no new epoch): another updated_at is other content.
        _rewrite(server, record_id, new_epoch=False, name_zh="再次恢复", updated_at=utc_now())
        seen = _pulled(api, "member", record_id)
        assert (seen["rev"], seen["values"]["name_zh"]) == (rev, "再次恢复")
    finally:
        server.stop()
