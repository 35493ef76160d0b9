"""Each record's state as a pull page sends it, encoded once per worker for every desktop that pulls it.

Every desktop pulls every other desktop's changes: with 200 desktops a new record is sent about 200 times, and
turning its row into the wire form and JSON was most of a pull's CPU. What a pull sends of a record depends only on
the record as stored and on which fields the reader may not see (`hidden_fields`); so the key is:

- the server's history (`epoch`): a restored database brings old revisions back, and the same rev may then hold
  other content; `alliance-server after-restore` (and a restore into a new database) start a new epoch, read in the
  pull's own transaction, so no answer after it is made from bytes of the old history;
- kind, id, rev and `updated_at`: every change of a record takes a new rev (a push, a resolve, a cascade, a
  revive; a demo load wipes and takes new ones), so a (kind, id, rev) names one content — and `updated_at` guards
  even a database restored behind the server's back without a new epoch;
- the hidden fields: two accounts that may see different fields of the same record never share bytes (an account
  that may not read a contact's phone gets the bytes made for readers that may not, or its own).

Bounded by the bytes it holds (oldest out first); a worker restart empties it. Only pulls read it; a page is still
bounded, cut and checked by the database exactly as before (pull.py).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

# About 60,000 records of a few hundred bytes each: every record a busy alliance changes in weeks. With the keys
# and the references, a worker holds about one and a half times this (measured with tracemalloc).
MAX_BYTES = 24 * 1024 * 1024

StateKey = tuple[str, str, Any, int, datetime, frozenset[str]]  # epoch, kind, id, rev, updated_at, hidden fields


@dataclass(frozen=True, slots=True)
class Encoded:
    """One record state as sent (JSON), and the records it refers to (kind, id): a page's prerequisites."""

    json: bytes
    refs: tuple[tuple[str, Any], ...]


class EncodedStates:
    """This worker's encoded record states; safe to share between the worker's threads."""

    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self._held: dict[StateKey, Encoded] = {}
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0  # how often a state was found (counted without a lock: a guide, not a measure)

    def get(self, key: StateKey) -> Encoded | None:
        found = self._held.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: StateKey, encoded: Encoded) -> None:
        with self._lock:
            if key in self._held:
                return
            self._held[key] = encoded
            self._bytes += len(encoded.json)
            while self._bytes > self.max_bytes and self._held:
                self._bytes -= len(self._held.pop(next(iter(self._held))).json)

    def __len__(self) -> int:
        return len(self._held)
