"""Checks every row of an import file before anything is written, and plans each row: create, update or unchanged.

Every problem is collected with its sheet row, column, cell text and a message in Chinese and English: each
field's parsing and rules (the models'), members named that do not exist, records the file names twice,
clashes with stored records (credit code, name), and what the account may not change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from alliance_app.models import (
    RECORDS_BY_KIND,
    MemberStatus,
    Problem,
    check_record,
    coerce_noting,
    field_specs,
    hidden_fields,
    is_uuid,
    new_id,
    write_plan,
)
from alliance_app.models.integrity import Fetch, Lookups, defaults, plain_fetch
from alliance_app.models.readings import Unreadable
from alliance_app.services.desk import Desk
from alliance_app.services.member_names import MemberDirectory
from alliance_app.services.transfer.cells import prepare, split_names, split_period
from alliance_app.services.transfer.columns import (
    ID_COLUMN,
    IMPORT_KINDS,
    NATURAL_KEYS,
    PARTNERS_COLUMN,
    PERIOD_COLUMN,
    columns_by_name,
    period_fields,
)
from alliance_app.services.transfer.existing import StoredRecords, keeps_default_when_empty, natural_key
from alliance_app.services.transfer.headers import (
    HeaderMatch,
    column_units,
    is_known_header,
    is_serial_header,
    match_headers,
)
from alliance_app.services.transfer.plan import (
    CREATE,
    INVALID,
    UNCHANGED,
    UPDATE,
    Cancelled,
    ImportPlan,
    PlannedRow,
    Progress,
    tick,
)
from alliance_app.services.transfer.problems import RowProblem, TransferError
from alliance_app.services.transfer.read import RawRow, RawTable, read_table
from alliance_app.services.transfer.rows import sort_rows


def _same(old: Any, new: Any) -> bool:
    """Equal as a user sees it: empty is empty, text differing in surrounding spaces or line ends is the same."""
    if old in (None, "") and new in (None, ""):
        return True
    if isinstance(old, str) and isinstance(new, str):
        return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()
    if isinstance(old, list) and isinstance(new, list):
        return sorted(old) == sorted(new)
    if isinstance(old, float | int) and isinstance(new, float | int) and not isinstance(old, bool):
        return abs(old - new) <= 1e-9 * max(1.0, abs(old))
    return bool(old == new)


class RowChecker:
    """Checks rows one by one, remembering what earlier rows named so duplicates inside the file are found."""

    def __init__(
        self,
        desk: Desk,
        kind: str,
        table: RawTable,
        mapping: Mapping[int, str],
        stored: StoredRecords,
        directory: MemberDirectory,
        look: Lookups,
    ):
        self.actor = desk.actor
        self.look = look
        self.kind = kind
        self.table = table
        self.index_of = {name: index for index, name in mapping.items()}
        self.period = period_fields(kind) if PERIOD_COLUMN in self.index_of else None
        # The file column each field's value comes from (a period column gives two fields).
        self.column_of = dict(self.index_of)
        if self.period:
            self.column_of.update(dict.fromkeys(self.period, self.index_of[PERIOD_COLUMN]))
        self.units = column_units(kind, table.headers, dict(mapping))
        self.conversions: list[RowProblem] = []
        self.stored = stored
        self.directory = directory
        self.specs = {s.name: s for s in field_specs(kind)}
        self.owner_column = RECORDS_BY_KIND[kind].owner_column
        # A liaison's file without the owner column means the liaison's own member.
        self.default_owner = (
            self.actor.member_id if self.owner_column and self.owner_column not in self.index_of else None
        )
        required = {s.name for s in field_specs(kind) if s.required}
        self.missing_required = required - set(self.column_of) - ({self.owner_column} if self.default_owner else set())
        self.creates_missing = False  # a row to create lacks a required column
        self.seen: dict[tuple[str, Any], int] = {}  # (what, value) → first row naming it
        self.defaults = defaults(kind)

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
                try:
                    raw[name] = prepare(spec, text, number_cell=index in row.numbers, unit=self.units.get(index))
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

    # which stored record
    def match(self, row: RawRow, row_id: str, values: dict[str, Any], problems: list[RowProblem]) -> str | None:
        """The stored record this row is: by id, else by credit code (members), else by natural key."""
        target = None
        if row_id:
            if not is_uuid(row_id):
                problems.append(
                    self.problem(
                        row,
                        ID_COLUMN,
                        "bad_id",
                        "编号格式不正确（应为导出时的编号，或留空）",
                        "Not a valid ID (keep the exported ID, or leave it empty)",
                    )
                )
                return None
            if row_id not in self.stored.values:
                problems.append(
                    self.problem(
                        row,
                        ID_COLUMN,
                        "unknown_id",
                        "本机数据中没有这个编号的记录；要作为新记录导入，请清空编号",
                        "No stored record has this ID; to import the row as a new record, clear the ID",
                    )
                )
                return None
            target = row_id
        credit_code = values.get("credit_code") if self.kind == "member" else None
        if credit_code:
            holder = self.stored.by_credit_code.get(credit_code)
            if holder and not target:  # a clash with another record is the write plan's to report
                target = holder
        key = natural_key(self.kind, values)
        others = [i for i in self.stored.by_key.get(key, []) if i != target] if key else []
        if target is None and len(others) == 1:
            candidate = others[0]
            stored_code = self.stored.values[candidate].get("credit_code") if self.kind == "member" else None
            if not (credit_code and stored_code and stored_code != credit_code):
                target = candidate
        elif target is None and len(others) > 1:
            problems.append(
                self.problem(
                    row,
                    None,
                    "ambiguous_record",
                    f"本机已有 {len(others)} 条相同的记录，无法判断要更新哪一条；请使用带“编号”列的导出文件",
                    f"{len(others)} stored records match this row, so which to update is unclear; "
                    "use an exported file with its ID column",
                )
            )
        return target

    def duplicate_in_file(
        self, row: RawRow, row_id: str, values: dict[str, Any], target: str | None
    ) -> RowProblem | None:
        """The first earlier row this one repeats: same id, credit code, natural key, or the same stored record."""
        key = natural_key(self.kind, values)
        key_names = NATURAL_KEYS[self.kind]
        labels = [(self.specs[n].zh, self.specs[n].en) for n in key_names]
        checks = [
            (("id", row_id), ID_COLUMN, "编号相同", "the same ID"),
            (
                ("credit_code", values.get("credit_code") if self.kind == "member" else None),
                "credit_code",
                "统一社会信用代码相同",
                "the same credit code",
            ),
            (
                ("key", key),
                key_names[-1],
                "、".join(z for z, _ in labels) + "相同",
                "the same " + " and ".join(e.lower() for _, e in labels),
            ),
            (("target", target), None, "是同一条已有记录", "the same stored record"),
        ]
        found = None
        for seen_key, name, zh, en in checks:
            if not seen_key[1]:
                continue
            first = self.seen.setdefault(seen_key, row.number)
            if first != row.number and found is None:
                found = self.problem(
                    row, name, "duplicate_in_file", f"与第 {first} 行重复（{zh}）", f"Repeats row {first} ({en})"
                )
        return found

    # the whole row
    def check(self, row: RawRow, problems: list[RowProblem]) -> PlannedRow:
        found: list[RowProblem] = []
        raw, row_id, partner_ids, failed = self.read_cells(row, found)
        values, coerce_problems, conversions = coerce_noting(self.kind, raw)
        found += [self.from_model(row, p) for p in coerce_problems]
        failed |= {p.field for p in coerce_problems if p.field}
        values = {k: v for k, v in values.items() if v is not None or not keeps_default_when_empty(self.kind, k)}
        target = self.match(row, row_id, values, found)
        repeated = self.duplicate_in_file(row, row_id, values, target)
        if repeated:
            found.append(repeated)
        old = self.stored.values.get(target) if target else None
        if old is None and self.missing_required:
            self.creates_missing = True
            failed |= self.missing_required
        full = {**(old or self.defaults), **values}
        old_status = MemberStatus(old["status"]) if old and self.kind == "member" else None
        found += [
            self.from_model(row, p)
            for p in check_record(self.kind, full, old_status=old_status)
            if p.field not in failed
        ]
        changed = self.changes(old, values) if old else values
        stored_partners = self.stored.partners.get(target or "", set())
        new_partners = [m for m in partner_ids if m not in stored_partners]
        # With a partners column the cell is the whole list, like any other cell: partners it no longer names go.
        listed = old is not None and PARTNERS_COLUMN in self.index_of
        gone = sorted(stored_partners - set(partner_ids)) if listed else []
        plan = self.plan(old, target, values, changed, bool(new_partners or gone))
        if plan is not None:
            found += [self.from_model(row, p) for p in plan.problems if p.code == "duplicate" and p.field not in failed]
            if not found and plan.permission is not None:
                found.append(self.from_model(row, plan.permission))
        problems += found
        if found or (old is None and self.missing_required):
            return PlannedRow(row.number, INVALID, target)
        if old is not None and not changed and not new_partners and not gone:
            return PlannedRow(row.number, UNCHANGED, target)
        written = changed if old else values
        self.conversions += [self.problem(row, c.field, c.code, c.zh, c.en) for c in conversions if c.field in written]
        before = {name: old[name] for name in changed} if old else {}
        return PlannedRow(row.number, UPDATE if old else CREATE, target, changed, new_partners, gone, before)

    def changes(self, old: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        """The fields whose value the row changes; a field the account may not see, left empty, is left alone."""
        hidden = hidden_fields(self.actor, self.kind, old.get("owner_member_id"))
        return {
            name: value
            for name, value in values.items()
            if not (name in hidden and value is None) and not _same(old[name], value)
        }

    def plan(
        self,
        old: dict[str, Any] | None,
        target: str | None,
        values: dict[str, Any],
        changed: dict[str, Any],
        partners_change: bool,
    ) -> write_plan.WritePlan | None:
        """The one write plan (models/write_plan.py) for this row, as the write would ask it: from it the row
        takes the account's permission (for the record, and so for its partner links, which the record's owner
        owns) and the clashes with stored records. The cells' own rules were checked above, each at its column."""
        if old is not None and not changed and not partners_change:
            return None  # nothing to write
        stored = None
        if old is not None:
            stored = write_plan.Stored({n: v for n, v in old.items() if n in self.specs}, old["owner_member_id"], False)
        op, given = ("update", changed) if old is not None else ("create", values)
        return write_plan.plan_write(self.actor, self.kind, op, target or new_id(), stored, given, self.look)


def _no_columns(kind: str, table: RawTable) -> RowProblem:
    first = "、".join(h for h in table.headers if h)[:120]
    return RowProblem(
        None,
        None,
        None,
        None,
        "",
        "no_columns",
        f"没有一列能对应到这类记录的字段（表头是：{first}）；请确认选择了正确的记录类型和工作表，或在导入向导中对应各列",
        f"No column matches a field of this kind of record (the header reads: {first}); check the record kind "
        "and the sheet, or map the columns in the import wizard",
    )


def _missing_columns(kind: str, missing: set[str]) -> RowProblem:
    specs = [s for s in field_specs(kind) if s.name in missing]
    return RowProblem(
        None,
        None,
        None,
        None,
        "",
        "missing_column",
        "缺少必填列：" + "、".join(s.zh for s in specs) + "；新记录无法导入（已有记录仍可更新）",
        "Required columns are missing: "
        + ", ".join(s.en for s in specs)
        + "; new records cannot be imported (stored records can still be updated)",
    )


def check_rows(
    desk: Desk,
    kind: str,
    table: RawTable,
    mapping: HeaderMatch | Mapping[int, str],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPlan:
    """Checks every row of `table` against the rules and the store, writing nothing; `mapping` is the header
    match or the user's own column → field mapping from a wizard."""
    if kind not in IMPORT_KINDS:
        raise TransferError(
            f"不能导入这类记录：{kind}（可导入：{'、'.join(IMPORT_KINDS)}）",
            f"Records of kind {kind} cannot be imported (importable: {', '.join(IMPORT_KINDS)})",
        )
    columns = dict(mapping.mapping if isinstance(mapping, HeaderMatch) else mapping)
    plan = ImportPlan(kind)
    plan.unknown_headers = [
        h for i, h in enumerate(table.headers) if i not in columns and h.strip() and not is_serial_header(h)
    ]
    if isinstance(mapping, HeaderMatch) and mapping.problems:
        plan.problems += mapping.problems
        plan.blocking = True
    if not any(name != ID_COLUMN for name in columns.values()):
        plan.problems.append(_no_columns(kind, table))
        plan.blocking = True
        return plan
    with desk.store.read() as session:  # the write plan reads the store as each row is checked
        stored = StoredRecords.load(session, kind)
        directory = MemberDirectory.load(session)
        checker = RowChecker(desk, kind, table, columns, stored, directory, Lookups(session, _remembering_fetch()))
        records, plan.notes = sort_rows(kind, table, columns)
        row_problems: list[RowProblem] = []
        total = len(records)
        for done, row in enumerate(records, start=1):
            plan.rows.append(checker.check(row, row_problems))
            tick(progress, cancelled, done, total)
    if checker.creates_missing:
        plan.problems.append(_missing_columns(kind, checker.missing_required))
    plan.problems += row_problems
    plan.conversions = checker.conversions
    if plan.count(CREATE):
        plan.defaults = _defaults_taken(kind, set(checker.column_of), checker.owner_column)
    plan.member_names = {i: directory.names[i] for i in _members_named(kind, plan) if i in directory.names}
    return plan


def _defaults_taken(kind: str, filled: set[str], owner_column: str | None) -> list[tuple[str, Any]]:
    """The fields new records take their default for, because no column of the file fills them."""
    return [
        (s.name, s.default_value())
        for s in field_specs(kind)
        if s.name not in filled and s.name != owner_column and not s.derived and s.has_default
    ]


def _members_named(kind: str, plan: ImportPlan) -> set[str]:
    """The member ids an update changes a member field from or to (the preview shows their names)."""
    refs = {s.name for s in field_specs(kind) if s.ref == "member"}
    named: set[str] = set()
    for row in plan.rows:
        for name in refs & set(row.before):
            named |= {v for v in (row.before[name], row.values.get(name)) if v}
    return named


def _remembering_fetch() -> Fetch:
    """A fetch for one check pass, which writes nothing: thousands of rows name the same few members, and the
    session's identity map holds records only weakly, so without this each row would load its member again
    (10,000 rows: 3.5 s instead of 1.2 s)."""
    seen: dict[tuple[str, Any], Any] = {}

    def fetch(session: Session, kind: str, record_id: Any) -> Any:
        key = (kind, record_id)
        if key not in seen:
            seen[key] = plain_fetch(session, kind, record_id)
        return seen[key]

    return fetch


def plan_file(
    desk: Desk,
    kind: str,
    path: str | Path,
    *,
    sheet: str | int | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> tuple[RawTable, ImportPlan]:
    """Reads a file and checks it with its own headers: steps 1–3 at once, for the command line."""
    table = read_table(path, sheet=sheet, is_header=is_known_header(kind))
    plan = check_rows(desk, kind, table, match_headers(kind, table.headers), progress=progress, cancelled=cancelled)
    return table, plan
