"""Rows that are no records: totals (by their words or by being the sums of the columns) and numbered empty
template rows are left out with a note; a record whose name merely contains such a word is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_app.services import Desk
from alliance_app.services.transfer import plan_file
from tests.transfer.sheets import write_xlsx

HEADER = ["序号", "项目名称", "牵头单位", "重点领域", "投资额（万元）"]


TOTALS = [["", "合计", "", "", 1500], ["", "总计：3项", "", "", ""], ["共3项", "", "", "", ""], ["", "", "", "", 1500],
          ["", "小 计", "", "", 1500], ["", "Total", "", "", 1500]]  # fmt: skip


@pytest.mark.parametrize("total", TOTALS)
def test_a_total_row_is_left_out_with_a_note(desk: Desk, alliance: dict[str, str], tmp_path: Path, total: list) -> None:
    rows = [HEADER, [1, "甲项目", "武大", "区块链", 500], [2, "乙项目", "武大", "区块链", 400],
            [3, "丙项目", "武大", "区块链", 600], total, [4], [5]]  # fmt: skip
    _table, plan = plan_file(desk, "project", write_xlsx(tmp_path / "p.xlsx", rows))
    assert plan.problems == [] and plan.count("create") == 3
    codes = {n.code: n for n in plan.notes}
    assert codes["summary_row"].row == 5
    assert "6、7" in codes["template_row"].zh and "6, 7" in codes["template_row"].en


def test_a_name_with_a_total_word_or_a_number_that_is_no_sum_is_a_record(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    rows = [HEADER, [1, "合计算力平台", "武大", "区块链", 500], [2, "总计划项目", "武大", "区块链", 400],
            [3, "", "武大", "区块链", 700]]  # fmt: skip
    _table, plan = plan_file(desk, "project", write_xlsx(tmp_path / "p.xlsx", rows))
    assert plan.count("create") == 2 and not plan.notes
    assert [(p.row, p.code) for p in plan.problems] == [(4, "required")]  # no title: a mistake, not a total
