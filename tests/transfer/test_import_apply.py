"""Writing an import: all or nothing, through the services with outbox entries, after a backup; re-import: no change."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from alliance_app.services import Desk
from alliance_app.services.transfer import ImportCancelled, TransferError, apply_plan, plan_file
from alliance_app.store.local_tables import OutboxEntry
from tests.transfer.conftest import credit_code
from tests.transfer.sheets import write_csv, write_xlsx

HEADER = ["中文名称", "简称", "统一社会信用代码", "入盟日期", "重点领域", "网站"]


def _members(n: int, start: int = 0) -> list[list[str]]:
    return [
        [f"测试科技有限公司{i}", f"测试{i}", credit_code(1000 + i), "2024-01-15", "智能制造、智慧城市", ""]
        for i in range(start, start + n)
    ]


def _outbox(desk: Desk) -> list[tuple[str, str]]:
    with desk.store.read() as session:
        return [(e.kind, e.op) for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]


def test_import_creates_records_each_with_its_outbox_entry_after_a_backup(desk: Desk, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "m.xlsx", [HEADER, *_members(3)])
    _table, plan = plan_file(desk, "member", path)
    result = apply_plan(desk, plan)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert _outbox(desk) == [("member", "create")] * 3
    assert result.backup is not None and result.backup.exists() and "before-import" in result.backup.name
    assert result.changes.ids("member") == {r.record_id for r in plan.rows}
    stored = desk.get("member", plan.rows[0].record_id or "")
    assert stored["credit_code"] == credit_code(1000) and stored["domains"] == [
        "intelligent_manufacturing",
        "smart_city",
    ]


def test_re_importing_the_same_file_changes_nothing(desk: Desk, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", [HEADER, *_members(5)])
    apply_plan(desk, plan_file(desk, "member", path)[1])
    outbox = _outbox(desk)
    _table, again = plan_file(desk, "member", path)
    result = apply_plan(desk, again)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert result.backup is None and _outbox(desk) == outbox


def test_a_row_with_a_stored_credit_code_updates_that_member(desk: Desk, tmp_path: Path) -> None:
    apply_plan(desk, plan_file(desk, "member", write_csv(tmp_path / "a.csv", [HEADER, *_members(2)]))[1])
    renamed = [
        ["测试科技（武汉）有限公司0", "测试0", credit_code(1000), "2024-01-15", "智能制造、智慧城市", "https://t0.cn"]
    ]
    _table, plan = plan_file(desk, "member", write_csv(tmp_path / "b.csv", [HEADER, *renamed]))
    result = apply_plan(desk, plan)
    assert (result.created, result.updated) == (0, 1)
    assert desk.count("member") == 2
    stored = desk.get("member", plan.rows[0].record_id or "")
    assert stored["name_zh"] == "测试科技（武汉）有限公司0" and stored["website"] == "https://t0.cn"
    assert _outbox(desk)[-1] == ("member", "update")


def test_valid_only_imports_the_good_rows_and_names_the_skipped_ones(desk: Desk, tmp_path: Path) -> None:
    rows = [HEADER, *_members(2), ["坏行", "", "123", "", "", ""], *_members(1, start=2)]
    _table, plan = plan_file(desk, "member", write_csv(tmp_path / "m.csv", rows))
    with pytest.raises(TransferError):
        apply_plan(desk, plan)
    assert desk.count("member") == 0
    result = apply_plan(desk, plan, valid_only=True)
    assert (result.created, result.skipped) == (3, [4])
    assert desk.count("member") == 3


def test_project_partners_come_in_as_link_records(desk: Desk, alliance: dict[str, str], tmp_path: Path) -> None:
    rows = [["牵头单位", "项目名称", "重点领域", "合作单位"], ["武大", "新项目", "智慧教育", "小米武汉、北斗研究院"]]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    result = apply_plan(desk, plan)
    assert (result.created, result.partners_added) == (1, 2)
    project = plan.rows[0].record_id
    partners = {r["member_id"] for r in desk.page("project_partner", None).rows if r["project_id"] == project}
    assert partners == {alliance["小米武汉"], alliance["北斗研究院"]}
    assert _outbox(desk)[-3:] == [("project", "create"), ("project_partner", "create"), ("project_partner", "create")]
    assert apply_plan(desk, plan_file(desk, "project", tmp_path / "p.csv")[1]).unchanged == 1


def test_cancelling_an_import_leaves_the_store_as_it_was(desk: Desk, tmp_path: Path) -> None:
    _table, plan = plan_file(desk, "member", write_csv(tmp_path / "m.csv", [HEADER, *_members(450)]))
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled):
        apply_plan(
            desk, plan, progress=lambda done, total: seen.append((done, total)), cancelled=lambda: len(seen) >= 1
        )
    assert seen == [(200, 450)]
    assert desk.count("member") == 0 and _outbox(desk) == []


def test_ten_thousand_row_import_is_one_transaction_with_ten_thousand_outbox_entries(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    rows = [["牵头单位", "项目名称", "重点领域", "开始日期", "投资额（万元）"]]
    rows += [["武大", f"项目{i:05d}", "智慧教育", "2024-01-01", str(i)] for i in range(10_000)]
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    assert plan.ok and plan.count("create") == 10_000
    result = apply_plan(desk, plan)
    assert result.created == 10_000
    with desk.store.read() as session:
        assert (
            session.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.kind == "project")) == 10_002
        )
    assert desk.count("project") == 10_002


def _partners(desk: Desk, project: str) -> set[str]:
    rows = desk.page("project_partner", None).rows
    return {r["member_id"] for r in rows if r["project_id"] == project and not r["deleted"]}


def test_a_partners_cell_is_the_whole_list_so_partners_it_no_longer_names_are_removed(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    header = ["牵头单位", "项目名称", "重点领域", "合作单位"]
    project = next(r["id"] for r in desk.page("project", None).rows if r["title"] == "智能工厂示范工程")
    assert _partners(desk, project) == {alliance["武大"]}

    swapped = write_csv(tmp_path / "p.csv", [header, ["小米武汉", "智能工厂示范工程", "智能制造", "北斗研究院"]])
    _table, plan = plan_file(desk, "project", swapped)
    assert plan.ok and (plan.rows[0].action, plan.rows[0].removed_partners) == ("update", [alliance["武大"]])
    result = apply_plan(desk, plan)
    assert (result.updated, result.partners_added, result.partners_removed) == (1, 1, 1)
    assert _partners(desk, project) == {alliance["北斗研究院"]}
    assert sorted(_outbox(desk)[-2:]) == [("project_partner", "create"), ("project_partner", "delete")]
    assert plan_file(desk, "project", swapped)[1].count("unchanged") == 1  # the same file again: no change

    # a file without the partners column leaves them alone; an emptied cell removes them all
    no_column = write_csv(tmp_path / "q.csv", [header[:3], ["小米武汉", "智能工厂示范工程", "智能制造"]])
    assert plan_file(desk, "project", no_column)[1].count("unchanged") == 1
    emptied = write_csv(tmp_path / "r.csv", [header, ["小米武汉", "智能工厂示范工程", "智能制造", ""]])
    assert apply_plan(desk, plan_file(desk, "project", emptied)[1]).partners_removed == 1
    assert _partners(desk, project) == set()


def test_a_liaison_cannot_remove_partners_from_another_members_project_by_import(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    from alliance_app.models import Actor, Role

    liaison = Desk(desk.store, Actor("liaison", Role.LIAISON, alliance["武大"]))
    rows = [["牵头单位", "项目名称", "重点领域", "合作单位"], ["小米武汉", "智能工厂示范工程", "智能制造", ""]]
    _table, plan = plan_file(liaison, "project", write_csv(tmp_path / "p.csv", rows))
    assert not plan.ok and plan.rows[0].action == "invalid"
    assert any(p.code for p in plan.problems)
