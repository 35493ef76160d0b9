"""Reads one import row's cells into field values: members named resolved to ids, partner lists split, a period
cell split into its start and end, each cell prepared for its field (units, number cells) and read by the models'
reading rules (`coerce_noting`). What cannot be read is a problem at its cell, in Chinese and English; the rules
of the record as a whole are the row check's (row_check.py).

A roster repeats its kinds, statuses, dates and members thousands of times, and what a cell gives its row is a
function of its column (the field, the header's unit), its text and whether it was a number in the file. So each
column reads each distinct text once per import (`CellReading`) and every later row takes that answer: one
lookup per cell. Each row still gets its own problems, at its own row, and its own copy of a list value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from alliance_app.models import RECORDS_BY_KIND, Conversion, FieldSpec, Problem, coerce_noting, field_specs
from alliance_app.models.readings import Unreadable
from alliance_app.models.spacing import is_plain_line
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
from alliance_app.services.transfer.existing import keeps_default_when_empty
from alliance_app.services.transfer.headers import column_units
from alliance_app.services.transfer.problems import RowProblem
from alliance_app.services.transfer.read import RawRow, RawTable


@dataclass(frozen=True, slots=True)
class CellReading:
    """What one cell's text gives its row, the same for every row with that text in that column."""

    values: tuple[tuple[str, Any], ...] = ()  # (field, value) the row takes, in field order
    unreadable: tuple[Problem, ...] = ()  # what the text itself cannot give (a name finding no member, …)
    problems: tuple[Problem, ...] = ()  # what the fields' reading rules say of the value
    conversions: tuple[Conversion, ...] = ()
    failed: frozenset[str] = frozenset()  # fields left without a value by a problem
    row_id: str = ""  # the ID column's text
    partners: tuple[str, ...] = ()  # the partners column's member ids


# Most cells give one value and nothing else (no problem, no conversion, no list to copy): such a reading is just
# the pair (field, value), which a row takes as it is. Made for every distinct text, so it is kept this cheap.
Reading = tuple[str, Any] | CellReading


@dataclass(slots=True)
class RowCells:
    """One row's cells read: field values, its id and partners, problems (at their cells) and conversions."""

    values: dict[str, Any] = field(default_factory=dict)
    row_id: str = ""
    partners: list[str] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)
    problems: list[RowProblem] = field(default_factory=list)  # the cells' own, then the reading rules'
    conversions: list[Conversion] = field(default_factory=list)


Read = Callable[[str, bool], Reading]

_PLAIN_AMOUNT = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,15})?")  # no sign, unit, exponent, spaces or other digits


def _shortcut(spec: FieldSpec, header_unit: bool, read: Read) -> Read | None:
    """A column's reading of the texts that are new on nearly every row (titles, descriptions, amounts), taken
    without the reading rules where their answer is known: a plain text field's text is itself, stripped; a plain
    decimal in a money column without a unit in its header is that number. Anything else, `read` (the rules).
    tests/transfer/test_cells_read_once.py holds each shortcut equal to the rules for any text (a one-line text
    with odd spacing goes to the rules: models/spacing.py)."""
    name = spec.name
    if spec.type == "long_text" and spec.check is None:

        def long_text(cell: str, number_cell: bool) -> Reading:
            stripped = cell.strip()
            return (name, stripped) if stripped else read(cell, number_cell)

        return long_text
    if spec.type == "text" and spec.check is None and not spec.city:

        def text(cell: str, number_cell: bool) -> Reading:  # a one-line text is itself when its spacing is plain
            stripped = cell.strip()
            return (name, stripped) if stripped and is_plain_line(stripped) else read(cell, number_cell)

        return text
    if spec.type == "number" and not header_unit:

        def amount(cell: str, number_cell: bool) -> Reading:
            return (name, float(cell)) if _PLAIN_AMOUNT.fullmatch(cell) else read(cell, number_cell)

        return amount
    return None


class CellReader:
    """Where each field's value is in the file's rows, and how a row's cells become field values."""

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
        self.owner_column = RECORDS_BY_KIND[kind].owner_column
        # A liaison's file without the owner column means the liaison's own member.
        self.default_owner = (
            self.actor.member_id if self.owner_column and self.owner_column not in self.index_of else None
        )
        # Per column: its index, its readings of texts and of number cells so far, and how it reads a new text.
        self.columns: list[tuple[int, dict[str, Reading], dict[str, Reading], Read]] = [
            (index, {}, {}, self._reader(name, index)) for name, index in self.index_of.items()
        ]
        self.keeps_default = frozenset(n for n in self.specs if keeps_default_when_empty(kind, n))
        self.owner_reading = (
            self.reading({self.owner_column: self.default_owner}) if self.default_owner and self.owner_column else None
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

    # a row
    def read_cells(self, row: RawRow) -> RowCells:
        """The row's field values (members resolved to ids), its id cell, its partner ids, what failed and why."""
        cells, numbers = row.cells, row.numbers
        values: dict[str, Any] = {}
        found = RowCells(values, "", [], set(), [], [])
        rules: list[Problem] = []
        for index, texts, number_texts, read in self.columns:
            text = cells[index]
            number_cell = index in numbers
            known = number_texts if number_cell else texts
            reading = known.get(text)
            if reading is None:
                reading = known[text] = read(text, number_cell)
            if isinstance(reading, tuple):
                values[reading[0]] = reading[1]
                continue
            for name, value in reading.values:
                values[name] = list(value) if type(value) is list else value  # each row's own list
            if reading.unreadable:
                found.problems += [self.from_model(row, p) for p in reading.unreadable]
            rules += reading.problems
            found.conversions += reading.conversions
            found.failed |= reading.failed
            if reading.row_id:
                found.row_id = reading.row_id
            if reading.partners:
                found.partners = list(reading.partners)
        owner = self.owner_reading
        if isinstance(owner, tuple):
            values[owner[0]] = owner[1]
        elif owner is not None:
            values.update(owner.values)
            rules += owner.problems
        found.problems += [self.from_model(row, p) for p in rules]
        found.failed |= {p.field for p in rules if p.field}
        return found

    # a column's texts, each read once
    def _reader(self, name: str, index: int) -> Read:
        if name == ID_COLUMN:
            return lambda text, _number: CellReading(row_id=text.strip())
        if name == PARTNERS_COLUMN:
            return lambda text, _number: self.read_partners(text.strip())
        if name == PERIOD_COLUMN:
            return lambda text, _number: self.read_period(text.strip())
        spec = self.specs[name]
        if spec.ref == "member":
            return lambda text, number: self.read_member(spec, text.strip(), number, self.units.get(index))
        read: Read = lambda text, number: self.read_text(spec, text.strip(), number, self.units.get(index))  # noqa: E731
        return _shortcut(spec, index in self.units, read) or read

    def reading(self, raw: dict[str, Any]) -> Reading:
        """The reading rules' answer for `raw` (field → prepared text or member id), as the row takes it: a field
        that cannot be empty but has a default takes no value from an empty cell ("as before")."""
        values, problems, conversions = coerce_noting(self.kind, raw)
        kept = tuple((n, v) for n, v in values.items() if v is not None or n not in self.keeps_default)
        if len(kept) == 1 and type(kept[0][1]) is not list and not (problems or conversions):
            return kept[0]
        return CellReading(kept, (), tuple(problems), tuple(conversions))

    def read_text(self, spec: FieldSpec, text: str, number_cell: bool, unit: str | None) -> Reading:
        try:
            prepared = prepare(spec, text, number_cell=number_cell, unit=unit)
        except Unreadable as unreadable:
            problem = Problem(spec.name, "type", f"{spec.zh}：“{text}”{unreadable.zh}", f"{spec.en}: “{text}” "
                              f"{unreadable.en}")  # fmt: skip
            return CellReading(unreadable=(problem,), failed=frozenset({spec.name}))
        return self.reading({spec.name: prepared})

    def read_member(self, spec: FieldSpec, text: str, number_cell: bool, unit: str | None) -> Reading:
        if not text:
            return self.read_text(spec, text, number_cell, unit)
        member_id, problem = self.directory.resolve(spec.name, text)
        if problem is not None:
            return CellReading(unreadable=(problem,), failed=frozenset({spec.name}))
        return self.reading({spec.name: member_id})

    def read_partners(self, text: str) -> CellReading:
        ids: list[str] = []
        problems: list[Problem] = []
        for part in split_names(text):
            found = self.directory.find(part)
            if len(found) != 1 and ("," in part or "，" in part):
                split = self.comma_names(part)
                if split is not None:
                    ids += split
                    continue
            member_id, problem = self.directory.resolve(PARTNERS_COLUMN, part)
            if problem is not None:
                problems.append(problem)
            if member_id:
                ids.append(member_id)
        return CellReading(unreadable=tuple(problems), partners=tuple(dict.fromkeys(ids)))

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

    def read_period(self, text: str) -> Reading:
        """Splits a period cell into the start and end fields; a cell that does not split is one problem."""
        assert self.period is not None
        start, end = self.period
        if not text:
            return self.reading({start: "", end: ""})
        halves = split_period(text, self.specs[start])
        if halves is None:
            problem = Problem(
                PERIOD_COLUMN,
                "period",
                f"起止时间“{text}”无法分成开始和结束两个日期（如 2024.03-2025.12 或 2024-03-01 至 2025-12-31）",
                f"The period “{text}” cannot be split into a start and an end date "
                "(like 2024.03-2025.12 or 2024-03-01 to 2025-12-31)",
            )
            return CellReading(unreadable=(problem,), failed=frozenset({start, end}))
        return self.reading({start: halves[0], end: halves[1]})
