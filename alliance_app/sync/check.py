"""After a sync: per kind, the count and checksum of the desktop's live records against the server's; a kind that
differs is pulled again (a missed change, a lost tombstone, a record too many or too few).

The comparison is "as of" the desktop's cursor. A server that keeps running sums (server/kind_sums.py) gives them
with the pull's last page, as of its cursor (no request of its own), or answers GET /sync/checksums?at=<cursor>:
as of that revision, whatever others pushed since, so the comparison is made at once, at the cost of one indexed
read. A server that cannot (an older one, or a cursor older than the sums it keeps) answers for its
records as they are now, as before: an answer at another revision than the cursor then means others pushed
meanwhile, and the desktop pulls and asks again, at most three times.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pydantic import ValidationError

from alliance_app.models import RECORDS_BY_KIND, utc_now
from alliance_app.store.meta_keys import CHECKED_AT, CURSOR, FULL_CHECK_AT
from alliance_app.sync import errors, replica
from alliance_app.sync.protocol import ChecksumsResponse, KindSums

if TYPE_CHECKING:
    from alliance_app.sync.engine import SyncEngine

FULL_CHECK_EVERY = timedelta(hours=24)
ATTEMPTS = 3


def check(engine: SyncEngine) -> None:
    """The kinds this sync touched; every kind once a day, and always after a login or a re-pull."""
    store = engine.store
    last_full = store.get_meta(FULL_CHECK_AT)
    due = last_full is None or utc_now() - datetime.fromisoformat(last_full) > FULL_CHECK_EVERY
    if not due and not engine.touched:
        return  # nothing moved since the last check passed
    kinds = None if due or engine.result.repulled else sorted(engine.touched)
    for _ in range(ATTEMPTS):
        engine.progress("check", 0, 1)
        cursor = int(store.get_meta(CURSOR, 0) or 0)
        server = _given(engine, kinds, cursor) or engine.client.checksums(kinds, at=cursor)
        as_of = server.at is not None
        if as_of and server.at != cursor:
            raise errors.bad_answer(engine.client.url, "校验答复的修订号不对", "the checksums answer another revision")
        if not as_of and server.server_rev != cursor:
            engine._pull_all()  # others pushed meanwhile: catch up before comparing
            continue
        differ, newer = _differ(engine, server, as_of, cursor)
        if not differ:
            with store.write() as session:
                store.set_meta(session, CHECKED_AT, cursor)
                if kinds is None:
                    store.set_meta(session, FULL_CHECK_AT, utc_now().isoformat())
            engine.progress("check", 1, 1)
            return
        if newer and server.server_rev != cursor:
            engine._pull_all()  # it holds revisions past its cursor (a refused edit's record fetched): catch up
            continue
        if engine.result.repulled:
            engine.result.mismatched = differ
            return
        engine._start_repull(differ)
        engine._pull_all()
        kinds = None
    engine.progress("check", 1, 1)


def _given(engine: SyncEngine, kinds: list[str] | None, cursor: int) -> ChecksumsResponse | None:
    """The sums the pull's last page brought, as the answer to the question the check would ask, when they are
    as of this very cursor (taken once: a later pull brings its own)."""
    given, engine.sums = engine.sums, None
    if given is None:
        return None
    try:
        sums = KindSums.model_validate(given)
    except ValidationError:
        raise errors.bad_answer(engine.client.url, "校验数据格式不对", "the page's sums are malformed") from None
    if sums.at != cursor:
        return None
    asked = {kind: value for kind, value in sums.kinds.items() if kinds is None or kind in kinds}
    return ChecksumsResponse(server_rev=sums.at, kinds=asked, at=sums.at)


def _differ(engine: SyncEngine, server: ChecksumsResponse, as_of: bool, cursor: int) -> tuple[list[str], bool]:
    """The kinds whose count or checksum differ, and whether the desktop holds a revision past its cursor."""
    known = {kind: sums for kind, sums in server.kinds.items() if kind in RECORDS_BY_KIND}
    with engine.store.read() as session:
        if as_of:
            local, newest = replica.local_sums(session, set(known))
            theirs = {kind: (sums.count, sums.sum) for kind, sums in known.items()}
        else:
            local, newest = replica.local_checksums(session, set(known)), 0
            theirs = {kind: (sums.count, sums.checksum) for kind, sums in known.items()}
    differ = [kind for kind, sums in theirs.items() if local.get(kind, (0, "")) != sums]
    return differ, newest > cursor
