"""One sync: push the outbox in batches, pull pages until the server has nothing more, repeat until nothing is
pending; then check per-kind counts and checksums against the server and re-pull a kind that differs.

Every step commits what it learnt in one SQLite transaction (a batch's outcomes; a page and its cursor), so a
crash or a dropped connection at any point resumes cleanly: pushes are idempotent by mutation id, and the
cursor is never ahead of the data it stands for.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from alliance_app.models import RECORDS_BY_KIND, ValidationError, utc_now
from alliance_app.store.engine import Store
from alliance_app.store.local_tables import OutboxEntry, StoreMeta, SyncConflict, SyncSeen
from alliance_app.store.meta_keys import (
    ACCOUNT,
    CURSOR,
    EPOCH,
    LAST_SYNCED,
    REFETCH,
    REPULL,
    SET_ASIDE,
)
from alliance_app.sync import check, errors, replica, restore
from alliance_app.sync.client import SyncClient
from alliance_app.sync.errors import CursorTooOld, SyncError
from alliance_app.sync.protocol import MAX_PULL_PAGE, MAX_PUSH_BATCH, ConflictOut
from alliance_app.sync.state import SyncResult, conflicts_held, keep_open_conflicts, list_conflicts

MAX_ROUNDS = 10

SyncProgress = Callable[[str, int, int], None]  # (phase, done, total); a file task's Progress has no phase


def _meta(session: Session, key: str) -> Any:
    row = session.get(StoreMeta, key)
    return None if row is None else row.value


def _defer_foreign_keys(session: Session) -> None:
    # A page may name a record before the parent it refers to; SQLite checks the keys at commit instead.
    session.execute(text("PRAGMA defer_foreign_keys=ON"))


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: SyncClient,
        *,
        progress: SyncProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
        page_size: int = MAX_PULL_PAGE,
        batch_size: int = MAX_PUSH_BATCH,
    ):
        self.store = store
        self.client = client
        self.progress = progress or (lambda phase, done, total: None)
        self.cancelled = cancelled or (lambda: False)
        self.page_size = page_size
        self.batch_size = batch_size
        self.result = SyncResult()
        self.touched: set[str] = set()  # kinds this sync pushed or pulled: the ones the check must compare
        self.conflicts_digest: str | None = None  # of the server's open conflicts, by the last pull's last page
        self.sums: Any = None  # the kinds' sums as of its cursor, by the last pull's last page (sync/check.py)

    @contextmanager
    def _server_answer(self) -> Iterator[None]:
        """Applying what the server sent, in one transaction: a value a record cannot hold, a reference to a
        record that is nowhere, a member missing from a record is one sentence, and the transaction rolls
        back, so the records, the cursor and the outbox stay as they were."""
        try:
            yield
        except IntegrityError:
            raise errors.bad_answer(
                self.client.url,
                "与本机记录的规则不符，例如引用了不存在的记录或填了字段不接受的值",
                "it breaks the records' rules, such as a reference to a record that exists nowhere or a value no "
                "field takes",
            ) from None
        except ValidationError as error:
            raise errors.bad_answer(self.client.url, error.message("zh")[:200], error.message("en")[:200]) from None
        except (KeyError, TypeError, ValueError) as error:
            detail = f"{type(error).__name__}: {error}"[:200]
            raise errors.bad_answer(self.client.url, f"缺少或错误的内容（{detail}）", detail) from None

    # ---- the whole sync --------------------------------------------------------------------------------

    def run(self) -> SyncResult:
        self.client.start_deadline()
        self._know_epoch()
        try:
            self._rounds()
        except SyncError as error:
            if error.code != restore.HISTORY_CHANGED:
                raise
            self._after_restore()  # once: the re-pull below runs in the new history
            self._rounds()
        self.result.update_url = self.client.update_url
        self._summarise()
        return self.result

    def _know_epoch(self) -> None:
        """Names the server history this store belongs to on every request. A store that knows none yet (its
        first sync, or synced by a release without epochs) learns it from the answers, with the first page it
        writes (`_take_page`); a server that names none (an older protocol) leaves it unknown."""
        self.client.epoch = self.store.get_meta(EPOCH) or None

    def _after_restore(self) -> None:
        """The server was restored: set aside what the lost history holds, rebase the outbox, pull everything."""
        info = self.client.epoch_info()
        with self.store.write() as session:  # one transaction: a crash leaves the old history or the new
            restore.begin(session, self.store, info.epoch, info.since_rev)
            self._start_repull(list(RECORDS_BY_KIND), session)
        self.client.epoch = info.epoch
        self.result.restored = True

    def _rounds(self) -> None:
        from concurrent.futures import Future, ThreadPoolExecutor

        result = self.result
        listed: Future[list[ConflictOut]] | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="sync-conflicts") as side:
            for _ in range(MAX_ROUNDS):
                self._refetch_refused()
                if not self._push_all():
                    result.cancelled = True
                    break
                if not self._pull_all():
                    result.cancelled = True
                    break
                if not self._pending_count():
                    break
            if not result.cancelled and not self._pending_count():
                # The conflict list is asked for only when the pull's last page says it changed (while the check
                # runs); once more if the check had to pull again and it changed meanwhile.
                if not conflicts_held(self.store, self.conflicts_digest):
                    listed = side.submit(list_conflicts, self.client)
                self._check()
                if listed is None and not conflicts_held(self.store, self.conflicts_digest):
                    listed = side.submit(list_conflicts, self.client)
                if listed is not None:
                    self._refresh_conflicts(listed.result())
                with self.store.write() as session:
                    self.store.set_meta(session, LAST_SYNCED, utc_now().isoformat())

    def _summarise(self) -> None:
        with self.store.read() as session:
            by_state = dict(session.execute(select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)).all())
            self.result.open_conflicts = (
                session.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved.is_(False)))
                or 0
            )
        self.result.pending = by_state.get("pending", 0)
        self.result.rejected = by_state.get("rejected", 0)
        self.result.cursor = int(self.store.get_meta(CURSOR, 0) or 0)

    def _pending_count(self) -> int:
        with self.store.read() as session:
            return session.scalar(select(func.count()).where(OutboxEntry.state == "pending")) or 0

    # ---- push --------------------------------------------------------------------------------------------

    def _push_all(self) -> bool:
        total, done = self._pending_count(), 0
        last_seq = 0
        while True:
            if self.cancelled():
                return False
            with self.store.read() as session:
                entries = list(
                    session.scalars(
                        select(OutboxEntry)
                        .where(OutboxEntry.state == "pending", OutboxEntry.seq > last_seq)
                        .order_by(OutboxEntry.seq)
                        .limit(self.batch_size)
                    )
                )
            if not entries:
                return True
            outcomes = self.client.push([replica.push_item(e) for e in entries])
            self._take_outcomes(entries, outcomes)
            self._refetch_refused()
            last_seq = entries[-1].seq
            done += len(entries)
            self.progress("push", done, max(total, done))

    def _take_outcomes(self, entries: list[OutboxEntry], outcomes: list[dict[str, Any]]) -> None:
        """One transaction: entries leave the outbox (or stay as rejected), records take the server's state
        under the edits still pending, conflicts are kept."""
        by_id = {o["mutation_id"]: o for o in outcomes}
        with self._server_answer(), self.store.write() as session:
            _defer_foreign_keys(session)
            refused: list[list[str]] = list(_meta(session, REFETCH) or [])
            states = []
            for entry in entries:
                outcome = by_id.get(entry.mutation_id)
                if outcome is None:
                    continue  # not answered: stays pending for the next try
                status = outcome["status"]
                self.result.outcomes[status] += 1
                if status == "rejected":
                    message = {"zh": outcome.get("zh"), "en": outcome.get("en"), "problems": outcome.get("problems")}
                    session.execute(
                        update(OutboxEntry)
                        .where(OutboxEntry.seq == entry.seq)
                        .values(
                            state="rejected",
                            error_code=outcome.get("code"),
                            error_message=json.dumps(message, ensure_ascii=False),
                            attempts=entry.attempts + 1,
                        )
                    )
                    refused.append([entry.kind, entry.record_id])
                    continue
                session.execute(delete(OutboxEntry).where(OutboxEntry.seq == entry.seq))
                self.touched.add(entry.kind)
                if outcome.get("record"):
                    states.append(outcome["record"])
                conflicts = [ConflictOut.model_validate(c) for c in outcome.get("conflicts") or []]
                self.result.new_conflicts += replica.store_conflicts(session, conflicts)
            # The newest state of each record, under the edits still waiting (later ones, or unanswered).
            replica.apply_states(session, states, replica.pending_fields(session))
            self.store.set_meta(session, REFETCH, refused)

    def _refetch_refused(self) -> None:
        """Records whose edit the server refused go back to the server's state (the refused edit stays in the
        outbox, marked rejected with its message, so nothing typed is lost)."""
        refused = self.store.get_meta(REFETCH, []) or []
        for kind, record_id in refused:
            state = self.client.record(kind, record_id)
            with self._server_answer(), self.store.write() as session:
                _defer_foreign_keys(session)
                if state is None:
                    if (kind, record_id) not in replica.pending_fields(session):
                        replica.tombstone_local(session, kind, record_id)
                else:
                    replica.apply_states(session, [state], replica.pending_fields(session))
                left = [pair for pair in _meta(session, REFETCH) or [] if pair != [kind, record_id]]
                self.store.set_meta(session, REFETCH, left)

    # ---- pull --------------------------------------------------------------------------------------------

    def _pull_all(self) -> bool:
        from concurrent.futures import ThreadPoolExecutor

        cursor = int(self.store.get_meta(CURSOR, 0) or 0)
        start, restarted = cursor, False
        # The next page is fetched while this one is written: the server's time and ours overlap. Only the
        # written page moves the stored cursor, so a crash or a cancel still resumes exactly.
        with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as fetcher:
            coming = fetcher.submit(self.client.pull, cursor, self.page_size)
            while True:
                try:
                    page = coming.result()
                except CursorTooOld:
                    if restarted or cursor == 0:
                        raise
                    restarted = True  # once: a fresh pull from 0 cannot be too old again
                    self._start_repull(list(RECORDS_BY_KIND))
                    cursor = start = 0
                    coming = fetcher.submit(self.client.pull, cursor, self.page_size)
                    continue
                if page["has_more"]:
                    coming = fetcher.submit(self.client.pull, page["cursor"], self.page_size)
                self._take_page(page)
                cursor = page["cursor"]
                self.progress("pull", cursor - start, max(page["server_rev"] - start, cursor - start))
                if not page["has_more"]:
                    self.conflicts_digest = page.get("conflicts_digest")
                    self.sums = page.get("sums")
                    break
                if self.cancelled():
                    return False
        if self.store.get_meta(REPULL):
            self._finish_repull()
        return True

    def _take_page(self, page: dict[str, Any]) -> None:
        states = page["prerequisites"] + page["changes"]
        learnt = self.client.seen_epoch if self.client.epoch is None else None
        if not states and page["cursor"] == int(self.store.get_meta(CURSOR, 0) or 0) and not learnt:
            return  # nothing new: no write at all (the common case of a sync with nothing to do)
        if page["cursor"] < int(self.store.get_meta(CURSOR, 0) or 0):
            raise errors.bad_answer(self.client.url, "下载进度倒退", "the pull went backwards")
        # A kind this release does not know (a newer server's) is ignored, here and in the check.
        self.touched.update(state["kind"] for state in states if state["kind"] in RECORDS_BY_KIND)
        repulling = bool(self.store.get_meta(REPULL))
        with self._server_answer(), self.store.write() as session:
            _defer_foreign_keys(session)
            pending = replica.pending_fields(session)
            self.result.pulled += replica.apply_states(session, states, pending)
            if repulling and states:
                seen = {(s["kind"], s["id"]) for s in states}
                rows = session.execute(
                    select(SyncSeen.kind, SyncSeen.record_id).where(
                        SyncSeen.record_id.in_([record_id for _, record_id in seen])
                    )
                )
                have = {(row[0], row[1]) for row in rows}
                fresh = list(seen - have)
                if fresh:
                    session.connection().exec_driver_sql(
                        "INSERT INTO sync_seen (kind, record_id) VALUES (?, ?)",
                        fresh,
                    )
            self.store.set_meta(session, CURSOR, page["cursor"])
            if learnt:  # the history these records and this cursor belong to, kept with them
                self.store.set_meta(session, EPOCH, learnt)
        if learnt:
            self.client.epoch = learnt

    def _start_repull(self, kinds: list[str], session: Session | None = None) -> None:
        """From cursor 0 again, keeping the outbox; the records of `kinds` not delivered are then swept."""
        with self.store.write() if session is None else nullcontext(session) as session:
            session.execute(delete(SyncSeen))
            self.store.set_meta(session, REPULL, sorted(kinds))
            self.store.set_meta(session, CURSOR, 0)
        self.result.repulled = sorted(set(self.result.repulled) | set(kinds))

    def _finish_repull(self) -> None:
        kinds = self.store.get_meta(REPULL) or []
        with self.store.write() as session:
            kept = replica.pending_fields(session)
            for kind in kinds:
                cls = RECORDS_BY_KIND[kind]
                seen = select(SyncSeen.record_id).where(SyncSeen.kind == kind)
                gone = session.scalars(
                    select(cls.id).where(cls.rev.is_not(None), cls.deleted.is_(False), cls.id.not_in(seen))
                ).all()
                for record_id in gone:
                    if (kind, record_id) not in kept:
                        replica.tombstone_local(session, kind, record_id)
            session.execute(delete(SyncSeen))
            self.store.set_meta(session, REPULL, None)
            if _meta(session, SET_ASIDE) is not None:
                account = (_meta(session, ACCOUNT) or {}).get("username", "")
                self.result.lost += restore.settle(session, self.store, kept, account)

    # ---- check and conflicts -----------------------------------------------------------------------------

    def _check(self) -> None:
        check.check(self)  # sync/check.py

    def _refresh_conflicts(self, listed: list[ConflictOut]) -> None:
        self.progress("conflicts", 0, 1)
        with self.store.write() as session:
            keep_open_conflicts(session, listed)
        self.progress("conflicts", 1, 1)
