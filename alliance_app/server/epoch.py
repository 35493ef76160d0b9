"""The identity of the server's history (its epoch): made at the first migration, changed by a restore, carried on
every answer, and compared with the one a desktop last synced against.

A restored database brings back its old revisions: revision 2110 can then name a different change than the one a
desktop pulled as 2110, and nothing in the revisions shows it. So the history gets a name. The rule:

- The epoch row records *which database* made it: on PostgreSQL the cluster's system identifier and the database's
  OID, on SQLite the file's device and inode. A backup carries the row but cannot carry these: a dump restored into
  a fresh database, or a backup file copied in as a new file, is a different database. `ensure_epoch` (run by
  `migrate` and before `serve` starts its workers) finds that and starts a new epoch, remembering the revision the
  restored history ends at (`since_rev`, the fork point).
- `alliance-server after-restore` starts a new epoch by hand: the one step that covers every way of restoring
  (a restore into the same database, `pg_restore --clean`, `sqlite3 … .restore`). The guide makes it part of
  every restore. A new epoch without a restore (a database moved to a new host) costs desktops one full download
  and comparison, and loses nothing.

A desktop sends the epoch it knows in `X-Alliance-Epoch`; a different one is answered 409 `history_changed` before
anything is read or written, and the desktop re-pulls everything and offers back what the restore lost.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from alliance_app.models import utc_now
from alliance_app.server.db import WRITE_OPTION
from alliance_app.server.tables import RevCounter, ServerEpoch
from alliance_app.sync.protocol import EPOCH_HEADER, EPOCH_SINCE_HEADER

log = logging.getLogger("alliance_server.epoch")


def database_identity(connection: Connection) -> str:
    """What a backup cannot carry: which cluster and database (PostgreSQL), or which file (SQLite), this is."""
    if connection.dialect.name == "postgresql":
        system = connection.execute(text("SELECT system_identifier FROM pg_control_system()")).scalar()
        oid = connection.execute(text("SELECT oid FROM pg_database WHERE datname = current_database()")).scalar()
        return f"postgresql:{system}:{oid}"
    database = connection.engine.url.database
    if not database or database == ":memory:":
        return "sqlite:memory"
    found = os.stat(database)
    return f"sqlite:{found.st_dev}:{found.st_ino}"


def _committed(connection: Connection) -> int:
    return int(connection.execute(select(RevCounter.rev).where(RevCounter.id == 1)).scalar() or 0)


def _start(connection: Connection, identity: str, *, exists: bool) -> tuple[str, int]:
    epoch, since = str(uuid.uuid4()), _committed(connection)
    values = {"epoch": epoch, "since_rev": since, "bound_to": identity, "started_at": utc_now()}
    if exists:
        connection.execute(update(ServerEpoch).where(ServerEpoch.id == 1).values(**values))
    else:
        connection.execute(insert(ServerEpoch).values(id=1, **values))
    return epoch, since


def _writing(engine: Engine) -> Engine:
    """A transaction that reads the epoch and then writes it takes SQLite's write lock up front (BEGIN IMMEDIATE,
    db.py), so beside a running server it waits its turn: begun as a reader, it was refused "database is locked"
    at once whenever a server's write (a desktop's activity) committed between its read and its write."""
    return engine.execution_options(**{WRITE_OPTION: True})


def ensure_epoch(engine: Engine) -> tuple[str, int, bool]:
    """(epoch, since_rev, changed): binds a fresh database's epoch to it, and starts a new epoch when the database
    is not the one that made the current one (a restore into a new database or file)."""
    with _writing(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("LOCK TABLE server_epoch IN EXCLUSIVE MODE"))  # hosts starting together
        row = connection.execute(select(ServerEpoch.epoch, ServerEpoch.since_rev, ServerEpoch.bound_to)).first()
        identity = database_identity(connection)
        if row is None:
            epoch, since = _start(connection, identity, exists=False)
            return epoch, since, True
        if row.bound_to is None:  # made by the migration: this database is its first home
            connection.execute(update(ServerEpoch).values(bound_to=identity))
            return row.epoch, int(row.since_rev), False
        if row.bound_to != identity:
            epoch, since = _start(connection, identity, exists=True)
            log.warning("database %s is not %s (a restore or a copy): new epoch %s", identity, row.bound_to, epoch)
            return epoch, since, True
        return row.epoch, int(row.since_rev), False


def start_new_epoch(engine: Engine) -> tuple[str, int]:
    """`alliance-server after-restore`: a new history from the revision the database holds now."""
    with _writing(engine).begin() as connection:
        exists = connection.execute(select(ServerEpoch.id)).first() is not None
        return _start(connection, database_identity(connection), exists=exists)


def read_epoch(connection: Connection) -> tuple[str, int]:
    row = connection.execute(select(ServerEpoch.epoch, ServerEpoch.since_rev)).first()
    return ("", 0) if row is None else (row.epoch, int(row.since_rev))


class EpochCache:
    """The epoch as this worker last read it, read again at most every `ttl` seconds and whenever a desktop names
    another one (so a desktop is never refused on a stale copy)."""

    def __init__(self, engine: Engine, ttl: float = 5.0):
        self.engine, self.ttl = engine, ttl
        self.value: tuple[str, int] = ("", 0)
        self.read_at = float("-inf")

    def stale(self) -> bool:
        return time.monotonic() - self.read_at > self.ttl

    def current(self, *, fresh: bool = False) -> tuple[str, int]:
        if fresh or self.stale():
            with self.engine.connect() as connection:
                self.value = read_epoch(connection)
            self.read_at = time.monotonic()
        return self.value


HISTORY_CHANGED = {
    "code": "history_changed",
    "zh": "服务器已从备份恢复，本机将重新下载全部记录并与本机数据比对，备份之后的修改会列出供您重新发送",
    "en": "The server was restored from a backup; this desktop downloads every record again and compares, and "
    "lists the edits the restore lost so you can send them again",
}
# Paths a desktop of an older history may still use: logging in, and learning the new epoch.
_UNCHECKED = ("/api/v1/auth/", "/api/v1/sync/epoch")


class EpochGuard:
    """Puts the epoch on every answer; refuses (409) an /api/v1 request naming another epoch."""

    def __init__(self, app: ASGIApp, cache: EpochCache):
        self.app, self.cache = app, cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.cache.stale():
            await run_in_threadpool(self.cache.current)
        epoch, since = self.cache.value
        path: str = scope.get("path", "")
        named = _header(scope, EPOCH_HEADER.lower().encode())
        if named and epoch and named != epoch and path.startswith("/api/v1/") and not path.startswith(_UNCHECKED):
            epoch, since = await run_in_threadpool(self.cache.current, fresh=True)
            if named != epoch:
                await _refuse(send, _epoch_headers(epoch, since))
                return
        extra = _epoch_headers(epoch, since)

        async def stamped(message: Any) -> None:
            if message["type"] == "http.response.start" and epoch:
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, stamped)


async def _refuse(send: Send, headers: list[tuple[bytes, bytes]]) -> None:
    payload = json.dumps(HISTORY_CHANGED, ensure_ascii=False).encode()
    start = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()), *headers]
    await send({"type": "http.response.start", "status": 409, "headers": start})
    await send({"type": "http.response.body", "body": payload})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _epoch_headers(epoch: str, since: int) -> list[tuple[bytes, bytes]]:
    return [(EPOCH_HEADER.lower().encode(), epoch.encode()), (EPOCH_SINCE_HEADER.lower().encode(), str(since).encode())]


def install(app: Any) -> None:
    """The guard on every answer (`GET /api/v1/sync/epoch`, what a desktop of an older history asks, is in
    routes/sync.py)."""
    app.add_middleware(EpochGuard, cache=EpochCache(app.state.db.engine))
