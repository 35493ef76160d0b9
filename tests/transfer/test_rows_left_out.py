"""Rows that are no records: totals (by their words or by being the sums of the columns) and numbered empty
template rows are left out with a note; a record whose name merely contains such a word is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from alliance_app.services import Desk
from alliance_app.services.transfer import plan_file
from alliance_app.services.transfer.rows import is_total_cell, may_begin_a_total
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


_CELLS = st.text(alphabet=st.sampled_from(" \t\u3000\n\x00合计共13家总Tt otalSsumx"), max_size=8) | st.sampled_from(
    ["合计", " 合计：13家", "\u3000共13家", "Total", "subtotal", "小计"]
)


@given(st.lists(_CELLS, max_size=6))
@example(["x", "\u3000合计"])
def test_the_joined_search_misses_no_cell_that_is_a_total(cells: list[str]) -> None:
    """A row is looked at cell by cell only where one search of it joined finds a cell that may begin a total:
    that search never passes over a total's cell."""
    assert may_begin_a_total(cells) or not any(is_total_cell(c) for c in cells)
