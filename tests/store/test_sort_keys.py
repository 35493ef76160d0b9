"""Names sort by pinyin in every list (三峡, 东湖, 光谷, 十堰 → 东湖, 光谷, 三峡, 十堰), whatever path wrote them.

The store keeps a pinyin sort key beside each kind's name (store/sort_keys.py); these tests write names through
every path a name reaches the store by (the Desk as the form and CLI use it, the CLI process, an import, a sync
pull's inserts and updates, the demo, the migration of an older store) and read the lists back in pinyin order.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import create_engine, event

from alliance_app.demo import load_demo
from alliance_app.models.base import new_id
from alliance_app.models.collation import pinyin_key
from alliance_app.services import Desk, RecordQuery, queries
from alliance_app.services.transfer import apply_plan, plan_file
from alliance_app.store import migrate, sort_keys
from alliance_app.store.engine import _set_pragmas, open_store
from alliance_app.sync.replica import apply_states
from tests.conftest import SECRETARIAT, add_member, credit_code
from tests.test_cli import run
from tests.transfer.sheets import write_csv

NAMES = ["三峡", "东湖", "光谷", "十堰", "长江", "AI 湖北", "爱", "安琪"]
# 爱 ài and "AI" share letters: the Latin sorts first (tone 0); 长江 is cháng jiāng, 十堰 shí, 三峡 sān.
PINYIN_ORDER = ["AI 湖北", "爱", "安琪", "长江", "东湖", "光谷", "三峡", "十堰"]


def _titles(desk: Desk, kind: str = "project", field: str = "title", **query: Any) -> list[str]:
    return [row[field] for row in desk.rows(kind, desk.ids(kind, RecordQuery(**query)))]


def _project(desk: Desk, lead: str, title: str) -> str:
    changes = desk.create("project", {"lead_member_id": lead, "title": title, "domain": "smart_city"})
    assert changes.record_id is not None
    return changes.record_id


def test_projects_made_and_renamed_on_the_desk_sort_by_pinyin(desk: Desk) -> None:
    lead = add_member(desk, "武汉大学")
    ids = {title: _project(desk, lead, title) for title in reversed(NAMES)}
    assert sorted(NAMES) != PINYIN_ORDER  # code-point order differs: the test can fail
    assert _titles(desk) == PINYIN_ORDER  # the default order of projects is their title
    assert _titles(desk, sort="title", descending=True) == PINYIN_ORDER[::-1]
    desk.update("project", ids["十堰"], {"title": "阿里云"})  # ā lǐ: a rename moves it to the top
    assert _titles(desk)[0] == "阿里云"


def test_every_kind_with_a_name_lists_it_by_pinyin(desk: Desk) -> None:
    members = {name: add_member(desk, name + "公司") for name in reversed(NAMES)}
    assert _titles(desk, "member", "name_zh") == [name + "公司" for name in PINYIN_ORDER]
    lead = members["东湖"]
    for name in reversed(NAMES):
        desk.create("resource_offer", {"member_id": lead, "title": name, "resource_kind": "compute"})
        desk.create("lab_partnership", {"lead_member_id": lead, "name": name + "实验室"})
        desk.create("contact", {"member_id": lead, "name": name})
    assert _titles(desk, "resource_offer") == PINYIN_ORDER
    assert _titles(desk, "lab_partnership", "name") == [name + "实验室" for name in PINYIN_ORDER]
    assert _titles(desk, "contact", "name") == PINYIN_ORDER


def test_the_cli_writes_names_that_sort_by_pinyin(tmp_path: Path) -> None:
    for name in NAMES:
        added = run(tmp_path, "add", "member", f"name_zh={name}", "member_kind=enterprise")
        assert added.returncode == 0, added.stderr
    listed = run(tmp_path, "list", "member", "--sort", "name_zh")
    assert listed.returncode == 0, listed.stderr
    lines = [line for line in listed.stdout.splitlines() if any(name in line for name in NAMES)]
    assert [next(name for name in NAMES if name in line) for line in lines] == PINYIN_ORDER


def test_an_import_writes_names_that_sort_by_pinyin(desk: Desk, tmp_path: Path) -> None:
    header = ["中文名称", "统一社会信用代码"]
    rows = [[name + "科技", credit_code(100 + n)] for n, name in enumerate(NAMES)]
    apply_plan(desk, plan_file(desk, "member", write_csv(tmp_path / "m.csv", [header, *rows]))[1])
    assert _titles(desk, "member", "name_zh") == [name + "科技" for name in PINYIN_ORDER]


def _state(kind: str, record_id: str, rev: int, values: dict[str, Any], owner: str | None) -> dict[str, Any]:
    return {
        "kind": kind,
        "id": record_id,
        "rev": rev,
        "deleted": False,
        "updated_at": "2026-11-29T08:00:00Z",
        "updated_by": "server",
        "owner_member_id": owner,
        "values": values,
        "hidden": [],
    }


def test_a_sync_pulls_inserts_and_renames_keep_the_pinyin_order(desk: Desk) -> None:
    member = new_id()
    member_values = {"name_zh": "东湖", "member_kind": "enterprise", "alliance_role": "member", "status": "active"}
    project = {"domain": "smart_city", "project_kind": "research", "status": "ongoing", "lead_member_id": member}
    ids = {name: new_id() for name in NAMES}
    states = [_state("member", member, 1, {**member_values, "domains": [], "ai_high_tech": False}, member)]
    states += [_state("project", ids[name], 2 + n, {**project, "title": name}, member) for n, name in enumerate(NAMES)]
    with desk.store.write() as session:
        apply_states(session, states, {})  # new records: the raw executemany a first sync uses
    assert _titles(desk) == PINYIN_ORDER
    renamed = _state("project", ids["安琪"], 20, {**project, "title": "武当"}, member)  # wǔ: after 十堰 shí
    with desk.store.write() as session:
        apply_states(session, [renamed], {})  # a known record: the update path
    assert _titles(desk)[-1] == "武当"


def test_the_demo_lists_its_projects_by_pinyin(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        load_demo(store)
        titles = _titles(Desk(store, SECRETARIAT))
        assert titles == sorted(titles, key=pinyin_key) and titles != sorted(titles)
    finally:
        store.close()


def test_the_migration_gives_the_records_of_an_older_store_their_key_and_can_be_undone(tmp_path: Path) -> None:
    path = tmp_path / "alliance.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0003_sync")
    with sqlite3.connect(path) as raw:  # an older version's store: no sort key, no function needed to write it
        raw.execute(
            "INSERT INTO members (id, name_zh, member_kind, alliance_role, status, domains, ai_high_tech, deleted,"
            " updated_at, updated_by) VALUES ('m', '武汉大学', 'university', 'member', 'active', '[]', 0, 0,"
            " '2026-01-01 00:00:00.000000', '')"
        )
        for n, name in enumerate(NAMES):
            raw.execute(
                "INSERT INTO projects (id, lead_member_id, title, domain, project_kind, status, deleted, updated_at,"
                " updated_by, owner_member_id) VALUES (?, 'm', ?, 'smart_city', 'research', 'ongoing', 0,"
                " '2026-01-01 00:00:00.000000', '', 'm')",
                (f"p{n}", name),
            )
    engine.dispose()
    store = open_store(tmp_path)  # migrates to the head, after a backup
    try:
        assert store.backups and _titles(Desk(store, SECRETARIAT)) == PINYIN_ORDER
    finally:
        store.close()
    with engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0003_sync")
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(projects)")]
        triggers = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()
    assert "sort_key" not in columns and triggers == []
    engine.dispose()


def test_a_page_in_name_order_walks_the_index_instead_of_sorting(desk: Desk) -> None:
    """A 100,000-row list stays fast because its first page is read in index order (no sort of every row); the
    plan is asserted, not a time (tests/ui/test_paging.py pages 100,000 projects)."""
    with desk.store.read() as session:
        for kind in ("project", "member", "resource_offer", "lab_partnership", "contact"):
            statement = queries._ordered(
                kind, queries._filtered(kind, RecordQuery(), [queries.record_type(kind).id]), RecordQuery(), session
            ).limit(200)
            compiled = statement.compile(session.connection(), compile_kwargs={"literal_binds": True})
            plan = " ".join(
                str(row[-1]) for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
            )
            assert "sort_key" in plan and "TEMP B-TREE" not in plan, (kind, plan)


def _keys_as_written(store: Any) -> dict[str, list[tuple[str | None, str | None]]]:
    with store.read() as session:
        return {
            table: session.connection().exec_driver_sql(f"SELECT {name}, sort_key FROM {table}").all()
            for table, name in sort_keys.NAME_COLUMNS.items()
        }


def _without_safety_net(store: Any) -> None:
    with store.write() as session:
        for table in sort_keys.NAME_COLUMNS:
            session.connection().exec_driver_sql(f"DROP TRIGGER {table}_sort_key_insert")


def test_every_path_writes_the_key_in_its_insert_not_by_the_trigger(desk: Desk, tmp_path: Path) -> None:
    """The insert trigger is only a safety net: without it, the Desk (forms, CLI), an import, a sync pull's raw
    inserts and the demo still store every new row's key, the one function's (each row written once)."""
    _without_safety_net(desk.store)
    lead = add_member(desk, "武汉大学")
    _project(desk, lead, "长江")
    desk.create("contact", {"member_id": lead, "name": "张三"})
    header = ["中文名称", "统一社会信用代码"]
    rows = [[name + "科技", credit_code(100 + n)] for n, name in enumerate(NAMES)]
    apply_plan(desk, plan_file(desk, "member", write_csv(tmp_path / "m.csv", [header, *rows]))[1])
    project = {"domain": "smart_city", "project_kind": "research", "status": "ongoing", "lead_member_id": lead}
    with desk.store.write() as session:
        apply_states(session, [_state("project", new_id(), 5, {**project, "title": "光谷"}, lead)], {})
    demo = open_store(tmp_path / "demo")
    try:
        _without_safety_net(demo)
        load_demo(demo)
        stores = [_keys_as_written(desk.store), _keys_as_written(demo)]
    finally:
        demo.close()
    for written in stores:
        for table, pairs in written.items():
            assert all(key == sort_keys.key_of(name) for name, key in pairs), table
    assert len(stores[0]["members"]) == 1 + len(NAMES) and len(stores[0]["projects"]) == 2
    assert len(stores[0]["contacts"]) == 1 and all(stores[1].values())


def test_a_row_inserted_without_a_key_gets_it_from_the_safety_net(desk: Desk) -> None:
    lead = add_member(desk, "武汉大学")
    with desk.store.write() as session:  # a path that does not know the key (a tool, a future raw insert)
        session.connection().exec_driver_sql(
            "INSERT INTO projects (id, lead_member_id, title, domain, project_kind, status, deleted, updated_at,"
            " updated_by, owner_member_id) VALUES ('p', ?, '十堰', 'smart_city', 'research', 'ongoing', 0,"
            " '2026-01-01 00:00:00.000000', '', ?)",
            (lead, lead),
        )
    assert _keys_as_written(desk.store)["projects"] == [("十堰", sort_keys.key_of("十堰"))]


def test_a_store_of_the_previous_release_upgrades_to_the_key_written_once(tmp_path: Path) -> None:
    path = tmp_path / "alliance.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0005_narratives")  # the previous release's schema
        connection.exec_driver_sql(
            "INSERT INTO members (id, name_zh, member_kind, alliance_role, status, domains, ai_high_tech, deleted,"
            " updated_at, updated_by) VALUES ('m', '武汉大学', 'university', 'member', 'active', '[]', 0, 0,"
            " '2026-01-01 00:00:00.000000', '')"
        )
    engine.dispose()
    store = open_store(tmp_path)  # migrates to the head, after a backup
    try:
        assert store.backups and store.schema_revision == "0006_sort_key_once"
        with store.read() as session:
            triggers = dict(
                session.connection()
                .exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_insert'")
                .all()
            )
        assert set(triggers) == {f"{table}_sort_key_insert" for table in sort_keys.NAME_COLUMNS}
        assert all("WHEN NEW.sort_key IS NULL" in sql for sql in triggers.values())
        desk = Desk(store, SECRETARIAT)
        _project(desk, "m", "三峡")
        assert _keys_as_written(store)["members"] == [("武汉大学", sort_keys.key_of("武汉大学"))]  # kept
        assert _titles(desk) == ["三峡"]
    finally:
        store.close()
    with engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0005_narratives")
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'projects_sort_key_insert'"
        ).scalar()
        assert sql is not None and "WHEN" not in sql  # the previous release's trigger, which fills every insert
        connection.exec_driver_sql("UPDATE projects SET sort_key = NULL")
        connection.exec_driver_sql(
            "INSERT INTO projects (id, lead_member_id, title, domain, project_kind, status, deleted, updated_at,"
            " updated_by, owner_member_id) VALUES ('p2', 'm', '十堰', 'smart_city', 'research', 'ongoing', 0,"
            " '2026-01-01 00:00:00.000000', '', 'm')"
        )
        key = connection.exec_driver_sql("SELECT sort_key FROM projects WHERE id = 'p2'").scalar()
    assert key == sort_keys.key_of("十堰")
    engine.dispose()
