"""What a sync leaves besides the records: its result, the open conflicts as the server lists them, and the sync
state forgotten when the desktop changes server."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from alliance_app.models import RECORDS_BY_KIND
from alliance_app.store.engine import Store
from alliance_app.store.local_tables import SyncConflict, SyncSeen
from alliance_app.store.meta_keys import CHECKED_AT, CURSOR, EPOCH, FULL_CHECK_AT, REPULL
from alliance_app.sync import replica
from alliance_app.sync.client import SyncClient
from alliance_app.sync.protocol import MAX_CONFLICT_PAGE, ConflictOut, conflicts_digest

CONFLICT_PAGE = MAX_CONFLICT_PAGE  # conflicts asked for per request


@dataclass
class SyncResult:
    outcomes: Counter[str] = field(default_factory=Counter)  # applied / merged / conflict / rejected
    pulled: int = 0
    cursor: int = 0
    new_conflicts: int = 0
    open_conflicts: int = 0
    repulled: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)  # still different after the re-pull
    pending: int = 0
    rejected: int = 0
    cancelled: bool = False
    restored: bool = False  # the server was restored from a backup: everything was pulled again
    lost: int = 0  # edits the restore lost, found by this sync (listed by `restore.lost_edits`)
    update_url: str | None = None  # the server has a newer release: where to get it ("" if not configured)

    @property
    def pushed(self) -> int:
        return sum(self.outcomes.values())


def list_conflicts(client: SyncClient) -> list[ConflictOut]:
    """Every open conflict this account may see, a page at a time (the server caps a page)."""
    listed: list[ConflictOut] = []
    while True:
        page = client.conflicts(after=listed[-1].id if listed else None, limit=CONFLICT_PAGE)
        listed += page
        if len(page) < CONFLICT_PAGE:
            return listed


def keep_open_conflicts(session: Session, listed: list[ConflictOut]) -> None:
    """The open conflicts this account may see, as the server listed them; ones gone from the list were
    resolved elsewhere."""
    replica.store_conflicts(session, listed)
    open_ids = {c.id for c in listed}
    session.execute(
        update(SyncConflict)
        .where(SyncConflict.resolved.is_(False), SyncConflict.id.not_in(open_ids))
        .values(resolved=True)
    )


def conflicts_held(store: Store, server_digest: str | None) -> bool:
    """This desktop holds open the very conflicts the server has open for its account, by the `conflicts_digest` of
    the pull's last page (None: the server did not say, as an older one does not)."""
    if server_digest is None:
        return False
    with store.read() as session:
        held = session.scalars(select(SyncConflict.id).where(SyncConflict.resolved.is_(False)))
        return conflicts_digest(held) == server_digest


def open_conflicts(session: Session) -> list[SyncConflict]:
    return list(
        session.scalars(select(SyncConflict).where(SyncConflict.resolved.is_(False)).order_by(SyncConflict.created_at))
    )


def forget_sync_state(session: Session, store: Store) -> None:
    """A different server: start from cursor 0 and, if this store holds records of another server, rebuild
    every kind (the outbox is kept)."""
    session.execute(delete(SyncSeen))
    store.set_meta(session, CURSOR, 0)
    store.set_meta(session, CHECKED_AT, None)
    store.set_meta(session, FULL_CHECK_AT, None)
    synced_before = any(
        session.scalar(select(cls.id).where(cls.rev.is_not(None)).limit(1)) for cls in RECORDS_BY_KIND.values()
    )
    store.set_meta(session, REPULL, sorted(RECORDS_BY_KIND) if synced_before else None)
    store.set_meta(session, EPOCH, None)
