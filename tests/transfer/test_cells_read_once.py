"""A cell's text is prepared once per (column, text, number cell) in an import: a repeated cell gives every row the
same reading, a cell the file made unreadable gives every row its own problem, and the same text as a number cell
and as a text cell is read each way (2025.1 as a number may have been 2025.10)."""

from __future__ import annotations

from pathlib import Path

from alliance_app.services import Desk
from alliance_app.services.transfer import plan_file
from tests.transfer.sheets import write_xlsx


def test_repeated_cells_are_read_alike_and_each_unreadable_one_is_a_problem(desk: Desk, tmp_path: Path) -> None:
    header = ["单位名称", "加入时间", "统一社会信用代码"]
    rows = []
    for i in range(2):
        rows += [
            [f"甲{i}科技有限公司", 2025.1, None],  # a number cell: January or October?
            [f"乙{i}科技有限公司", "2025.1", None],  # typed text: January 2025, converted and said so
            [f"丙{i}科技有限公司", None, "9.14201E+17"],  # a spreadsheet ate the digits
        ]
    _table, plan = plan_file(desk, "member", write_xlsx(tmp_path / "m.xlsx", [header, *rows]))
    by_row = {}
    for problem in plan.problems:
        by_row.setdefault(problem.row, []).append((problem.field, problem.code))
    assert by_row == {
        2: [("joined_on", "type")],
        4: [("credit_code", "type")],
        5: [("joined_on", "type")],
        7: [("credit_code", "type")],
    }
    read = {row.number: row.values.get("joined_on") for row in plan.rows}
    assert str(read[3]) == str(read[6]) == "2025-01-01"
    assert sorted(c.row for c in plan.conversions if c.field == "joined_on") == [3, 6]
