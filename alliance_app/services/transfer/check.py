"""Checks every row of an import file before anything is written, and plans each row: create, update or unchanged.

The file as a whole is checked here (columns that match no field, required columns missing, the defaults new
records take); each row by the row check (row_check.py, reading its cells through row_cells.py). Every problem is
collected with its sheet row, column, cell text and a message in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_app.long_work import no_gc_pauses
from alliance_app.models import Member, field_specs
from alliance_app.models.integrity import Fetch, Lookups, plain_fetch
from alliance_app.services.desk import Desk
from alliance_app.services.member_names import MemberDirectory
from alliance_app.services.transfer.columns import ID_COLUMN, IMPORT_KINDS
from alliance_app.services.transfer.existing import StoredRecords
from alliance_app.services.transfer.headers import HeaderMatch, is_known_header, is_serial_header, match_headers
from alliance_app.services.transfer.plan import CREATE, CancelCheck, ImportPlan, Progress, tick
from alliance_app.services.transfer.problems import RowProblem, TransferError
from alliance_app.services.transfer.read import RawTable, read_table
from alliance_app.services.transfer.row_check import RowChecker
from alliance_app.services.transfer.rows import sort_rows
from alliance_app.store import generation


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
    cancelled: CancelCheck | None = None,
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
    likelier = mapping.likelier if isinstance(mapping, HeaderMatch) else None
    if not any(name != ID_COLUMN for name in columns.values()):
        plan.problems.append(_no_columns(kind, table))
        plan.blocking = True
        plan.notes = [likelier] if likelier is not None else []
        return plan
    # The write plan reads the store as each row is checked; 10,000 planned rows are kept, so no GC rescans.
    with no_gc_pauses(), desk.store.read() as session:
        # Read before anything else the check reads: any write the check may have missed moves it on (apply.py).
        plan.generation, plan.actor = generation.current(session), desk.actor
        stored = StoredRecords.load(session, kind)
        directory = MemberDirectory.load(session)
        look = Lookups(session, _remembering_fetch(session))
        checker = RowChecker(desk, kind, table, columns, stored, directory, look)
        records, plan.notes = sort_rows(kind, table, columns)
        plan.notes[:0] = [likelier] if likelier is not None else []
        row_problems: list[RowProblem] = []
        total = len(records)
        for done, row in enumerate(records, start=1):
            plan.rows.append(checker.check(row, row_problems))
            tick(progress, cancelled, done, total)
        missing = checker.missing_required if checker.creates_missing else None
        plan.conversions = checker.conversions
        filled, owner_column = set(checker.column_of), checker.owner_column
        # What only the check needed (each distinct text's reading, the rows seen, the stored records: as many
        # objects as the plan itself) goes before collections resume, so none has them to scan.
        del checker, stored, look, records
    if missing is not None:
        plan.problems.append(_missing_columns(kind, missing))
    plan.problems += row_problems
    if plan.count(CREATE):
        plan.defaults = _defaults_taken(kind, filled, owner_column)
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


def _remembering_fetch(session: Session) -> Fetch:
    """A fetch for one check pass, which writes nothing: thousands of rows name the same few members, and the
    session's identity map holds records only weakly, so without this each row would load its member again
    (10,000 rows: 3.5 s instead of 1.2 s). The members, which rows name most, come in one query first."""
    seen: dict[tuple[str, Any], Any] = {("member", m.id): m for m in session.scalars(select(Member))}

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
    cancelled: CancelCheck | None = None,
) -> tuple[RawTable, ImportPlan]:
    """Reads a file and checks it with its own headers: steps 1–3 at once, for the command line."""
    with no_gc_pauses():  # 10,000 rows of cells made and kept: no collections rescanning them as they come
        table = read_table(path, sheet=sheet, is_header=is_known_header(kind))
    plan = check_rows(desk, kind, table, match_headers(kind, table.headers), progress=progress, cancelled=cancelled)
    return table, plan
