"""The store's write generation: a number every committed write transaction moves on.

A long piece of work that read the store and acts on it later (the import checks a file, the user presses Import
minutes afterwards) asks whether anything was written in between: the same generation means the store is as it
was read, so what was decided from it still holds. Every writable session comes from `Store.write()`, which moves
the generation on in the same transaction as its writes, so nothing can be written and not be seen here.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from alliance_app.store import meta_keys

# The value is the JSON text of a number, like every store_meta value; SQLite adds to it as a number.
_BUMP = (
    "INSERT INTO store_meta (key, value) VALUES (?, '1') "
    "ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
)


def current(session: Session) -> int:
    """The generation as this session's transaction sees it (0: never written since the counter came)."""
    value = (
        session.connection()
        .exec_driver_sql("SELECT value FROM store_meta WHERE key = ?", (meta_keys.GENERATION,))
        .scalar()
    )
    return int(value) if value is not None else 0


def bump(session: Session) -> None:
    """Moves the generation on; called by `Store.write()` at the end of every write transaction."""
    session.connection().exec_driver_sql(_BUMP, (meta_keys.GENERATION,))
