"""The typed change set every write returns: which record kinds and ids changed, for pages to decide on refresh."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangeSet:
    changed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    record_id: str | None = None  # the record the operation was about (the new id after a create)
    outbox: bool = False  # whether the change added entries to the sync outbox

    @classmethod
    def of(cls, kind: str, ids: Iterable[str], *, record_id: str | None = None, outbox: bool = True) -> ChangeSet:
        return cls({kind: frozenset(ids)}, record_id, outbox)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(k for k, ids in self.changed.items() if ids)

    @property
    def empty(self) -> bool:
        return not self.kinds

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds & set(kinds))

    def ids(self, kind: str) -> frozenset[str]:
        return self.changed.get(kind, frozenset())

    def __or__(self, other: ChangeSet) -> ChangeSet:
        merged = {k: self.ids(k) | other.ids(k) for k in self.kinds | other.kinds}
        return ChangeSet(merged, self.record_id or other.record_id, self.outbox or other.outbox)
