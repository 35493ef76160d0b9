"""`alliance-server load-demo`: the demo alliance loaded in bulk, pulled whole, refused over data, then replaced."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from alliance_app.demo import generate_demo
from alliance_app.models import RECORD_TYPES, field_specs, to_wire
from alliance_app.server.db import Database
from alliance_app.server.demo_load import load_demo
from alliance_app.server.settings import ServerSettings
from alliance_app.server.tables import ChangeLogEntry, FieldRevs
from tests.server.conftest import (
    Api,
    add_account,
    drop_postgres,
    mutation,
    needs_postgres,
    scratch_postgres,
    server_cli,
    start_server,
)


def test_load_demo_fills_the_server_with_the_generated_alliance_which_one_pull_returns_whole(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "server")]
    loaded = server_cli("load-demo", "--scale", "1", *data)
    assert loaded.returncode == 0, loaded.stderr
    expected = {kind: {row["id"]: row for row in rows} for kind, rows in generate_demo(1).items()}
    total = sum(len(rows) for rows in expected.values())
    assert f"{total} records up to rev {total}" in loaded.stdout

    server = start_server(data, tmp_path / "server.log")
    try:
        add_account(server, "sec", "secretariat")
        secretariat = Api(server.url).login("sec")
        records, cursor = secretariat.pull_all(limit=1000)
        assert cursor == total
        assert Counter(kind for kind, _ in records) == {kind: len(rows) for kind, rows in expected.items() if rows}
        assert {key for key in records} == {(kind, i) for kind, rows in expected.items() for i in rows}
        assert all(state["updated_by"] == "demo" and not state["deleted"] for state in records.values())
        # a pulled state (plain dicts written by orjson) reads exactly as the record endpoint's (through the
        # model): dates, enum codes, amounts, domain lists, times — for every kind
        for kind, rows in expected.items():
            for record_id in list(rows)[:5]:
                assert records[(kind, record_id)] == secretariat.record(kind, record_id)
        # revs follow the generator's order, parents first: every member comes before every contact
        assert max(s["rev"] for (k, _), s in records.items() if k == "member") < min(
            s["rev"] for (k, _), s in records.items() if k == "contact"
        )

        # the history and the field revs are what a pushed create leaves behind
        project = next(iter(expected["project"].values()))
        state = records[("project", project["id"])]
        history = secretariat.get(f"/api/v1/records/project/{project['id']}/history").json()["entries"]
        assert {e["field"]: e["new"] for e in history} == {
            name: to_wire(project[name]) for name in state["values"] if project.get(name) not in (None, [], "")
        }
        assert {(e["rev"], e["op"], e["old"], e["changed_by"]) for e in history} == {
            (state["rev"], "create", None, "demo")
        }
        edited = secretariat.push_one(
            mutation("project", project["id"], "update", {"investment": 1.5}, state["rev"], old=state["values"])
        )
        assert (edited["status"], edited["rev"]) == ("applied", total + 1)

        refused = server_cli("load-demo", *data)
        assert refused.returncode == 1
        assert refused.stderr.strip().count("\n") == 0 and "--force" in refused.stderr
        assert "Traceback" not in refused.stderr

        replaced = server_cli("load-demo", "--force", *data)
        assert replaced.returncode == 0, replaced.stderr
        # a desktop that synced the old data must start again rather than mix the two
        assert secretariat.get("/api/v1/sync/pull", params={"cursor": cursor}).status_code == 410
        again, _ = secretariat.pull_all(limit=1000)
        assert len(again) == total
        assert again[("project", project["id"])]["values"]["investment"] == to_wire(project["investment"])
    finally:
        server.stop()


@needs_postgres
def test_load_demo_on_postgres_copies_the_change_log_as_a_pushed_create_would_write_it() -> None:
    url = scratch_postgres("demo")
    try:
        assert server_cli("migrate", "--database-url", url).returncode == 0
        db = Database.open(ServerSettings(database_url=url))
        try:
            loaded = load_demo(db, scale=1)
            rows = generate_demo(1)
            with db.read() as session:
                for cls in RECORD_TYPES:
                    assert session.scalar(select(func.count()).select_from(cls)) == len(rows[cls.kind])
                member = rows["member"][0]
                log = session.execute(
                    select(
                        ChangeLogEntry.field, ChangeLogEntry.new, ChangeLogEntry.rev, ChangeLogEntry.changed_by
                    ).where(ChangeLogEntry.record_id == member["id"])
                ).all()
                revs = session.get(FieldRevs, ("member", member["id"]))
            expected = {
                s.name: to_wire(member[s.name]) for s in field_specs("member") if member[s.name] not in (None, [], "")
            }
            assert {field: new for field, new, _, _ in log} == expected
            assert {(rev, by) for _, _, rev, by in log} == {(1, "demo")}
            assert revs is not None and (revs.created_rev, revs.revs) == (1, {})
            assert loaded.server_rev == sum(len(r) for r in rows.values())
        finally:
            db.close()
    finally:
        drop_postgres(url)
