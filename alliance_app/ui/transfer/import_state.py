"""What the import wizard's steps find, handed from step to step in one plain object (no widget in it), so the
steps do not reach into the wizard or into each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alliance_app.services import Desk
from alliance_app.services.transfer import (
    HeaderMatch,
    ImportPlan,
    ImportResult,
    RawTable,
    check_rows,
    is_known_header,
    match_headers,
    read_table,
)


@dataclass
class ImportState:
    kind: str  # the kind of records the file holds
    fixed_kind: bool  # opened from a list page: the kind is that page's
    path: Path | None = None
    table: RawTable | None = None
    match: HeaderMatch | None = None
    mapping: dict[int, str] = field(default_factory=dict)  # file column → field name
    plan: ImportPlan | None = None
    valid_only: bool = False  # the clerk chose to import only the rows without problems
    accept_defaults: bool = False  # the clerk accepted the defaults for fields no column fills
    result: ImportResult | None = None


@dataclass(frozen=True)
class FileRead:
    """The file's table and how its header matched: what the first step's background work brings back."""

    path: Path
    table: RawTable
    match: HeaderMatch


def read_file(kind: str, path: Path, sheet: str | None) -> FileRead:
    """Reads the file (slow on a big workbook): runs on a worker, never on the window's thread."""
    table = read_table(path, sheet=sheet, is_header=is_known_header(kind))
    return FileRead(path, table, match_headers(kind, table.headers))


def check_file(desk: Desk, kind: str, table: RawTable, mapping: dict[int, str]) -> ImportPlan:
    """Checks every row against the store (slow on a big file): runs on a worker, only reading the store."""
    return check_rows(desk, kind, table, mapping)
