"""Reads one import row's cells into raw field values: members named resolved to ids, partner lists split, a period
cell split into its start and end, each cell prepared for its field (units, number cells). What cannot be read is a
problem at its cell, in Chinese and English; the rules of the values themselves are the row check's (row_check.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from alliance_app.models import RECORDS_BY_KIND, Problem, field_specs
from alliance_app.models.readings import Unreadable
from alliance_app.services.desk import Desk
from alliance_app.services.member_names import MemberDirectory
from alliance_app.services.transfer.cells import prepare, split_names, split_period
from alliance_app.services.transfer.columns import (
    ID_COLUMN,
    PARTNERS_COLUMN,
    PERIOD_COLUMN,
    columns_by_name,
    period_fields,
)
from alliance_app.services.transfer.headers import column_units
from alliance_app.services.transfer.problems import RowProblem
from alliance_app.services.transfer.read import RawRow, RawTable


class CellReader:
    """Where each field's value is in the file's rows, and how a row's cells become raw values."""

    def __init__(self, desk: Desk, kind: str, table: RawTable, mapping: Mapping[int, str], directory: MemberDirectory):
        self.actor = desk.actor
        self.kind = kind
        self.table = table
        self.index_of = {name: index for index, name in mapping.items()}
        self.period = period_fields(kind) if PERIOD_COLUMN in self.index_of else None
        # The file column each field's value comes from (a period column gives two fields).
        self.column_of = dict(self.index_of)
        if self.period:
            self.column_of.update(dict.fromkeys(self.period, self.index_of[PERIOD_COLUMN]))
        self.units = column_units(kind, table.headers, dict(mapping))
        self.directory = directory
        self.specs = {s.name: s for s in field_specs(kind)}
        # A cell's prepared text by (column, text, number cell): a function of those alone (the column gives the
        # field and its header's unit), and a roster repeats its kinds, statuses, dates and members thousands of times.
        self.prepared: dict[tuple[int, str, bool], str] = {}
        self.owner_column = RECORDS_BY_KIND[kind].owner_column
        # A liaison's file without the owner column means the liaison's own member.
        self.default_owner = (
            self.actor.member_id if self.owner_column and self.owner_column not in self.index_of else None
        )

    # problems
    def problem(self, row: RawRow, name: str | None, code: str, zh: str, en: str) -> RowProblem:
        column = columns_by_name(self.kind).get(name) if name else None
        index = self.column_of.get(name) if name else None
        value = row.cells[index].strip() if index is not None else ""
        return RowProblem(
            row.number, column.zh if column else None, column.en if column else None, name, value, code, zh, en, index
        )

    def from_model(self, row: RawRow, problem: Problem) -> RowProblem:
        return self.problem(row, problem.field, problem.code, problem.zh, problem.en)

    # cells
    def member(self, row: RawRow, name: str, text: str, problems: list[RowProblem]) -> str | None:
        member_id, problem = self.directory.resolve(name, text)
        if problem is not None:
            problems.append(self.from_model(row, problem))
        return member_id

    def partners(self, row: RawRow, text: str, problems: list[RowProblem]) -> list[str]:
        ids: list[str] = []
        for part in split_names(text):
            found = self.directory.find(part)
            if len(found) != 1 and ("," in part or "，" in part):
                split = self.comma_names(part)
                if split is not None:
                    ids += split
                    continue
            member_id = self.member(row, PARTNERS_COLUMN, part, problems)
            if member_id:
                ids.append(member_id)
        return list(dict.fromkeys(ids))

    def comma_names(self, text: str) -> list[str] | None:
        """Members listed with commas, where a name may hold a comma itself ("Co., Ltd."): the longest names
        that match, from left to right; None unless every piece is covered."""
        pieces = re.split(r"([,，])", text)  # names at even positions, the commas between them at odd ones
        ids, start = [], 0
        while start < len(pieces):
            for end in range(len(pieces), start, -2):
                found = self.directory.find("".join(pieces[start:end]))
                if len(found) == 1:
                    ids.append(next(iter(found)))
                    start = end + 1
                    break
            else:
                return None
        return ids

    def read_cells(self, row: RawRow, problems: list[RowProblem]) -> tuple[dict[str, Any], str, list[str], set[str]]:
        """The row's raw field values (members resolved to ids), its id cell, its partner ids, failed fields."""
        raw: dict[str, Any] = {}
        failed: set[str] = set()
        row_id, partner_ids = "", []
        for name, index in self.index_of.items():
            text = row.cells[index].strip()
            if name == ID_COLUMN:
                row_id = text
            elif name == PARTNERS_COLUMN:
                partner_ids = self.partners(row, text, problems)
            elif name == PERIOD_COLUMN:
                failed |= self.read_period(row, text, raw, problems)
            elif self.specs[name].ref == "member" and text:
                member_id = self.member(row, name, text, problems)
                if member_id is None:
                    failed.add(name)
                else:
                    raw[name] = member_id
            else:
                spec = self.specs[name]
                number_cell = index in row.numbers
                key = (index, text, number_cell)
                prepared = self.prepared.get(key)
                if prepared is not None:
                    raw[name] = prepared
                    continue
                try:
                    raw[name] = self.prepared[key] = prepare(
                        spec, text, number_cell=number_cell, unit=self.units.get(index)
                    )
                except Unreadable as unreadable:
                    problems.append(
                        self.problem(row, name, "type", f"{spec.zh}：“{text}”{unreadable.zh}", f"{spec.en}: “{text}” "
                                     f"{unreadable.en}")
                    )  # fmt: skip
                    failed.add(name)
        if self.default_owner and self.owner_column:
            raw[self.owner_column] = self.default_owner
        return raw, row_id, partner_ids, failed

    def read_period(self, row: RawRow, text: str, raw: dict[str, Any], problems: list[RowProblem]) -> set[str]:
        """Splits a period cell into the start and end fields; a cell that does not split is one problem."""
        assert self.period is not None
        start, end = self.period
        if not text:
            raw[start] = raw[end] = ""
            return set()
        halves = split_period(text, self.specs[start])
        if halves is None:
            problems.append(
                self.problem(
                    row,
                    PERIOD_COLUMN,
                    "period",
                    f"起止时间“{text}”无法分成开始和结束两个日期（如 2024.03-2025.12 或 2024-03-01 至 2025-12-31）",
                    f"The period “{text}” cannot be split into a start and an end date "
                    "(like 2024.03-2025.12 or 2024-03-01 to 2025-12-31)",
                )
            )
            return {start, end}
        raw[start], raw[end] = halves
        return set()
