"""What an import will do, row by row, and what it did: the objects a wizard previews and a CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alliance_app.long_work import CancelCheck, Progress
from alliance_app.models import Actor
from alliance_app.models.write_plan import WritePlan
from alliance_app.services.changes import ChangeSet
from alliance_app.services.transfer.problems import RowProblem

# What the import does with one row of the file: not a WriteOp (an unchanged or invalid row writes nothing).
CREATE, UPDATE, UNCHANGED, INVALID = "create", "update", "unchanged", "invalid"


@dataclass(slots=True)  # 10,000 of them in a plan: no dict each
class PlannedRow:
    number: int  # the sheet row
    action: str  # create / update / unchanged / invalid
    record_id: str | None = None  # the stored record an update or unchanged row is
    values: dict[str, Any] = field(default_factory=dict)  # parsed values to write (for an update: the changed ones)
    partners: list[str] = field(default_factory=list)  # member ids to add as partners
    removed_partners: list[str] = field(default_factory=list)  # partner member ids the row no longer names
    before: dict[str, Any] = field(default_factory=dict)  # an update's stored values of the fields it changes
    # The check's write plan (models/write_plan.py) for the record, carried out as it is when the store has not
    # been written since the check (ImportPlan.generation); planned again otherwise.
    write: WritePlan | None = None
    # A new record's partner links, planned by the check like the record (carried out under the same condition).
    link_writes: tuple[WritePlan, ...] | None = None

    @property
    def erased(self) -> list[str]:
        """The fields an update empties (a blank cell where a value is stored)."""
        return [n for n, v in self.values.items() if v in (None, "", []) and self.before.get(n) not in (None, "", [])]


@dataclass
class ImportPlan:
    """Every row's fate and every problem found, before anything is written."""

    kind: str
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    unknown_headers: list[str] = field(default_factory=list)  # columns left out
    blocking: bool = False  # a problem of the whole file (a column named twice): nothing can be imported
    # What the user is shown besides problems, each a RowProblem whose code says what it is: a value stored in
    # another form than typed ("year_month", "unit", "city", "phone", ...), and rows the import leaves out or
    # takes with a remark ("summary_row", "template_row", "hidden_rows").
    conversions: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)
    # Fields that new records take a default for because no column fills them: (field name, default value).
    defaults: list[tuple[str, Any]] = field(default_factory=list)
    member_names: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # id → (Chinese, English name)
    # The store's write generation the check read it at, and the account it checked for (store/generation.py).
    generation: int | None = None
    actor: Actor | None = None

    @property
    def needs_confirmation(self) -> bool:
        """Defaults fill fields while columns of the file are left out (perhaps the very column that holds the
        field): the user confirms the defaults (--accept-defaults, the wizard's tick) before anything is written."""
        return bool(self.defaults) and bool(self.unknown_headers) and self.count(CREATE) > 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def invalid_rows(self) -> list[int]:
        return [r.number for r in self.rows if r.action == INVALID]

    def problems_of(self, row: int) -> list[RowProblem]:
        return [p for p in self.problems if p.row == row]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[int] = field(default_factory=list)  # rows left out (valid-only import of a file with mistakes)
    partners_added: int = 0
    partners_removed: int = 0
    backup: Path | None = None
    changes: ChangeSet = field(default_factory=ChangeSet)


def tick(progress: Progress | None, cancelled: CancelCheck | None, done: int, total: int, every: int = 200) -> None:
    """Reports progress and honours a cancel request every `every` rows (and at the end)."""
    if done % every and done != total:
        return
    if cancelled is not None and cancelled():
        from alliance_app.services.transfer.problems import ImportCancelled

        raise ImportCancelled()
    if progress is not None:
        progress(done, total)
