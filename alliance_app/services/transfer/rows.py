"""Rows of a file that are not records: a total at the bottom (合计、共13家, or the sums of the columns), template
rows with only a 序号; and the remarks an import owes the user about rows (hidden or filtered out in the file)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from alliance_app.models import field_specs
from alliance_app.services.transfer.columns import ID_COLUMN, NATURAL_KEYS
from alliance_app.services.transfer.problems import RowProblem
from alliance_app.services.transfer.read import RawRow, RawTable

_TOTAL_WORDS = r"(合计|总计|小计|共计|总数|累计|汇总|总合计|total|grandtotal|subtotal|sum)"
_COUNTED = r"共?\d+(家|个|项|条|人|所|户|名|单位)?"
_TOTAL_FIRST = frozenset("合总小共累汇TtGgSs")  # how a total's cell can begin: most cells are skipped at once
_TOTAL = re.compile(rf"^({_TOTAL_WORDS}[:：]?({_COUNTED})?|共\d+(家|个|项|条|人|所|户|名))$")


# Where a cell of the row begins, after spaces, with a letter a total's cell can begin with: one search of the joined
# row, so the many rows with none are told without a look at each cell. Each cell, the first too, follows a NUL: a
# pattern beginning with that one character is searched for it alone (an alternation with ^ was tried at every
# position, three times slower).
_TOTAL_START = re.compile(rf"\x00\s*[{''.join(sorted(_TOTAL_FIRST))}]")


def may_begin_a_total(cells: list[str]) -> bool:
    """False only when no cell can be a total's (`is_total_cell`)."""
    return _TOTAL_START.search("\x00" + "\x00".join(cells)) is not None


def is_total_cell(cell: str) -> bool:
    text = cell.lstrip()
    return bool(text and text[0] in _TOTAL_FIRST and len(text) <= 30 and _TOTAL.match(_plain(text)))


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _number(text: str) -> float | None:
    try:
        return float(unicodedata.normalize("NFKC", text).replace(",", "").strip())
    except ValueError:
        return None


def _rows_text(numbers: list[int]) -> str:
    return "、".join(map(str, numbers[:20])) + ("…" if len(numbers) > 20 else "")


def _rows_text_en(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + (", …" if len(numbers) > 20 else "")


def _note(code: str, zh: str, en: str, row: int | None = None) -> RowProblem:
    return RowProblem(row, None, None, None, "", code, zh, en)


class RowSorter:
    """Sets apart the rows that are no records, remembering what each column summed to so far."""

    def __init__(self, kind: str, table: RawTable, mapping: Mapping[int, str]):
        self.table = table
        self.fields = [i for i, name in mapping.items() if name != ID_COLUMN]
        keys = set(NATURAL_KEYS[kind])
        self.key_columns = [i for i, name in mapping.items() if name in keys]
        amounts = {s.name for s in field_specs(kind) if s.type in ("number", "integer")}
        self.amount_columns = [i for i, name in mapping.items() if name in amounts]
        self.sums = dict.fromkeys(self.amount_columns, 0.0)
        self.counted = dict.fromkeys(self.amount_columns, 0)

    def is_summary(self, row: RawRow) -> bool:
        if may_begin_a_total(row.cells):
            for cell in row.cells:
                if is_total_cell(cell):
                    return True
        if any(row.cells[i].strip() for i in self.key_columns):
            return False
        for index in self.amount_columns:  # no name, and a number that is the sum of the column above
            value = _number(row.cells[index])
            if value and self.counted[index] >= 2 and abs(value - self.sums[index]) <= 1e-6 * max(1.0, abs(value)):
                return True
        return False

    def count(self, row: RawRow) -> None:
        for index in self.amount_columns:
            value = _number(row.cells[index])
            if value is not None:
                self.sums[index] += value
                self.counted[index] += 1

    def is_template(self, row: RawRow) -> bool:
        """Nothing in any column that fills a field: a numbered line of an empty form (only 序号)."""
        return not any(row.cells[i].strip() for i in self.fields)


def sort_rows(kind: str, table: RawTable, mapping: Mapping[int, str]) -> tuple[list[RawRow], list[RowProblem]]:
    """The rows to check as records, and one remark per kind of row left out or taken specially."""
    sorter = RowSorter(kind, table, mapping)
    records: list[RawRow] = []
    summaries: list[RawRow] = []
    templates: list[int] = []
    for row in table.rows:
        if sorter.is_summary(row):
            summaries.append(row)
        elif sorter.is_template(row):
            templates.append(row.number)
        else:
            records.append(row)
            sorter.count(row)
    notes = []
    for row in summaries:
        shown = " ".join(c.strip() for c in row.cells if c.strip())[:60]
        notes.append(
            _note(
                "summary_row",
                f"合计行（{shown}），不是一条记录，已略去",
                f"a total ({shown}), not a record; left out",
                row.number,
            )
        )
    if templates:
        notes.append(
            _note(
                "template_row",
                f"第 {_rows_text(templates)} 行只有序号等、没有要导入的内容，已略去",
                f"Rows {_rows_text_en(templates)} have nothing to import (only a serial number or the like); left out",
            )
        )
    hidden = [n for n in table.hidden_rows if n in {r.number for r in records}]
    if hidden:
        notes.append(
            _note(
                "hidden_rows",
                f"第 {_rows_text(hidden)} 行在文件中是隐藏或被筛选掉的行，也将导入；如不需要，请在文件中删除这些行",
                f"Rows {_rows_text_en(hidden)} are hidden or filtered out in the file and will be imported too; "
                "delete them from the file if they should not be",
            )
        )
    taken = {r.number for r in records}
    for merge in table.merged_down:
        if merge.across and merge.first_row in taken:
            zh_across, en_across = "、".join(f"“{h}”" for h in merge.across), ", ".join(f"“{h}”" for h in merge.across)
            notes.append(
                _note(
                    "merged_across",
                    f"合并单元格（{merge.value}）跨越“{merge.header}”和{zh_across}，"
                    f"按“{merge.header}”导入，{zh_across}为空；如不对，请在文件中拆分单元格",
                    f"a cell merged across “{merge.header}” and {en_across} ({merge.value}) "
                    f"is taken as “{merge.header}”, leaving {en_across} empty; unmerge it in the file if that is wrong",
                    merge.first_row,
                )
            )
        elif any(n in taken for n in range(merge.first_row + 1, merge.last_row + 1)):
            notes.append(
                _note(
                    "merged_cells",
                    f"“{merge.header}”第 {merge.first_row}–{merge.last_row} 行是一个合并单元格（{merge.value}），"
                    f"每行都按“{merge.value}”导入",
                    f"“{merge.header}”, rows {merge.first_row}–{merge.last_row}: one merged cell ({merge.value}), "
                    f"taken by each of its rows",
                )
            )
    return records, notes
