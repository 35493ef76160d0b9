"""The order-free checksum of a kind's live records, which the server keeps current as it writes and can so give
"as of" any recent revision without reading the records (GET /sync/checksums?at=C, docs/protocol.md).

Each live record adds its term, sha256("id:rev") read as a 256-bit number; the sum is taken mod 2^256. A change
takes the old version's term out and puts the new one's in, in any order. A missed change, a lost tombstone, a
record too many or too few changes the sum unless 256-bit terms happen to cancel: the same strength, against
accidental divergence, as a hash of the sorted lines (`protocol.record_checksum`), which needs every record read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

MODULUS = 1 << 256


def record_term(record_id: str, rev: int) -> int:
    return int.from_bytes(hashlib.sha256(f"{record_id}:{rev}".encode()).digest(), "big")


def record_sum(pairs: Iterable[tuple[str, int | None]]) -> int:
    """The sum of the terms of (id, rev) pairs, mod 2^256."""
    return sum(record_term(record_id, rev or 0) for record_id, rev in pairs) % MODULUS


def sum_text(total: int) -> str:
    """The sum as the wire and the server's table carry it: 64 lowercase hex digits."""
    return f"{total % MODULUS:064x}"
