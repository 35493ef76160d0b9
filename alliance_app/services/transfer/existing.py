"""The stored records of a kind an import is checked against: by id, by credit code, by natural key, with partners."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_app.models import PARTNER_LINKS, RECORDS_BY_KIND, Labelled, field_specs, specs_by_name
from alliance_app.services.transfer.columns import NATURAL_KEYS


def key_part(value: Any) -> str:
    """A value as compared in a natural key: names differing only in width, case or spaces are the same."""
    if value is None:
        return ""
    if isinstance(value, Labelled):
        return value.value
    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


def natural_key(kind: str, values: dict[str, Any]) -> tuple[str, ...] | None:
    """The record's natural key, or None when a part of it is empty. (A plain loop: asked for every row of an
    import and every stored record; a generator and any() cost twice as much.)"""
    parts = []
    for name in NATURAL_KEYS[kind]:
        part = key_part(values.get(name))
        if not part:
            return None
        parts.append(part)
    return tuple(parts)


@dataclass
class StoredRecords:
    kind: str
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → field values + owner_member_id
    by_credit_code: dict[str, str] = field(default_factory=dict)
    by_key: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    partners: dict[str, set[str]] = field(default_factory=dict)  # record id → partner member ids (live links)

    @classmethod
    def load(cls, session: Session, kind: str) -> StoredRecords:
        stored = cls(kind)
        table = RECORDS_BY_KIND[kind]
        names = [s.name for s in field_specs(kind)]
        columns = [table.id, table.owner_member_id, *(getattr(table, n) for n in names)]
        for row in session.execute(select(*columns).where(table.deleted.is_(False))):
            values = dict(zip(names, row[2:], strict=True))
            values["owner_member_id"] = row[1]
            stored.values[row[0]] = values
            if kind == "member" and values.get("credit_code"):
                stored.by_credit_code[values["credit_code"]] = row[0]
            key = natural_key(kind, values)
            if key is not None:
                stored.by_key.setdefault(key, []).append(row[0])
        if kind in PARTNER_LINKS:
            link_kind, parent_column = PARTNER_LINKS[kind]
            link = RECORDS_BY_KIND[link_kind]
            parent = getattr(link, parent_column)
            for parent_id, member_id in session.execute(
                select(parent, link.member_id).where(link.deleted.is_(False))  # type: ignore[attr-defined]
            ):
                stored.partners.setdefault(parent_id, set()).add(member_id)
        return stored


def keeps_default_when_empty(kind: str, name: str) -> bool:
    """An empty cell of a field that cannot be empty but has a default (status, kind, counts) means "as before"."""
    spec = specs_by_name(kind)[name]
    return spec.has_default and not spec.nullable
