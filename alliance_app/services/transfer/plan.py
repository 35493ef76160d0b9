"""What an import will do, row by row, and what it did: the objects a wizard previews and a CLI prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alliance_app.services.changes import ChangeSet
from alliance_app.services.transfer.problems import RowProblem

Progress = Callable[[int, int], None]  # (done, total)
Cancelled = Callable[[], bool]

CREATE, UPDATE, UNCHANGED, INVALID = "create", "update", "unchanged", "invalid"


@dataclass
class PlannedRow:
    number: int  # the sheet row
    action: str  # create / update / unchanged / invalid
    record_id: str | None = None  # the stored record an update or unchanged row is
    values: dict[str, Any] = field(default_factory=dict)  # parsed values to write (for an update: the changed ones)
    partners: list[str] = field(default_factory=list)  # member ids to add as partners
    removed_partners: list[str] = field(default_factory=list)  # partner member ids the row no longer names


@dataclass
class ImportPlan:
    """Every row's fate and every problem found, before anything is written."""

    kind: str
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    unknown_headers: list[str] = field(default_factory=list)  # columns left out
    blocking: bool = False  # a problem of the whole file (a column named twice): nothing can be imported

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


def tick(progress: Progress | None, cancelled: Cancelled | None, done: int, total: int, every: int = 200) -> None:
    """Reports progress and honours a cancel request every `every` rows (and at the end)."""
    if done % every and done != total:
        return
    if cancelled is not None and cancelled():
        from alliance_app.services.transfer.problems import ImportCancelled

        raise ImportCancelled()
    if progress is not None:
        progress(done, total)
