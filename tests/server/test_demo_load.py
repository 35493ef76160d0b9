"""`alliance-server load-demo`: the demo alliance loaded in bulk, pulled whole, refused over data, then replaced."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from alliance_app.demo import generate_demo
from alliance_app.models import to_wire
from tests.server.conftest import Api, add_account, mutation, server_cli, start_server


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
