"""The import's check runs a record's rules once per row: the write plan takes the check's answer, but only where
it would check the very same values, so no rule is skipped when they differ."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from alliance_app.models import MemberStatus, check_record, write_plan
from alliance_app.models.integrity import Lookups, defaults
from alliance_app.models.write_ops import WriteOp
from alliance_app.services import Desk
from alliance_app.services.transfer import plan_file, row_check
from tests.conftest import add_member
from tests.transfer.sheets import write_csv

PROJECTS = ["牵头单位", "项目名称", "重点领域", "开始日期", "结束日期", "投资额（万元）"]


def test_each_row_of_an_import_runs_the_rules_once(desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_member(desk, "武汉大学")
    calls: list[str] = []

    def counted(kind: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(kind)
        return check_record(kind, *args, **kwargs)

    monkeypatch.setattr(row_check, "check_record", counted)
    monkeypatch.setattr(write_plan, "check_record", counted)
    rows = [PROJECTS] + [["武汉大学", f"示范 {i}", "智能制造", "2024-03-01", "2025-12-31", "120"] for i in range(4)]
    rows.append(["武汉大学", "倒序", "智能制造", "2025-03-01", "2024-12-31", "120"])  # ends before it starts
    _table, plan = plan_file(desk, "project", write_csv(tmp_path / "p.csv", rows))
    assert calls.count("project") == 5
    assert [p.code for p in plan.problems] == ["date_range"] and plan.problems[0].row == 6


def _project_plan(desk: Desk, values: dict[str, Any], checked: write_plan.Checked) -> write_plan.WritePlan:
    with desk.store.read() as session:
        return write_plan.plan_write(
            desk.actor, "project", WriteOp.CREATE, "p", None, values, Lookups(session), checked=checked
        )


def test_the_plan_runs_the_rules_itself_when_the_values_differ_from_those_checked(desk: Desk) -> None:
    lead = add_member(desk, "武汉大学")
    values = {**defaults("project"), "lead_member_id": lead, "title": "示范", "domain": "smart_city",
              "start_date": date(2025, 3, 1), "end_date": date(2024, 12, 31)}  # fmt: skip
    rules = tuple(check_record("project", values))
    assert [p.code for p in rules] == ["date_range"]
    taken = _project_plan(desk, values, write_plan.Checked(dict(values), None, ()))
    assert taken.problems == ()  # the very values: the caller's answer is the plan's
    for other in (
        {**values, "title": "示范 2"},
        {**values, "investment": True},
        {k: values[k] for k in list(values)[1:]},
    ):
        again = _project_plan(desk, values, write_plan.Checked(other, None, ()))
        assert [p.code for p in again.problems] == ["date_range"], other


def test_equal_values_of_another_type_are_not_the_same_values() -> None:
    checked = write_plan.Checked({"investment": 1}, None, ())
    assert checked.answers({"investment": 1}, None)
    assert not checked.answers({"investment": 1.0}, None) and not checked.answers({"investment": True}, None)
    assert not checked.answers({"investment": 1}, MemberStatus.ACTIVE)
