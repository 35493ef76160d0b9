"""Header words rosters circulated in Hubei use for a record's domain (the high-tech enterprise forms say 技术领域,
universities' rosters 研究领域) name the domain field, so the column is read, not left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_app.services import Desk
from alliance_app.services.transfer import plan_file
from alliance_app.services.transfer.headers import match_headers
from tests.conftest import add_member
from tests.transfer.sheets import write_xlsx


@pytest.mark.parametrize(
    ("kind", "field", "header"),
    [
        ("member", "domains", "技术领域"),
        ("member", "domains", "所属技术领域"),
        ("member", "domains", "研究领域"),
        ("project", "domain", "技术领域"),
        ("project", "domain", "所属技术领域"),
        ("lab_partnership", "domains", "技术领域"),
        ("lab_partnership", "domains", "研究领域"),
    ],
)
def test_the_domain_column_is_named_in_the_words_of_the_forms(kind: str, field: str, header: str) -> None:
    match = match_headers(kind, ["名称", header])
    assert match.unknown == [] and field in match.mapping.values()


def test_a_project_roster_with_a_technical_domain_column_imports_its_domains(desk: Desk, tmp_path: Path) -> None:
    add_member(desk, "武汉大学")
    rows = [["牵头单位", "项目名称", "技术领域"], ["武汉大学", "示范工程", "智能制造"]]
    _table, plan = plan_file(desk, "project", write_xlsx(tmp_path / "p.xlsx", rows))
    assert plan.ok and not plan.problems
    assert plan.count("create") == 1
    (row,) = [r for r in plan.rows if r.action == "create"]
    assert row.values["domain"] == "intelligent_manufacturing"
