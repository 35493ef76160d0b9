"""The operations a write can be: what a form, the CLI, an import row, a push's mutation and a conflict's resolve
ask for, and what the write plan decides is really done (a create of a tombstone's id is a revive)."""

from __future__ import annotations

from enum import StrEnum


class WriteOp(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    REVIVE = "revive"  # a deleted record brought back: by undo, or by an edit that meets its delete
    RESOLVE = "resolve"  # a conflict's kept value, written as the create, update, delete or revive it amounts to
