"""The sync service the window and the CLI call: login, logout, sync with progress and cancel, conflicts and
their resolution — plain results and SyncErrors, no Qt."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, text, update

from alliance_app.settings import Settings, save_settings
from alliance_app.store.engine import Store
from alliance_app.store.local_tables import OutboxEntry, SyncConflict
from alliance_app.store.meta_keys import ACCOUNT, SERVER_URL
from alliance_app.sync import errors, replica, restore
from alliance_app.sync.client import ClientOptions, SyncClient, normalise_url
from alliance_app.sync.credentials import TokenVault
from alliance_app.sync.engine import SyncEngine
from alliance_app.sync.errors import SyncError
from alliance_app.sync.protocol import TokenPair
from alliance_app.sync.state import SyncResult, forget_sync_state, open_conflicts

if TYPE_CHECKING:
    import httpx


@dataclass(frozen=True)
class LoginResult:
    server_url: str
    username: str
    role: str
    member_id: str | None
    warning: SyncError | None  # e.g. no keyring: the login lasts for this run only


@dataclass(frozen=True)
class RejectedEdit:
    """An edit the server refused, kept with everything typed and the server's reason."""

    seq: int
    kind: str
    record_id: str
    op: str
    changes: dict[str, Any]
    code: str | None
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ConflictView:
    id: str
    kind: str
    record_id: str
    field: str
    base: Any
    theirs: Any
    mine: Any
    kept: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class HistoryLine:
    """One field change the server accepted: who, when (naive UTC), field, old → new (wire form)."""

    rev: int
    op: str
    field: str
    old: Any
    new: Any
    changed_by: str
    changed_at: datetime


class DeskSync:
    """Sync of one store with the server it is logged in to. `transport` lets tests put faults at the edge."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        vault: TokenVault | None = None,
        transport: httpx.BaseTransport | None = None,
        options: ClientOptions | None = None,
    ):
        self.store = store
        self.settings = settings
        self.vault = vault or TokenVault()
        self.transport = transport
        self.options = options
        self._client: SyncClient | None = None

    # ---- who and where ---------------------------------------------------------------------------------

    @property
    def server_url(self) -> str | None:
        value = self.store.get_meta(SERVER_URL)
        return str(value) if value else None

    @property
    def account(self) -> dict[str, Any] | None:
        value = self.store.get_meta(ACCOUNT)
        return dict(value) if value else None

    def unsent(self) -> tuple[int, int]:
        """(pending, rejected) outbox entries."""
        with self.store.read() as session:
            rows = dict(session.execute(select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)).all())
        return rows.get("pending", 0), rows.get("rejected", 0)

    def _new_client(self, server_url: str, username: str) -> SyncClient:
        def keep(pair: TokenPair) -> None:
            self.vault.save(server_url, username, pair.refresh_token)

        return SyncClient(
            server_url,
            ca_bundle=self.settings.ca_bundle,
            proxy=self.settings.proxy,
            transport=self.transport,
            options=self.options,
            on_tokens=keep,
        )

    # ---- login and logout ------------------------------------------------------------------------------

    def login(self, server_url: str, username: str, password: str, *, force: bool = False) -> LoginResult:
        """Logs in; switching to another server or account with unsent edits needs `force`, and keeps them."""
        url = normalise_url(server_url)
        if not username.strip() or not password:  # said here, not by a server that may not be reachable
            raise errors.missing_login(username)
        old_url, old_account = self.server_url, self.account
        switching = old_url is not None and (old_url != url or (old_account or {}).get("username") != username)
        if switching and not force:
            pending, rejected = self.unsent()
            if pending or rejected:
                raise errors.unsent_edits(pending, rejected)
        client = self._new_client(url, username)
        try:
            pair = client.login(username, password)
        except BaseException:
            client.close()
            raise
        if switching and old_url and old_account:
            self.vault.delete(old_url, old_account["username"])
        with self.store.write() as session:
            if old_url != url:
                forget_sync_state(session, self.store)
            self.store.set_meta(session, SERVER_URL, url)
            account = pair.account
            self.store.set_meta(
                session, ACCOUNT, {"username": account.username, "role": account.role, "member_id": account.member_id}
            )
        self.settings.server_url, self.settings.username = url, username
        save_settings(self.store.data_dir, self.settings)
        self._replace_client(client)
        self.vault.usable()
        return LoginResult(url, pair.account.username, pair.account.role, pair.account.member_id, self.vault.warning)

    def logout(self) -> None:
        """Signs this desktop out (the server revokes the login when reachable); the records, the outbox and
        the account the edits were made as stay."""
        url, account = self.server_url, self.account
        if not url or not account:
            return
        try:
            client = self._connected()
            client.logout()
        except SyncError:
            pass  # offline or already expired: forgetting the token here is what matters
        finally:
            self.vault.delete(url, account["username"])
            self._replace_client(None)

    def _forget_login(self) -> None:
        url, account = self.server_url, self.account
        if url and account:
            self.vault.delete(url, account["username"])
        self._replace_client(None)

    def _replace_client(self, client: SyncClient | None) -> None:
        if self._client is not None:
            self._client.close()
        self._client = client

    def _connected(self, password: str | None = None) -> SyncClient:
        """A client holding a usable login: this run's, the keyring's refresh token, or a password."""
        url, account = self.server_url, self.account
        if not url or not account:
            raise errors.not_logged_in()
        if self._client is not None and self._client.refresh_token:
            return self._client
        username = account["username"]
        client = self._new_client(url, username)
        token = self.vault.load(url, username)
        if token:
            client.refresh_token = token
        elif password is not None:
            client.login(username, password)
        else:
            client.close()
            raise self.vault.warning if self.vault.warning and not self.vault.usable() else errors.not_logged_in()
        self._replace_client(client)
        return client

    def close(self) -> None:
        self._replace_client(None)

    # ---- sync --------------------------------------------------------------------------------------------

    def sync(
        self,
        progress: Callable[[str, int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        *,
        password: str | None = None,
    ) -> SyncResult:
        client = self._connected(password)
        try:
            return SyncEngine(self.store, client, progress=progress, cancelled=cancelled).run()
        except SyncError as error:
            if error.code in ("refresh_reused", "login_expired"):
                self._forget_login()  # the stored token is dead: the next try needs a new login
            raise

    # ---- conflicts ---------------------------------------------------------------------------------------

    def conflicts(self) -> list[ConflictView]:
        with self.store.read() as session:
            return [
                ConflictView(
                    c.id, c.kind, c.record_id, c.field, c.base, c.theirs, c.mine, c.kept, c.created_by, c.created_at
                )
                for c in open_conflicts(session)
            ]

    def resolve(self, conflict_id: str, keep: str, *, password: str | None = None) -> None:
        """Makes the record hold `keep` ("mine" or "theirs") on the server and here."""
        with self.store.read() as session:
            found = session.get(SyncConflict, conflict_id)
        if found is None:
            raise SyncError(
                "unknown_conflict",
                f"没有编号为 {conflict_id} 的未处理冲突（先同步以获取最新冲突列表）",
                f"No open conflict with id {conflict_id} (sync first to get the latest list)",
            )
        client = self._connected(password)
        try:
            answer = client.resolve(conflict_id, keep)
        except SyncError as error:
            if error.status != 409:
                raise
            with self.store.write() as session:  # someone resolved it already; the next pull brings the value
                found = session.get(SyncConflict, conflict_id)
                if found is not None:
                    found.resolved = True
            return
        with self.store.write() as session:
            session.execute(text("PRAGMA defer_foreign_keys=ON"))
            replica.apply_states(session, [answer.record.model_dump(mode="json")], replica.pending_fields(session))
            replica.store_conflicts(session, [answer.conflict])

    # ---- history -----------------------------------------------------------------------------------------

    def history(self, kind: str, record_id: str, *, password: str | None = None) -> list[HistoryLine]:
        """The record's change history as the server logged it, oldest first; needs a login and the server."""
        client = self._connected(password)
        try:
            answer = client.history(kind, record_id)
        except SyncError as error:
            if error.code in ("refresh_reused", "login_expired"):
                self._forget_login()
            if error.status == 404:
                raise errors.not_on_server() from None
            raise
        return [HistoryLine(e.rev, e.op, e.field, e.old, e.new, e.changed_by, e.changed_at) for e in answer.entries]

    # ---- edits the server refused ------------------------------------------------------------------------

    def rejected_edits(self) -> list[RejectedEdit]:
        with self.store.read() as session:
            entries = session.scalars(
                select(OutboxEntry).where(OutboxEntry.state == "rejected").order_by(OutboxEntry.seq)
            ).all()
        found = []
        for entry in entries:
            reason = json.loads(entry.error_message or "{}")
            found.append(
                RejectedEdit(
                    entry.seq,
                    entry.kind,
                    entry.record_id,
                    entry.op,
                    dict(entry.changes),
                    entry.error_code,
                    reason.get("zh") or "",
                    reason.get("en") or "",
                )
            )
        return found

    def retry_rejected(self, seq: int) -> None:
        """Sends a refused edit again with the next sync (after the user fixed what the server objected to)."""
        with self.store.write() as session:
            session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.seq == seq, OutboxEntry.state == "rejected")
                .values(state="pending", error_code=None, error_message=None)
            )

    def discard_rejected(self, seq: int) -> None:
        """The user's explicit choice to drop a refused edit (the only way an edit leaves unsent)."""
        with self.store.write() as session:
            session.execute(delete(OutboxEntry).where(OutboxEntry.seq == seq, OutboxEntry.state == "rejected"))

    # ---- edits a server restore lost (sync/restore.py) -----------------------------------------------------

    def lost_edits(self) -> list[restore.LostEdit]:
        """What this desktop held that the restored server lacks, until the user sends it again or discards it."""
        return restore.lost_edits(self.store)

    def send_again(self, key: str) -> None:
        """Makes a lost edit again as a local edit of this account (pushed with the next sync)."""
        from alliance_app.services.desk import actor_from_settings

        restore.send_again(self.store, actor_from_settings(self.settings, self.account), key)

    def discard_lost(self, key: str) -> None:
        restore.discard(self.store, key)
