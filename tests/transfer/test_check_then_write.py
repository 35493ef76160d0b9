"""An import is checked, then written when the user presses Import, perhaps minutes later. The write carries out
the check's plans only while the store is exactly as the check read it (its write generation has not moved,
store/generation.py) and for the same account; any write in between (an edit in the window, a sync pull, another
import) makes every row be planned again, so what the change made wrong is refused and nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from alliance_app.models import Actor, Role, new_id, record_type
from alliance_app.services import Desk
from alliance_app.services.transfer import TransferError, apply_plan, plan_file
from alliance_app.store.local_tables import OutboxEntry
from alliance_app.sync.replica import apply_states
from tests.conftest import add_member, credit_code, liaison_of
from tests.transfer.sheets import write_csv

MEMBERS = [
    ["中文名称", "统一社会信用代码", "单位类别", "所属市州"],
    ["湖北光谷智能科技有限公司", credit_code(7), "企业", "武汉"],
]
PROJECTS = ["牵头单位", "项目名称", "重点领域", "开始日期", "投资额（万元）", "合作单位"]


def _names(desk: Desk, name: str) -> int:
    with desk.store.read() as session:
        cls = record_type("member")
        return len(session.scalars(select(cls).where(cls.name_zh == name, cls.deleted.is_(False))).all())


def test_a_member_added_in_the_window_after_the_check_is_caught_and_nothing_is_written(
    desk: Desk, tmp_path: Path
) -> None:
    _table, plan = plan_file(desk, "member", write_csv(tmp_path / "m.csv", MEMBERS))
    assert plan.ok and plan.count("create") == 1
    add_member(desk, "湖北光谷智能科技有限公司")  # typed in a form while the preview was open
    with pytest.raises(TransferError) as refused:
        apply_plan(desk, plan)
    assert "第 2 行无法写入" in refused.value.zh and "Row 2 could not be written" in refused.value.en
    assert _names(desk, "湖北光谷智能科技有限公司") == 1  # the form's, not a second one


def test_a_sync_pull_after_the_check_is_caught(desk: Desk, tmp_path: Path) -> None:
    _table, plan = plan_file(desk, "member", write_csv(tmp_path / "m.csv", MEMBERS))
    member = new_id()
    values = {"name_zh": "湖北光谷智能科技有限公司", "member_kind": "enterprise", "alliance_role": "member",
              "status": "active", "domains": [], "ai_high_tech": False}  # fmt: skip
    state = {"kind": "member", "id": member, "rev": 1, "deleted": False, "updated_at": "2026-11-29T08:00:00Z",
             "updated_by": "server", "owner_member_id": member, "values": values, "hidden": []}  # fmt: skip
    with desk.store.write() as session:  # the sync's raw insert, not the services' writes
        apply_states(session, [state], {})
    with pytest.raises(TransferError):
        apply_plan(desk, plan)
    assert _names(desk, "湖北光谷智能科技有限公司") == 1


def test_a_lead_member_deleted_after_the_check_is_caught(desk: Desk, tmp_path: Path) -> None:
    lead = add_member(desk, "武汉大学")
    rows = [PROJECTS, ["武汉大学", "视觉质检示范", "智能制造", "2024-03-01", "120", ""]]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    assert plan.ok
    desk.delete("member", lead)
    with pytest.raises(TransferError):
        apply_plan(desk, plan)
    assert desk.ids("project") == []


def test_a_partner_deleted_after_the_check_is_caught(desk: Desk, tmp_path: Path) -> None:
    """The check planned the new project's partner links too; the partner is gone by the time of the write."""
    add_member(desk, "武汉大学")
    partner = add_member(desk, "小米(武汉)")
    rows = [PROJECTS, ["武汉大学", "视觉质检示范", "智能制造", "2024-03-01", "120", "小米(武汉)"]]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    assert plan.ok and plan.rows[0].link_writes is not None and len(plan.rows[0].link_writes) == 1
    desk.delete("member", partner)
    with pytest.raises(TransferError) as refused:
        apply_plan(desk, plan)
    assert "第 2 行无法写入" in refused.value.zh
    assert desk.ids("project") == [] and desk.ids("project_partner") == []


def test_a_partner_link_the_rules_refuse_is_left_to_the_write_to_refuse(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link plan refused in the check is not kept: the write plans it again and refuses the row, as before."""
    from alliance_app.models import write_plan

    add_member(desk, "武汉大学")
    add_member(desk, "小米(武汉)")
    refusal = write_plan.UNKNOWN_RECORD
    real = write_plan.plan_write

    def refusing_links(actor: Actor, kind: str, *args: Any, **kwargs: Any) -> write_plan.WritePlan:
        plan = real(actor, kind, *args, **kwargs)
        return plan if kind != "project_partner" else write_plan.WritePlan(kind, plan.record_id, plan.op,
                                                                            problems=(refusal,))  # fmt: skip

    monkeypatch.setattr(write_plan, "plan_write", refusing_links)
    rows = [PROJECTS, ["武汉大学", "视觉质检示范", "智能制造", "2024-03-01", "120", "小米(武汉)"]]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    assert plan.ok and plan.rows[0].write is not None and plan.rows[0].link_writes is None
    with pytest.raises(TransferError) as refused:
        apply_plan(desk, plan)
    assert "第 2 行无法写入" in refused.value.zh
    assert desk.ids("project") == []


def test_a_link_is_carried_out_only_once_per_batch(desk: Desk, tmp_path: Path) -> None:
    from alliance_app.services import writes

    add_member(desk, "武汉大学")
    add_member(desk, "小米(武汉)")
    rows = [PROJECTS, ["武汉大学", "视觉质检示范", "智能制造", "2024-03-01", "120", "小米(武汉)"]]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    assert plan.rows[0].link_writes
    (link,) = plan.rows[0].link_writes
    batch = writes.NewRecords()
    with desk.store.write() as session:
        writes.carry_out(session, desk.actor, link, batch)
        with pytest.raises(ValueError):
            writes.carry_out(session, desk.actor, link, batch)


def test_an_update_checked_against_a_record_edited_since_is_planned_again(desk: Desk, tmp_path: Path) -> None:
    """The check planned an update of the stored record; the record then changed owner so the liaison who
    checked may no longer write it: the write plans again and refuses, as the services would."""
    mine, other = add_member(desk, "武汉大学"), add_member(desk, "华中科技大学")
    project = desk.create("project", {"lead_member_id": mine, "title": "视觉质检示范", "domain": "smart_city"})
    liaison = liaison_of(desk, mine)
    rows = [["编号", *PROJECTS], [project.record_id, "武汉大学", "视觉质检示范", "智能制造", "2024-03-01", "120", ""]]
    _table, plan = plan_file(liaison, "project", write_csv(tmp_path / "p.csv", rows))
    assert plan.ok and plan.count("update") == 1
    assert project.record_id is not None
    desk.update("project", project.record_id, {"lead_member_id": other})  # the secretariat hands it over
    with pytest.raises(TransferError):
        apply_plan(liaison, plan)
    assert desk.rows("project", [project.record_id])[0]["domain"] == "smart_city"


def test_a_plan_checked_for_one_account_is_planned_again_for_another(desk: Desk, tmp_path: Path) -> None:
    mine = add_member(desk, "武汉大学")
    add_member(desk, "华中科技大学")
    rows = [PROJECTS, ["华中科技大学", "视觉质检示范", "智能制造", "2024-03-01", "120", ""]]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))  # the secretariat may
    with pytest.raises(TransferError):
        apply_plan(liaison_of(desk, mine), plan)  # a liaison of another member may not: nothing unseen slips in
    assert desk.ids("project") == []


def _written(desk: Desk) -> tuple[list[dict[str, Any]], list[tuple[str, dict[str, Any]]]]:
    """The stored projects and the import's outbox entries (projects, partner links), without ids and times."""
    rows = desk.rows("project", desk.ids("project"))
    names = {m["id"]: m["name_zh"] for m in desk.rows("member", desk.ids("member"))}
    projects = sorted(
        ({k: v for k, v in r.items() if k not in ("id", "updated_at")} | {"lead": names[r["lead_member_id"]]}
         for r in rows),
        key=lambda r: r["title"],
    )  # fmt: skip
    for project in projects:
        project.pop("lead_member_id"), project.pop("owner_member_id")
    with desk.store.read() as session:
        entries = session.scalars(select(OutboxEntry).where(OutboxEntry.kind != "member").order_by(OutboxEntry.seq))
        outbox = [(e.kind, {k: v for k, v in e.changes.items() if not k.endswith("_id")}) for e in entries]
    return projects, outbox


def test_the_checked_plan_writes_exactly_what_planning_again_writes(tmp_path: Path) -> None:
    """The same file into two new stores: one written from the check's plans, one after an unrelated write (so
    planned again row by row). Records, partner links and outbox entries come out the same."""
    written = []
    for run in ("as_checked", "planned_again"):
        desk = Desk.open(tmp_path / run)
        try:
            for n, name in enumerate(["武汉大学", "华中科技大学", "小米(武汉)"]):
                add_member(desk, name, credit_code=credit_code(n))
            rows = [PROJECTS]
            rows += [["武汉大学", f"示范 {i}", "智能制造", "2024.3", "1.2亿元" if i % 2 else "850万", "小米(武汉)"]
                     for i in range(6)]  # fmt: skip
            rows.append(["华中科技大学", "示范 9", "智慧城市", "2025-05-01", "300", ""])
            _table, plan = plan_file(desk, "project", write_csv(tmp_path / f"{run}.csv", rows))
            assert plan.ok and plan.count("create") == 7
            if run == "planned_again":
                add_member(desk, "长江存储")  # any write in between
            result = apply_plan(desk, plan)
            assert result.created == 7 and result.partners_added == 6
            written.append(_written(desk))
        finally:
            desk.close()
    assert written[0] == written[1]
    projects, _outbox = written[0]
    assert projects[1]["investment"] == 12000 and str(projects[1]["start_date"]) == "2024-03-01"


def test_writing_as_checked_still_gives_the_import_one_transaction(desk: Desk, tmp_path: Path) -> None:
    """A row refused by the database itself (not the plan) undoes the rows written before it."""
    rows = [MEMBERS[0], MEMBERS[1], ["湖北长江存储有限公司", credit_code(8), "企业", "武汉"]]
    _table, plan = plan_file(desk, "member", write_csv(tmp_path / "m.csv", rows))
    assert plan.ok
    plan.rows[1].write = plan.rows[0].write  # the same id twice: the insert fails at the end
    with pytest.raises(IntegrityError):  # the database's own refusal
        apply_plan(desk, plan)
    assert desk.ids("member") == []


def test_an_actor_is_part_of_the_checked_plan() -> None:
    assert Actor("a", Role.SECRETARIAT) != Actor("a", Role.LIAISON, "m")


def test_an_unchanged_store_is_not_planned_a_second_time(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What makes a 10,000-row import's write fast: the check's plans are carried out, not made again."""
    from alliance_app.services import writes

    add_member(desk, "武汉大学")
    add_member(desk, "小米(武汉)")
    rows = [PROJECTS] + [["武汉大学", f"示范 {i}", "智能制造", "2024-03-01", "120", "小米(武汉)" if i % 2 else ""]
                         for i in range(5)]  # fmt: skip
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    planned: list[str] = []
    real = writes._plan
    monkeypatch.setattr(writes, "_plan", lambda *a, **k: planned.append(a[2]) or real(*a, **k))
    result = apply_plan(desk, plan)
    assert result.created == 5 and result.partners_added == 2
    assert planned == []  # neither the projects nor their partner links
    assert len(desk.ids("project_partner")) == 2
    _table, plan = plan_file(
        desk, "project", write_csv(tmp_path / "p2.csv", [PROJECTS, [*rows[1][:1], "示范 9", *rows[1][2:]]])
    )
    add_member(desk, "华中科技大学")  # a write in between: planned again
    assert apply_plan(desk, plan).created == 1
    assert planned == ["member", "project"]  # the form's member, then the import's row
