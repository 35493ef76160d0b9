"""Housekeeping on the server database: purging old tombstones, loading the demo alliance."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, exists, func, select, update

from alliance_app.models import RECORD_TYPES, utc_now
from alliance_app.server.db import Database
from alliance_app.server.tables import FieldRevs, RevCounter


def purge_tombstones(db: Database, older_than_days: int) -> tuple[int, int]:
    """Deletes tombstones older than the retention that nothing refers to; desktops whose cursor is below the
    newest purged rev are then told to re-pull (410). Returns (purged, purge horizon)."""
    cutoff = utc_now() - timedelta(days=older_than_days)
    purged, horizon = 0, 0
    with db.write(lock_revs=True) as session:
        for cls in reversed(RECORD_TYPES):  # children first, so their parents are no longer referred to
            table = cls.__table__  # type: ignore[attr-defined]
            query = select(table.c.id, table.c.rev).where(table.c.deleted.is_(True), table.c.updated_at < cutoff)
            for child in RECORD_TYPES:
                for fk in child.__table__.foreign_keys:  # type: ignore[attr-defined]
                    if fk.column.table is table:
                        query = query.where(~exists().where(fk.parent == table.c.id))
            rows = session.execute(query).all()
            if not rows:
                continue
            ids = [r[0] for r in rows]
            horizon = max(horizon, *(r[1] or 0 for r in rows))
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                session.execute(delete(table).where(table.c.id.in_(chunk)))
                session.execute(delete(FieldRevs).where(FieldRevs.kind == cls.kind, FieldRevs.record_id.in_(chunk)))
            purged += len(ids)
        if horizon:
            current = session.scalar(select(RevCounter.purged_rev).where(RevCounter.id == 1)) or 0
            session.execute(update(RevCounter).where(RevCounter.id == 1).values(purged_rev=max(current, horizon)))
        return purged, session.scalar(select(func.max(RevCounter.purged_rev))) or 0


def load_demo(db: Database, scale: int) -> int:
    raise NotImplementedError  # filled in once alliance_app.demo lands on main
