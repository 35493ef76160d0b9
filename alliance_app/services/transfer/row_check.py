"""Checks one import row against the rules and the store and plans it: create, update, unchanged or invalid.

Each field's parsing and rules (the models'), the stored record the row is (by id, credit code or natural key),
rows repeating earlier ones, and the one write plan (models/write_plan.py) for what the account may change and the
clashes with stored records. Every problem is at its sheet row and column, in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from alliance_app.models import (
    PARTNER_LINKS,
    MemberStatus,
    SyncedRecord,
    check_record,
    coerce_collecting,
    hidden_fields,
    is_uuid,
    link_id,
    new_id,
    write_plan,
)
from alliance_app.models.integrity import Lookups, defaults
from alliance_app.models.write_ops import WriteOp
from alliance_app.services.desk import Desk
from alliance_app.services.member_names import MemberDirectory
from alliance_app.services.transfer.columns import ID_COLUMN, NATURAL_KEYS, PARTNERS_COLUMN
from alliance_app.services.transfer.existing import StoredRecords, natural_key
from alliance_app.services.transfer.plan import CREATE, INVALID, UNCHANGED, UPDATE, PlannedRow
from alliance_app.services.transfer.problems import RowProblem
from alliance_app.services.transfer.read import RawRow, RawTable
from alliance_app.services.transfer.row_cells import CellReader


def same_to_the_user(old: Any, new: Any) -> bool:
    """Equal as a user reads a spreadsheet (the preview's "unchanged"), not as a write compares (same_on_the_wire):
    empty is empty, text differing in surrounding spaces or line ends is the same."""
    if old in (None, "") and new in (None, ""):
        return True
    if isinstance(old, str) and isinstance(new, str):
        return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()
    if isinstance(old, list) and isinstance(new, list):
        return sorted(old) == sorted(new)
    if isinstance(old, float | int) and isinstance(new, float | int) and not isinstance(old, bool):
        return abs(old - new) <= 1e-9 * max(1.0, abs(old))
    return bool(old == new)


@dataclass(frozen=True, slots=True)
class _PlannedParent:
    """A record this import is to create, as its partner links' plans read it: what the store will hold once the
    record is written (its owner, live). The rules read nothing else of a link's parent."""

    owner_member_id: str | None
    deleted: bool = False


class RowChecker(CellReader):
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
        super().__init__(desk, kind, table, mapping, directory)
        self.look = look
        self.conversions: list[RowProblem] = []
        self.stored = stored
        required = {s.name for s in self.specs.values() if s.required}
        self.missing_required = required - set(self.column_of) - ({self.owner_column} if self.default_owner else set())
        self.creates_missing = False  # a row to create lacks a required column
        self.seen: dict[tuple[str, Any], int] = {}  # (what, value) → first row naming it
        key_names = NATURAL_KEYS[kind]
        labels = [(self.specs[n].zh, self.specs[n].en) for n in key_names]
        # What makes a row repeat an earlier one: (what, the column to point at, the reason in zh and en).
        self.repeats = [
            ("id", ID_COLUMN, "编号相同", "the same ID"),
            ("credit_code", "credit_code", "统一社会信用代码相同", "the same credit code"),
            ("key", key_names[-1], "、".join(z for z, _ in labels) + "相同",
             "the same " + " and ".join(e.lower() for _, e in labels)),
            ("target", None, "是同一条已有记录", "the same stored record"),
        ]  # fmt: skip
        self.defaults = defaults(kind)

    # which stored record
    def match(
        self, row: RawRow, row_id: str, values: dict[str, Any], key: tuple[str, ...] | None, problems: list[RowProblem]
    ) -> str | None:
        """The stored record this row is: by id, else by credit code (members), else by natural key `key`."""
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
        self, row: RawRow, row_id: str, values: dict[str, Any], key: tuple[str, ...] | None, target: str | None
    ) -> RowProblem | None:
        """The first earlier row this one repeats: same id, credit code, natural key, or the same stored record."""
        credit_code = values.get("credit_code") if self.kind == "member" else None
        found = None
        for (what, name, zh, en), value in zip(self.repeats, (row_id, credit_code, key, target), strict=True):
            if not value:
                continue
            seen_key = (what, value)
            first = self.seen.setdefault(seen_key, row.number)
            if first != row.number and found is None:
                found = self.problem(
                    row, name, "duplicate_in_file", f"与第 {first} 行重复（{zh}）", f"Repeats row {first} ({en})"
                )
        return found

    # the whole row
    def check(self, row: RawRow, problems: list[RowProblem]) -> PlannedRow:
        cells = self.read_cells(row)
        found, values, failed = cells.problems, cells.values, cells.failed
        row_id, partner_ids = cells.row_id, cells.partners
        key = natural_key(self.kind, values)
        target = self.match(row, row_id, values, key, found)
        repeated = self.duplicate_in_file(row, row_id, values, key, target)
        if repeated:
            found.append(repeated)
        old = self.stored.values.get(target) if target else None
        if old is None and self.missing_required:
            self.creates_missing = True
            failed |= self.missing_required
        full = {**(old or self.defaults), **values}
        old_status = MemberStatus(old["status"]) if old and self.kind == "member" else None
        rules = write_plan.Checked(full, old_status, tuple(check_record(self.kind, full, old_status=old_status)))
        found += [self.from_model(row, p) for p in rules.problems if p.field not in failed]
        changed = self.changes(old, values) if old else values
        stored_partners = self.stored.partners.get(target or "", set())
        new_partners = [m for m in partner_ids if m not in stored_partners]
        # With a partners column the cell is the whole list, like any other cell: partners it no longer names go.
        listed = old is not None and PARTNERS_COLUMN in self.index_of
        gone = sorted(stored_partners - set(partner_ids)) if listed else []
        plan = self.plan(old, target, values, changed, bool(new_partners or gone), rules)
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
        self.conversions += [
            self.problem(row, c.field, c.code, c.zh, c.en) for c in cells.conversions if c.field in written
        ]
        before = {name: old[name] for name in changed} if old else {}
        action = UPDATE if old else CREATE
        write = plan if plan is not None and not plan.refused else None
        links = self.plan_links(write, new_partners) if write is not None and old is None else None
        return PlannedRow(row.number, action, target, changed, new_partners, gone, before, write, links)

    def changes(self, old: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        """The fields whose value the row changes; a field the account may not see, left empty, is left alone."""
        hidden = hidden_fields(self.actor, self.kind, old.get("owner_member_id"))
        return {
            name: value
            for name, value in values.items()
            if not (name in hidden and value is None) and not same_to_the_user(old[name], value)
        }

    def plan(
        self,
        old: dict[str, Any] | None,
        target: str | None,
        values: dict[str, Any],
        changed: dict[str, Any],
        partners_change: bool,
        rules: write_plan.Checked | None = None,
    ) -> write_plan.WritePlan | None:
        """The one write plan (models/write_plan.py) for this row, as the write would ask it: from it the row
        takes the account's permission (for the record, and so for its partner links, which the record's owner
        owns) and the clashes with stored records. The cells' own rules were checked above, each at its column;
        the plan reuses that answer (`rules`) where it checks the very same values."""
        if old is not None and not changed and not partners_change:
            return None  # nothing to write
        stored = None
        if old is not None:
            stored = write_plan.Stored({n: v for n, v in old.items() if n in self.specs}, old["owner_member_id"], False)
        op, given = (WriteOp.UPDATE, changed) if old is not None else (WriteOp.CREATE, values)
        return write_plan.plan_write(
            self.actor, self.kind, op, target or new_id(), stored, given, self.look, checked=rules
        )

    def plan_links(self, parent: write_plan.WritePlan, members: list[str]) -> tuple[write_plan.WritePlan, ...] | None:
        """The write plans of a new record's partner links, as the write would ask them once the record is in the
        store. None when one is refused: the write then plans them again and refuses the row as before.
        Only for a record this import creates: its id is new, so none of its links can be stored yet."""
        if self.kind not in PARTNER_LINKS or not members:
            return () if not members else None
        link_kind, parent_column = PARTNER_LINKS[self.kind]
        planned = cast(SyncedRecord, _PlannedParent(parent.owner_after))  # read like the stored record it will be
        fetch = self.look.fetch

        def read(session: Any, kind: str, record_id: Any) -> SyncedRecord | None:
            return planned if kind == self.kind and record_id == parent.record_id else fetch(session, kind, record_id)

        look = Lookups(self.look.session, read)
        plans = []
        for member_id in members:
            given, failed = coerce_collecting(link_kind, {parent_column: parent.record_id, "member_id": member_id})
            record_id = link_id(link_kind, given)
            assert record_id is not None
            plan = write_plan.plan_write(
                self.actor, link_kind, WriteOp.CREATE, record_id, None, given, look, failed=failed
            )
            if plan.refused:
                return None
            plans.append(plan)
        return tuple(plans)
