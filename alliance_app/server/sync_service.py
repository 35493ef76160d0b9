"""Push (each mutation in its own transaction, answered once and remembered) and pull (pages in rev order)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import column, literal, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from alliance_app.models import RECORD_TYPES, RECORDS_BY_KIND, RECORDS_BY_TABLE, Actor, SyncedRecord
from alliance_app.server.db import Database, Revs, committed_rev
from alliance_app.server.errors import ApiError
from alliance_app.server.push import Context, Rejected, apply_mutation
from alliance_app.server.records import record_state
from alliance_app.server.tables import MutationRecord
from alliance_app.sync.protocol import (
    ChecksumsResponse,
    KindChecksum,
    Mutation,
    MutationOutcome,
    PullResponse,
    RecordState,
    record_checksum,
)


def push_one(db: Database, account_id: int, actor: Actor, mutation: Mutation) -> MutationOutcome:
    """Applies one mutation in its own transaction, or answers what was answered the first time."""
    with db.write() as session:
        stored = session.get(MutationRecord, mutation.mutation_id)
        if stored is not None:
            if stored.account_id != account_id:
                return Rejected(
                    "mutation_id_taken", "这个变更编号已被其他账号使用", "This mutation id was used by another account"
                ).outcome(mutation.mutation_id)
            return MutationOutcome.model_validate(stored.outcome)
        revs = Revs(session)
        try:
            with session.begin_nested():
                outcome = apply_mutation(Context(session, actor, revs, mutation.mutation_id), mutation)
        except Rejected as refusal:
            outcome = refusal.outcome(mutation.mutation_id)
        except IntegrityError as error:
            outcome = Rejected(
                "constraint",
                "这项修改与服务器上的其他记录冲突，未能保存",
                f"The change clashes with other records on the server and was not saved ({error.orig})",
            ).outcome(mutation.mutation_id)
        else:
            revs.save()
        session.add(
            MutationRecord(
                mutation_id=mutation.mutation_id,
                account_id=account_id,
                kind=mutation.kind,
                record_id=mutation.record_id,
                outcome=outcome.model_dump(mode="json"),
            )
        )
        return outcome


def _cursor_too_old() -> ApiError:
    return ApiError(
        410,
        "cursor_too_old",
        "本机的同步进度已过期，需要重新下载全部记录（未上传的修改会保留）",
        "This desktop's sync position has expired; it must download all records again (unsent edits are kept)",
    )


def _page_revs(session: Session, cursor: int, upper: int, limit: int) -> list[tuple[int, str]]:
    """The smallest `limit + 1` (rev, table) pairs after the cursor, from the rev index of every table."""
    parts = []
    for cls in RECORD_TYPES:
        table = cls.__table__  # type: ignore[attr-defined]
        parts.append(
            select(table.c.rev.label("rev"), literal(table.name).label("tbl"))
            .where(table.c.rev > cursor, table.c.rev <= upper)
            .order_by(table.c.rev)
            .limit(limit + 1)
            .subquery()
            .select()
        )
    query = union_all(*parts).subquery()
    rows = session.execute(select(query.c.rev, query.c.tbl).order_by(column("rev")).limit(limit + 1)).all()
    return [(int(r[0]), str(r[1])) for r in rows]


def _prerequisites(session: Session, page: list[SyncedRecord], bound: int) -> list[SyncedRecord]:
    """Records the page refers to that the client cannot have yet (rev above the page), recursively."""
    have = {(r.kind, r.id) for r in page}
    extra: list[SyncedRecord] = []
    todo = list(page)
    while todo:
        wanted: dict[str, set[str]] = defaultdict(set)
        for record in todo:
            for fk in record.__table__.foreign_keys:  # type: ignore[attr-defined]
                target = getattr(record, fk.parent.key)
                kind = RECORDS_BY_TABLE[fk.column.table.name].kind
                if target and (kind, target) not in have:
                    wanted[kind].add(target)
        todo = []
        for kind, ids in wanted.items():
            cls = RECORDS_BY_KIND[kind]
            for record in session.scalars(select(cls).where(cls.id.in_(ids), cls.rev > bound)):
                have.add((kind, record.id))
                todo.append(record)
        extra.extend(todo)
    return extra


def pull(session: Session, actor: Actor, cursor: int, limit: int) -> PullResponse:
    upper, purged = committed_rev(session)
    if cursor > upper or (0 < cursor < purged):
        raise _cursor_too_old()
    revs = _page_revs(session, cursor, upper, limit)
    has_more = len(revs) > limit
    bound = revs[limit - 1][0] if has_more else upper
    tables = {t for rev, t in revs if rev <= bound}
    page: list[SyncedRecord] = []
    for cls in RECORD_TYPES:
        if cls.__tablename__ in tables:  # type: ignore[attr-defined]
            page.extend(session.scalars(select(cls).where(cls.rev > cursor, cls.rev <= bound)))
    page.sort(key=lambda r: r.rev or 0)
    extra = _prerequisites(session, page, bound)
    return PullResponse(
        changes=[record_state(r, actor) for r in page],
        prerequisites=[record_state(r, actor) for r in extra],
        cursor=bound,
        has_more=has_more,
        server_rev=upper,
    )


def checksums(session: Session, kinds: list[str] | None) -> ChecksumsResponse:
    upper, _ = committed_rev(session)
    result = {}
    for cls in RECORD_TYPES:
        if kinds and cls.kind not in kinds:
            continue
        pairs = session.execute(select(cls.id, cls.rev).where(cls.deleted.is_(False))).all()
        result[cls.kind] = KindChecksum(count=len(pairs), checksum=record_checksum((i, r) for i, r in pairs))
    return ChecksumsResponse(server_rev=upper, kinds=result)


def record_or_404(session: Session, actor: Actor, kind: str, record_id: str) -> RecordState:
    record = session.get(RECORDS_BY_KIND[kind], record_id)
    if record is None:
        raise ApiError(404, "not_found", "找不到这条记录", "No such record")
    return record_state(record, actor)
