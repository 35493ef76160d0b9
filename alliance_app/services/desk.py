"""The one API the window and the CLI call: an open store and the account working on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from alliance_app.models import RECORDS_BY_KIND, Actor, Problem, Role, write_refusal
from alliance_app.models.write_ops import WriteOp
from alliance_app.services import queries, writes
from alliance_app.services.changes import ChangeSet
from alliance_app.services.member_names import MemberDirectory
from alliance_app.services.queries import Page, RecordQuery
from alliance_app.services.record_save import LinkEdits, save_with_links
from alliance_app.settings import Settings, SettingsNotice, load_settings
from alliance_app.store import meta_keys
from alliance_app.store.engine import Store, open_store
from alliance_app.store.local_tables import OutboxEntry


@dataclass(frozen=True)
class StoreStatus:
    path: Path
    schema_revision: str
    demo: bool
    counts: dict[str, int]  # live records per kind
    pending: int  # outbox entries waiting to be pushed
    rejected: int  # outbox entries the server refused, kept for the user
    last_synced_at: str | None = None  # ISO UTC time of the last finished sync with the server; None: never

    def as_json(self) -> dict[str, Any]:
        return {
            "store": str(self.path),
            "schema_revision": self.schema_revision,
            "demo": self.demo,
            "counts": self.counts,
            "pending_edits": self.pending,
            "rejected_edits": self.rejected,
            "last_synced_at": self.last_synced_at,
        }


def store_status(store: Store) -> StoreStatus:
    """What the store holds and owes the server: live records per kind, the outbox's pending and refused edits,
    whether it is the demo alliance, and when it last synced (what `Desk.status()` reports, for any reader of the
    store: the report's figures say the same)."""
    with store.read() as session:
        counts = {
            kind: session.scalar(select(func.count(cls.id)).where(cls.deleted.is_(False))) or 0
            for kind, cls in RECORDS_BY_KIND.items()
        }
        by_state = dict(session.execute(select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)).all())
    synced = store.get_meta(meta_keys.LAST_SYNCED)
    return StoreStatus(
        store.path,
        store.schema_revision,
        bool(store.get_meta(meta_keys.DEMO, False)),
        counts,
        by_state.get("pending", 0),
        by_state.get("rejected", 0),
        str(synced) if synced else None,
    )


def actor_from_settings(settings: Settings, account: dict[str, Any] | None = None) -> Actor:
    """The logged-in sync account (store metadata ACCOUNT) when there is one, else the desktop's settings."""
    if account and account.get("username"):
        return Actor(
            username=account["username"], role=Role(account["role"]), member_id=account.get("member_id") or None
        )
    return Actor(
        username=settings.username or settings.account_role,
        role=Role(settings.account_role),
        member_id=settings.account_member_id or None,
    )


class Desk:
    """A user's desk: reads and writes on the local store as one account. Every write returns a ChangeSet."""

    def __init__(self, store: Store, actor: Actor):
        self.store = store
        self.actor = actor
        self.settings_notice: SettingsNotice | None = None  # how settings.json was read, for the user to see

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, read_only: bool = False) -> Desk:
        """`read_only`: a desk that only reads, and so may open while the window holds the store."""
        store = open_store(data_dir, read_only=read_only)
        settings = load_settings(store.data_dir)
        desk = cls(store, actor_from_settings(settings, store.get_meta(meta_keys.ACCOUNT)))
        desk.settings_notice = settings.notice
        return desk

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writes
    def create(self, kind: str, values: dict[str, Any]) -> ChangeSet:
        with self.store.write() as session:
            return writes.create(session, self.actor, kind, values)

    def update(self, kind: str, record_id: str, values: dict[str, Any]) -> ChangeSet:
        with self.store.write() as session:
            return writes.update(session, self.actor, kind, record_id, values)

    def save(
        self, kind: str, record_id: str | None, values: dict[str, Any], links: LinkEdits | None = None
    ) -> ChangeSet:
        """Creates or updates a record together with its link edits in one transaction (the form's Save):
        either all of it is saved or nothing, with every problem in one RecordNotSaved."""
        with self.store.write() as session:
            return save_with_links(session, self.actor, kind, record_id, values, links)

    def delete(self, kind: str, record_id: str) -> ChangeSet:
        with self.store.write() as session:
            return writes.delete(session, self.actor, kind, record_id)

    def restore(self, kind: str, record_id: str) -> ChangeSet:
        with self.store.write() as session:
            return writes.restore(session, self.actor, kind, record_id)

    # reads
    def get(self, kind: str, record_id: str) -> dict[str, Any]:
        with self.store.read() as session:
            record = writes.load(session, kind, record_id)
            return queries.visible(self.actor, kind, record.values())

    def page(self, kind: str, query: RecordQuery | None = None) -> Page:
        with self.store.read() as session:
            return queries.page(session, self.actor, kind, query or RecordQuery())

    def ids(self, kind: str, query: RecordQuery | None = None) -> list[str]:
        with self.store.read() as session:
            return queries.ids(session, kind, query or RecordQuery())

    def id_page(self, kind: str, query: RecordQuery) -> list[str]:
        """Like `ids`, but only the page `query.offset` / `query.limit` asks for."""
        with self.store.read() as session:
            return queries.id_page(session, kind, query)

    def rows(self, kind: str, record_ids: Sequence[str]) -> list[dict[str, Any]]:
        with self.store.read() as session:
            return queries.rows(session, self.actor, kind, record_ids)

    def count(self, kind: str, query: RecordQuery | None = None) -> int:
        with self.store.read() as session:
            return queries.count(session, kind, query or RecordQuery())

    def member_cities(self) -> list[str]:
        with self.store.read() as session:
            return queries.member_cities(session)

    def member_directory(self) -> MemberDirectory:
        """Every live member by each of its names: how a form's typed member is read, as the import reads it."""
        with self.store.read() as session:
            return MemberDirectory.load(session)

    def member_names(self) -> dict[str, tuple[str, str | None, str | None]]:
        with self.store.read() as session:
            return queries.member_names(session)

    def total(self, kind: str, field: str, query: RecordQuery | None = None) -> float:
        """The sum of a number field over the matching records (0 when none has a value)."""
        with self.store.read() as session:
            return queries.total(session, kind, field, query or RecordQuery())

    def refusal(
        self, kind: str, record: dict[str, Any] | None = None, *, op: str | None = None, changed: Sequence[str] = ()
    ) -> Problem | None:
        """None if this account may do `op` (default: edit `record`, or create one of `kind`), else the reason
        in both languages: what the window shows beside a read-only record or a disabled button."""
        op = op or (WriteOp.UPDATE if record else WriteOp.CREATE)
        owner = (record or {}).get("owner_member_id", self.actor.member_id)
        return write_refusal(self.actor, kind, op, owner_member_id=owner, changed=changed, values=record or {})

    def status(self) -> StoreStatus:
        return store_status(self.store)
