"""Push (a batch in one transaction, each mutation whole or not at all, each answered once and remembered) and pull.

A push first runs straight through: the records it writes are read and locked in one statement per kind, a
row once read is not read again, a mutation refused before it writes anything simply writes nothing, and the
whole push is flushed at its end, so its statements do not grow with the number of mutations. Should a
mutation be refused after it wrote something, or a key clash, the push is rolled back and run again with a
savepoint per mutation, each of which stands or falls alone (the rule for every push; the first run is only a
shortcut to the same result).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from alliance_app.models import RECORD_TYPES, RECORDS_BY_KIND, Actor, utc_now
from alliance_app.server import kind_sums
from alliance_app.server.db import CounterPastProvisional, Database, Revs, committed_rev
from alliance_app.server.errors import ApiError
from alliance_app.server.pull import pull, pull_json  # noqa: F401 - the routes and tests take them from here
from alliance_app.server.push import MutationContext, apply_mutation, save_log
from alliance_app.server.push_conflicts import conflict_out
from alliance_app.server.records import HELD, hold_all, record_state
from alliance_app.server.refusals import Rejected
from alliance_app.server.tables import Conflict, MutationRecord
from alliance_app.sync.protocol import (
    ChecksumsResponse,
    KindChecksum,
    Mutation,
    MutationOutcome,
    RecordState,
    record_checksum,
)


def _clash(mutation_id: str, error: IntegrityError) -> MutationOutcome:
    return Rejected(
        "constraint",
        "这项修改与服务器上的其他记录冲突，未能保存",
        f"The change clashes with other records on the server and was not saved ({error.orig})",
    ).outcome(mutation_id)


def _apply_in_savepoint(
    session: Session, revs: Revs, actor: Actor, mutation: Mutation, max_open_conflicts: int
) -> tuple[MutationOutcome, list]:
    """One mutation under its own savepoint: all of it stands, or none of it (and its revs are handed back).
    A clash on a key is tried once more: on PostgreSQL another push may just have created the same link."""
    for attempt in (1, 2):
        mark = revs.mark()
        ctx = MutationContext(session, actor, revs, mutation.mutation_id, max_open_conflicts=max_open_conflicts)
        try:
            with session.begin_nested():
                outcome = apply_mutation(ctx, mutation)
        except Rejected as refusal:
            revs.rewind(mark)
            return refusal.outcome(mutation.mutation_id), []
        except IntegrityError as error:
            revs.rewind(mark)
            if attempt == 2:
                return _clash(mutation.mutation_id, error), []
        else:
            return outcome, ctx.log_rows
    raise AssertionError("unreachable")


class _RunAgain(Exception):
    """The straight run met something only savepoints can undo: the push is redone a savepoint per mutation."""


def _apply_straight(
    session: Session, revs: Revs, actor: Actor, mutation: Mutation, max_open_conflicts: int
) -> tuple[MutationOutcome, list]:
    """One mutation without a savepoint: a refusal before its first revision has written nothing (every write
    takes a revision first), so it is answered as it is; anything else needs the savepoints."""
    mark = revs.mark()
    ctx = MutationContext(
        session, actor, revs, mutation.mutation_id, max_open_conflicts=max_open_conflicts, deferred=True
    )
    try:
        outcome = apply_mutation(ctx, mutation)
    except Rejected as refusal:
        if revs.mark() != mark:
            raise _RunAgain from refusal
        return refusal.outcome(mutation.mutation_id), []
    except IntegrityError as error:
        raise _RunAgain from error
    return outcome, ctx.log_rows


# session.info key: True when the login check's statement counted none of the push's mutation ids among those seen
# before (`seen_before_column`), so `_push_batch` need not look them up.
NONE_SEEN = "none_seen_before"


@cache
def seen_before_column() -> Any:
    """How many of the ids bound as `mutation_ids` were pushed before: a column the push route reads with its
    login check (deps.login_and_more), since nearly every push is of new mutations. Built once."""
    remembered = cast(Table, MutationRecord.__table__)
    ids: Any = bindparam("mutation_ids", expanding=True)
    return select(func.count()).where(remembered.c.mutation_id.in_(ids)).scalar_subquery()


def _push_batch(
    session: Session,
    account_id: int,
    actor: Actor,
    mutations: list[Mutation],
    max_open_conflicts: int,
    straight: bool = False,
) -> list[MutationOutcome]:
    ids = {m.mutation_id for m in mutations}
    remembered = cast(Table, MutationRecord.__table__)
    asked = select(remembered.c.mutation_id, remembered.c.account_id, remembered.c.outcome)
    known: dict[str, tuple[int, Any]] = {}
    if not session.info.pop(NONE_SEEN, False):
        known = {
            row.mutation_id: (row.account_id, row.outcome)
            for row in session.execute(asked.where(remembered.c.mutation_id.in_(ids)))
        }
    if straight:
        hold_all(session, {(m.kind, m.record_id) for m in mutations if m.mutation_id not in known})
    apply = _apply_straight if straight else _apply_in_savepoint
    revs = Revs(session, provisional=True)
    outcomes: list[MutationOutcome] = []
    log_rows: list[dict[str, Any]] = []
    answered: list[tuple[Mutation, MutationOutcome]] = []
    for mutation in mutations:
        if mutation.mutation_id in known:
            owner, stored = known[mutation.mutation_id]
            if owner != account_id:
                outcomes.append(_taken(mutation.mutation_id))
            elif isinstance(stored, MutationOutcome):  # earlier in this very batch
                outcomes.append(stored)
            else:
                outcomes.append(_replay(session, actor, mutation, stored))
            continue
        outcome, rows = apply(session, revs, actor, mutation, max_open_conflicts)
        log_rows.extend(rows)
        known[mutation.mutation_id] = (account_id, outcome)
        answered.append((mutation, outcome))
        outcomes.append(outcome)
    if straight:
        try:
            real = revs.finish(in_memory=True)  # flushes the whole push
            session.flush()
        except IntegrityError as error:
            raise _RunAgain from error
        # Only now: the registry's references keep the push's rows in the session's (weak) identity map until
        # their revs are moved.
        session.info.pop(HELD, None)
    else:
        real = revs.finish()
    for row in log_rows:
        row["rev"] = real(row["rev"])
    for _, outcome in answered:
        if outcome.rev is not None:
            outcome.rev = real(outcome.rev)
        if outcome.record is not None:
            outcome.record.rev = real(outcome.record.rev)
    save_log(session, log_rows)
    if answered:
        received = utc_now()
        session.execute(
            insert(remembered),
            [
                {
                    "mutation_id": mutation.mutation_id,
                    "account_id": account_id,
                    "kind": mutation.kind,
                    "record_id": mutation.record_id,
                    "outcome": _remembered(outcome),
                    "received_at": received,
                }
                for mutation, outcome in answered
            ],
        )
    revs.save()
    return outcomes


def _remembered(outcome: MutationOutcome) -> dict[str, Any]:
    """What is kept of an answer for a retried push: its verdict, and the ids of its conflicts. The record's
    values are already in the record and the change log, and the conflicts in their table; a copy of them in
    every remembered answer made each pushed value take room three and four times over."""
    kept = outcome.model_dump(mode="json", exclude={"record", "conflicts"})
    kept["conflict_ids"] = [c.id for c in outcome.conflicts]
    return kept


def _replay(session: Session, actor: Actor, mutation: Mutation, stored: dict[str, Any]) -> MutationOutcome:
    """A remembered answer told again, with the record and its conflicts as they are now (a retry may come
    after later changes; the desktop applies the record where it has no later edit, as with any answer)."""
    ids = stored.get("conflict_ids") or []
    found = {c.id: c for c in session.scalars(select(Conflict).where(Conflict.id.in_(ids)))} if ids else {}
    record = RECORDS_BY_KIND[mutation.kind]
    current = session.get(record, mutation.record_id) if stored.get("status") != "rejected" else None
    answer = {k: v for k, v in stored.items() if k not in ("conflict_ids", "record", "conflicts")}
    outcome = MutationOutcome.model_validate(answer)
    outcome.conflicts = [conflict_out(found[i]) for i in ids if i in found]
    if stored.get("record") is not None:  # remembered before answers were kept slim
        outcome.record = RecordState.model_validate(stored["record"])
    elif current is not None:
        outcome.record = record_state(current, actor)
    return outcome


def _taken(mutation_id: str) -> MutationOutcome:
    return Rejected(
        "mutation_id_taken", "这个变更编号已被其他账号使用", "This mutation id was used by another account"
    ).outcome(mutation_id)


# PostgreSQL: deadlock, serialization failure, and a unique clash on the mutation id (the same push sent twice
# at once: the retry then finds the first one's answer). The whole batch is rolled back and done again.
_RETRY_PGCODES = {"40P01", "40001", "23505"}
_ATTEMPTS = 4


def _outcomes(outcomes: list[MutationOutcome]) -> Any:
    return outcomes


def push_batch(
    db: Database,
    who: tuple[int, Actor] | Callable[[Session], tuple[int, Actor]],
    mutations: list[Mutation],
    *,
    answer: Callable[[list[MutationOutcome]], Any] = _outcomes,
) -> Any:
    """Applies a push in one transaction, each mutation whole or not at all (see above), or answers what was answered
    before for mutation ids already seen. Revs are taken (and the counter locked) only after validation.
    `who` is the pushing account's id and actor, or reads them (the login check) first thing in the transaction.
    `answer` turns the outcomes into the reply inside the transaction: a reply that cannot be built rolls the
    push back, so the desktop never misses the answer to something that was committed."""
    straight = True
    attempt = 0
    while attempt < _ATTEMPTS:
        attempt += 1
        try:
            with db.write() as session:
                account_id, actor = who(session) if callable(who) else who
                return answer(_push_batch(session, account_id, actor, mutations, db.max_open_conflicts, straight))
        except _RunAgain:
            straight, attempt = False, attempt - 1  # the same attempt, with a savepoint per mutation
            continue
        except CounterPastProvisional:
            attempt -= 1  # the same attempt, its revisions now taken under the counter's lock from the first
            continue
        except DBAPIError as error:
            code = getattr(error.orig, "sqlstate", None)
            if attempt == _ATTEMPTS or not db.is_postgres or code not in _RETRY_PGCODES:
                raise
            time.sleep(random.uniform(0.005, 0.05) * attempt)
    raise AssertionError("unreachable")


def checksums(session: Session, kinds: list[str] | None, at: int | None = None) -> ChecksumsResponse:
    """Per kind: the count and `record_checksum` of its live records now, read whole; or, asked `at` a revision
    the kinds' running sums still reach (kind_sums.py), their count and `record_sum` as of it, without reading
    the records."""
    upper, _ = committed_rev(session)
    asked = [cls.kind for cls in RECORD_TYPES if not kinds or cls.kind in kinds]
    sums = kind_sums.as_of(session, asked, at) if at is not None else None
    if sums is not None:
        counted = {kind: KindChecksum(**entry) for kind, entry in kind_sums.wire(sums).items()}
        return ChecksumsResponse(server_rev=upper, kinds=counted, at=at)
    result = {}
    for kind in asked:
        cls = RECORDS_BY_KIND[kind]
        pairs = session.execute(select(cls.id, cls.rev).where(cls.deleted.is_(False))).all()
        result[kind] = KindChecksum(count=len(pairs), checksum=record_checksum((i, r) for i, r in pairs))
    return ChecksumsResponse(server_rev=upper, kinds=result)


def record_or_404(session: Session, actor: Actor, kind: str, record_id: str) -> RecordState:
    record = session.get(RECORDS_BY_KIND[kind], record_id)
    if record is None:
        raise ApiError(404, "not_found", "找不到这条记录", "No such record")
    return record_state(record, actor)
