"""Writes a checked import plan: a store backup first, then every row through the services in one transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_app.long_work import no_gc_pauses
from alliance_app.models import PARTNER_LINKS, RECORDS_BY_KIND, Member, ValidationError, link_id
from alliance_app.services import writes
from alliance_app.services.changes import ChangeSet
from alliance_app.services.desk import Desk
from alliance_app.services.transfer.plan import (
    CREATE,
    UNCHANGED,
    UPDATE,
    CancelCheck,
    ImportPlan,
    ImportResult,
    PlannedRow,
    Progress,
    tick,
)
from alliance_app.services.transfer.problems import TransferError
from alliance_app.services.writes import PermissionRefused, RecordNotFound
from alliance_app.store import generation


def _refuse_plan(plan: ImportPlan, valid_only: bool, accept_defaults: bool) -> None:
    if plan.blocking:
        raise TransferError(
            "文件的表头有问题，未导入任何数据；请先改正表头。",
            "The file's header row has a problem, so nothing was imported; correct the header first.",
        )
    if plan.problems and not valid_only:
        n = len(plan.problems)
        raise TransferError(
            f"文件中有 {n} 个问题，未导入任何数据；请改正后重新导入，或选择只导入正确的行。",
            f"The file has {n} problem(s), so nothing was imported; correct them and import again, "
            "or choose to import only the valid rows.",
        )
    if plan.needs_confirmation and not accept_defaults:
        raise TransferError(
            "新记录的部分字段没有对应的列，将取默认值，而文件中又有未能对应的列；未导入任何数据。"
            "请确认默认值（或把相应的列对应到字段）后再导入。",
            "Some fields of the new records have no column and would take their defaults, while columns of the file "
            "were left out; nothing was imported. Confirm the defaults (or map those columns to fields), then import.",
        )


def _row_failed(row: PlannedRow, error: ValidationError | PermissionRefused | RecordNotFound) -> TransferError:
    """A row the check passed but the write refused (the store changed meanwhile): the whole import is undone."""
    return TransferError(
        f"第 {row.number} 行无法写入（{error.message('zh')}），未导入任何数据；请重新检查文件后再导入。",
        f"Row {row.number} could not be written ({error.message('en')}), so nothing was imported; "
        "check the file again and import it.",
    )


def _keep_loaded(session: Session, plan: ImportPlan) -> list[object]:
    """Loads the members and the records to update in a few queries and holds them, so each write finds
    them in the session instead of asking the database row by row."""
    cls = RECORDS_BY_KIND[plan.kind]
    held: list[object] = list(session.scalars(select(Member)))
    ids = [r.record_id for r in plan.rows if r.action == UPDATE and r.record_id]
    for start in range(0, len(ids), 500):
        held += session.scalars(select(cls).where(cls.id.in_(ids[start : start + 500]))).all()
    return held


class _Writer:
    """One import's transaction: writes rows through the services, counts them, reports progress."""

    def __init__(
        self,
        session: Session,
        desk: Desk,
        plan: ImportPlan,
        progress: Progress | None,
        cancelled: CancelCheck | None,
        total: int,
    ):
        self.session, self.desk, self.plan = session, desk, plan
        self.progress, self.cancelled = progress, cancelled
        self.done, self.total = 0, total
        self.ids: dict[str, set[str]] = {plan.kind: set()}
        # Nothing written since the check, by this account: each row's checked plan is carried out as it is.
        # Otherwise (an edit, a sync, another import in between) every row is planned again and may be refused.
        self.unchanged_store = plan.actor == desk.actor and plan.generation == generation.current(session)
        self.new = writes.NewRecords()  # creates go in with one executemany per table

    def step(self) -> None:
        self.done += 1
        tick(self.progress, self.cancelled, self.done, self.total)

    def write_row(self, row: PlannedRow, result: ImportResult) -> None:
        kind, actor = self.plan.kind, self.desk.actor
        try:
            if self.unchanged_store and row.write is not None:  # the check's plan still holds: no second plan
                writes.carry_out(self.session, actor, row.write, self.new)
                row.record_id = row.write.record_id  # an update that changes only partners returns no id
                result.created += row.action == CREATE
                result.updated += row.action == UPDATE
            elif row.action == CREATE:
                row.record_id = writes.create(self.session, actor, kind, row.values, batch=self.new).record_id
                result.created += 1
            else:
                assert row.record_id is not None
                writes.update(self.session, actor, kind, row.record_id, row.values)
                result.updated += 1
        except (ValidationError, PermissionRefused, RecordNotFound) as error:
            raise _row_failed(row, error) from error
        self.ids[kind].add(row.record_id or "")
        self.step()

    def links_as_checked(self, row: PlannedRow) -> bool:
        return self.unchanged_store and row.write is not None and row.link_writes is not None

    def carry_out_links(self, row: PlannedRow, result: ImportResult) -> None:
        assert row.link_writes is not None
        for link in row.link_writes:
            change = writes.carry_out(self.session, self.desk.actor, link, self.new)
            self.ids.setdefault(link.kind, set()).update(change.ids(link.kind))
            result.partners_added += 1
        self.step()

    def link_partners(self, row: PlannedRow, result: ImportResult) -> None:
        """Adds the partners the row names anew and removes (tombstones) those it no longer names."""
        link_kind, parent_column = PARTNER_LINKS[self.plan.kind]
        for member_id in row.partners:
            values = {parent_column: row.record_id, "member_id": member_id}
            try:
                change = writes.create(self.session, self.desk.actor, link_kind, values, batch=self.new)
            except (ValidationError, PermissionRefused, RecordNotFound) as error:
                raise _row_failed(row, error) from error
            self.ids.setdefault(link_kind, set()).update(change.ids(link_kind))
            result.partners_added += 1
        for member_id in row.removed_partners:
            link = link_id(link_kind, {parent_column: row.record_id, "member_id": member_id})
            try:
                change = writes.delete(self.session, self.desk.actor, link_kind, link or "")
            except (ValidationError, PermissionRefused, RecordNotFound) as error:
                raise _row_failed(row, error) from error
            self.ids.setdefault(link_kind, set()).update(change.ids(link_kind))
            result.partners_removed += 1
        self.step()


def _prefetch_links(session: Session, new: writes.NewRecords, plan: ImportPlan, rows: list[PlannedRow]) -> None:
    """Loads the parents and any existing links in a few queries, instead of two lookups per partner."""
    if not rows:
        return
    link_kind, parent_column = PARTNER_LINKS[plan.kind]
    new.prefetch(session, plan.kind, [r.record_id for r in rows if r.record_id])
    links = [link_id(link_kind, {parent_column: r.record_id, "member_id": m}) for r in rows for m in r.partners]
    new.prefetch(session, link_kind, [i for i in links if i])


def apply_plan(
    desk: Desk,
    plan: ImportPlan,
    *,
    valid_only: bool = False,
    accept_defaults: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportResult:
    """Creates and updates the plan's rows as `desk`'s account, all or nothing. With problems in the plan,
    writes nothing unless `valid_only`, and then only the rows without problems; with defaults to confirm
    (plan.needs_confirmation), nothing unless `accept_defaults`. Cancelling undoes it all."""
    _refuse_plan(plan, valid_only, accept_defaults)
    result = ImportResult(unchanged=plan.count(UNCHANGED), skipped=plan.invalid_rows)
    todo = [r for r in plan.rows if r.action in (CREATE, UPDATE)]
    if not todo:
        return result
    result.backup = desk.store.backup("before-import")
    with_partners = [r for r in todo if r.partners or r.removed_partners]
    with no_gc_pauses(), desk.store.write() as session:  # many rows made and kept: no GC rescans meanwhile
        held = _keep_loaded(session, plan)
        writer = _Writer(session, desk, plan, progress, cancelled, len(todo) + len(with_partners))
        for row in todo:
            writer.write_row(row, result)
        # New records' links the check planned with them go into the same batch (inserted after their parents);
        # the others are planned once the records are in the store.
        later = []
        for row in with_partners:
            if writer.links_as_checked(row):
                writer.carry_out_links(row, result)
            else:
                later.append(row)
        writer.new.insert(session)  # the new records, before links that point at them
        _prefetch_links(session, writer.new, plan, later)
        with session.no_autoflush:  # each link is checked against the store, not flushed one by one
            for row in later:
                writer.link_partners(row, result)
        writer.new.insert(session)
        del held
    result.changes = ChangeSet({k: frozenset(v) for k, v in writer.ids.items()}, None, True)
    return result
