"""No write path bypasses the one write plan (models/write_plan.py): with the plan made to refuse everything,
every path refuses — the desktop's services, the server's push (create, update, delete, revive) and conflict
resolution, and the import's dry run — and a static scan finds the plan called by every writer and the
permission rule called by no writer directly."""

from __future__ import annotations

import ast
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from alliance_app.models import Actor, Problem, Role, new_id, write_plan
from alliance_app.services import PermissionRefused
from alliance_app.services.desk import Desk
from alliance_app.services.transfer import plan_file
from alliance_app.store.engine import open_store
from alliance_app.sync.protocol import Mutation

PACKAGE = Path(__file__).resolve().parents[2] / "alliance_app"
SENTINEL = Problem(None, "plan_says_no", "写入计划拒绝", "The write plan refuses")
# Every function that writes alliance records, by module: each must reach plan_write.
WRITERS = {
    "services/writes.py": ("create", "update", "delete", "restore"),
    "server/push.py": ("apply_mutation",),
    "server/conflicts.py": ("resolve",),
    "services/transfer/row_check.py": ("check",),
}


def _calls(tree: ast.AST) -> dict[str, set[str]]:
    """Function name → names it calls (plain or as an attribute), for every function of a module."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = set()
            for call in ast.walk(node):
                if isinstance(call, ast.Call):
                    target = call.func
                    names.add(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
            found[node.name] = found.get(node.name, set()) | names
    return found


def _reaches(calls: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name == goal:
            return True
        if name not in seen:
            seen.add(name)
            todo.extend(calls.get(name, ()))
    return False


@pytest.mark.parametrize("module", sorted(WRITERS))
def test_every_writer_reaches_the_plan_and_none_asks_the_permission_rule_itself(module: str) -> None:
    calls = _calls(ast.parse((PACKAGE / module).read_text(encoding="utf-8")))
    for writer in WRITERS[module]:
        assert _reaches(calls, writer, "plan_write"), f"{module}:{writer} does not ask the write plan"
    assert not any("write_refusal" in names for names in calls.values()), f"{module} decides permission itself"


def _refuse_everything(*_args: Any, **_kw: Any) -> write_plan.WritePlan:
    return write_plan.WritePlan("x", "x", "update", permission=SENTINEL)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    store = open_store(tmp_path / "desk")
    try:
        yield Desk(store, Actor("sec", Role.SECRETARIAT))
    finally:
        store.close()


def test_every_desktop_write_refuses_when_the_plan_does(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    member = desk.create("member", {"name_zh": "甲单位", "member_kind": "企业"}).record_id
    assert member
    project = desk.create("project", {"lead_member_id": member, "title": "项目", "domain": "smart_city"}).record_id
    gone = desk.create("project", {"lead_member_id": member, "title": "删掉的", "domain": "smart_city"}).record_id
    assert project and gone
    desk.delete("project", gone)
    monkeypatch.setattr(write_plan, "plan_write", _refuse_everything)
    attempts = {
        "create": lambda: desk.create("contact", {"member_id": member, "name": "张三"}),
        "create a link": lambda: desk.create("project_partner", {"project_id": project, "member_id": member}),
        "update": lambda: desk.update("project", project, {"title": "改"}),
        "delete": lambda: desk.delete("project", project),
        "restore": lambda: desk.restore("project", gone),
    }
    for name, attempt in attempts.items():
        with pytest.raises(PermissionRefused) as refused:
            attempt()
        assert refused.value.problem == SENTINEL, name


def test_the_imports_dry_run_refuses_every_row_when_the_plan_does(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "members.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["中文名称", "单位类型"], ["乙单位", "企业"], ["丙单位", "高校"]])
    _table, plan = plan_file(desk, "member", path)
    assert plan.count("create") == 2  # the real plan takes both rows
    monkeypatch.setattr(write_plan, "plan_write", _refuse_everything)
    _table, plan = plan_file(desk, "member", path)
    assert plan.count("create") == 0
    assert [p.code for p in plan.problems] == ["plan_says_no", "plan_says_no"]


def test_every_server_write_refuses_when_the_plan_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from alliance_app.server import conflicts
    from alliance_app.server.db import Database
    from alliance_app.server.errors import ApiError
    from alliance_app.server.migrate import upgrade
    from alliance_app.server.settings import ServerSettings
    from alliance_app.server.sync_service import push_batch

    db = Database.open(ServerSettings(data_dir=tmp_path / "server"))
    upgrade(db.engine)
    sec, other = Actor("sec", Role.SECRETARIAT), Actor("sec2", Role.SECRETARIAT)

    def push(actor: Actor, kind: str, record_id: str, op: str, changes: dict, base: int | None) -> Any:
        m = Mutation.model_validate({"mutation_id": new_id(), "kind": kind, "record_id": record_id, "op": op,
                                     "changes": changes, "base_rev": base})  # fmt: skip
        return push_batch(db, (1, actor), [m])[0]

    try:
        member, project, gone = new_id(), new_id(), new_id()
        made = push(
            sec, "member", member, "create", {"name_zh": [None, "甲单位"], "member_kind": [None, "enterprise"]}, None
        )
        values = {"lead_member_id": [None, member], "title": [None, "项目"], "domain": [None, "smart_city"]}
        made = push(sec, "project", project, "create", values, None)
        base = made.rev
        assert push(sec, "project", gone, "create", values, None).status == "applied"
        assert push(sec, "project", gone, "delete", {}, None).status == "applied"
        assert push(sec, "project", project, "update", {"title": ["项目", "秘书处"]}, base).status == "applied"
        clash = push(other, "project", project, "update", {"title": ["项目", "另一个"]}, base)
        assert clash.status == "conflict"
        monkeypatch.setattr(write_plan, "plan_write", _refuse_everything)
        attempts = {
            "create": ("contact", new_id(), "create", {"member_id": [None, member], "name": [None, "张三"]}, None),
            "update": ("project", project, "update", {"title": ["秘书处", "改"]}, None),
            "delete": ("project", project, "delete", {}, None),
            "revive": ("project", gone, "create", values, None),
            "edit of a tombstone": ("project", gone, "update", {"title": ["项目", "复活"]}, None),
        }
        for name, (kind, record_id, op, changes, base_rev) in attempts.items():
            outcome = push(sec, kind, record_id, op, changes, base_rev)
            assert (outcome.status, outcome.code) == ("rejected", "plan_says_no"), name
        with db.write() as session, pytest.raises(ApiError) as refused:
            conflicts.resolve(session, other, clash.conflicts[0].id, "mine")
        assert (refused.value.status, refused.value.code) == (403, "plan_says_no")
    finally:
        db.close()
