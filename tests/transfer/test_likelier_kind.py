"""A file opened as the wrong kind (a member roster with Import… on the Projects page) says so before anything is
written, instead of a page of "leave out" and a row of refusals the clerk cannot place."""

from __future__ import annotations

from pathlib import Path

from alliance_app.services import Desk
from alliance_app.services.transfer import match_headers, plan_file
from tests.transfer.sheets import write_xlsx
from tests.transfer.test_transfer_cli import _run

ROSTER = [
    ["序号", "单位名称", "所属市州", "单位类别", "主要领域", "加入时间"],
    [1, "襄阳智造科技有限公司", "襄阳", "企业", "智能制造", "2024-03-01"],
]
PROJECTS = [["项目名称", "承担单位", "重点领域", "所属市州"], ["园区安防", "武大", "智慧公共安全", "武汉"]]


def test_a_roster_checked_as_projects_says_it_looks_like_members(desk: Desk, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", ROSTER)
    _table, plan = plan_file(desk, "project", path)
    [note] = [n for n in plan.notes if n.code == "likelier_kind"]
    assert "更像成员单位（5 列中 5 列可对应，项目只有 1 列）" in note.zh and "look like members" in note.en
    assert plan.count("create") == 0  # and nothing is written: the required columns are missing anyway

    shown = _run(tmp_path / "cli", "import", "project", str(path), "--dry-run")
    assert "这个文件的列更像成员单位" in shown.stderr + shown.stdout, shown.stderr


def test_a_file_of_the_kind_it_is_opened_as_has_no_such_note(desk: Desk, tmp_path: Path) -> None:
    _table, plan = plan_file(desk, "member", write_xlsx(tmp_path / "roster.xlsx", ROSTER))
    assert not [n for n in plan.notes if n.code == "likelier_kind"]
    assert match_headers("project", PROJECTS[0]).likelier is None  # 所属市州 is a member's column too: not enough
