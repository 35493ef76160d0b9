"""A record and its links (a project's partners, a lab's partners) saved as one operation in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from alliance_app.models import Actor, Problem, ValidationError
from alliance_app.services import writes
from alliance_app.services.changes import ChangeSet


@dataclass(frozen=True)
class LinkEdits:
    """The links a form adds and removes with its record: `added` holds each new link's own values (member,
    role), keyed by the member it names; `removed` the ids of links to delete."""

    link_kind: str
    parent_field: str
    added: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    removed: Sequence[str] = ()


class RecordNotSaved(ValidationError):
    """Nothing was saved: the record's own problems and refusals, and those of each link (keyed by the member
    an added link names, or the id of a removed link), so a form can show each beside what it concerns."""

    def __init__(self, problems: list[Problem], link_problems: dict[str, list[Problem]]):
        self.record_problems = problems
        self.link_problems = link_problems
        super().__init__(problems + [p for found in link_problems.values() for p in found])


def _problems_of(error: Exception) -> list[Problem]:
    if isinstance(error, ValidationError):
        return list(error.problems)
    if isinstance(error, writes.PermissionRefused):
        return [error.problem]
    raise error


def save_with_links(
    session: Session,
    actor: Actor,
    kind: str,
    record_id: str | None,
    values: dict[str, Any],
    links: LinkEdits | None = None,
) -> ChangeSet:
    """Creates (record_id None) or updates the record, then applies the link edits, all in the caller's
    transaction. Every problem is gathered, not only the first; if there is any, RecordNotSaved is raised and
    the caller's transaction rolls back, so the record never changes without its links."""
    try:
        if record_id is None:
            changes = writes.create(session, actor, kind, values)
        else:
            changes = writes.update(session, actor, kind, record_id, values)
    except (ValidationError, writes.PermissionRefused) as error:
        raise RecordNotSaved(_problems_of(error), {}) from error
    if links is None:
        return changes
    parent_id = record_id or changes.record_id or ""
    link_problems: dict[str, list[Problem]] = {}
    for link_id in links.removed:
        try:
            changes = changes | writes.delete(session, actor, links.link_kind, link_id)
        except (ValidationError, writes.PermissionRefused, writes.RecordNotFound) as error:
            found = [_not_found(error)] if isinstance(error, writes.RecordNotFound) else _problems_of(error)
            link_problems[link_id] = found
    for member_id, link_values in links.added.items():
        try:
            created = writes.create(session, actor, links.link_kind, {**link_values, links.parent_field: parent_id})
            changes = changes | created
        except (ValidationError, writes.PermissionRefused) as error:
            link_problems[member_id] = _problems_of(error)
    if link_problems:
        raise RecordNotSaved([], link_problems)
    return changes


def _not_found(error: writes.RecordNotFound) -> Problem:
    return Problem(None, "not_found", error.message("zh"), error.message("en"))
