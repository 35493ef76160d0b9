"""The server's database: engine for SQLite or PostgreSQL, read and write transactions, revision allocation.

Revisions are handed out under the revision counter row's lock, held from the first rev a transaction takes
until it commits (SQLite: BEGIN IMMEDIATE already holds the database's write lock; PostgreSQL: SELECT … FOR
UPDATE on the counter row, taken only when the first rev is needed, so validation runs in parallel). So
revisions commit in the order they are handed out, and a pull reading "rev > cursor" up to the committed
counter never passes a rev that becomes visible later.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: writers then wait on SQLite's own busy timeout
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import create_engine, event, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from alliance_app.server.settings import ServerSettings
from alliance_app.server.tables import RevCounter

_WRITE = "alliance_write"


def _sqlite_engine(url: str, busy_timeout_ms: int) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A deferred transaction that reads and then writes cannot wait for the lock (SQLITE_BUSY at once);
        # writers take the lock up front, so they queue on busy_timeout instead of failing.
        immediate = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_engine(settings: ServerSettings) -> Engine:
    url = settings.url()
    if url.startswith("sqlite"):
        if settings.database_url is None:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        return _sqlite_engine(url, settings.sqlite_busy_timeout_ms)
    return create_engine(url, pool_size=settings.pool_size, max_overflow=settings.pool_size, pool_pre_ping=True)


@dataclass
class Database:
    engine: Engine
    reads: sessionmaker[Session]
    writes: sessionmaker[Session]

    @classmethod
    def open(cls, settings: ServerSettings) -> Database:
        engine = make_engine(settings)
        return cls(
            engine=engine,
            reads=sessionmaker(engine, expire_on_commit=False),
            writes=sessionmaker(engine.execution_options(**{_WRITE: True}), expire_on_commit=False),
        )

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.reads.begin() as session:
            yield session

    def __post_init__(self) -> None:
        self._writers = SqliteWriters(self.engine.url.database) if self.engine.dialect.name == "sqlite" else None

    @contextmanager
    def write(self, *, lock_revs: bool = False) -> Iterator[Session]:
        """One writing transaction. Revisions lock the counter themselves (`Revs`); `lock_revs` takes that lock at
        once, for housekeeping that must not run beside writers. On PostgreSQL, `lock_rows` in the session's info
        tells the push code to lock the rows it reads (FOR UPDATE / FOR SHARE) before the counter."""
        with self._writers.turn() if self._writers else nullcontext(), self.writes.begin() as session:
            session.info["lock_rows"] = self.is_postgres
            if lock_revs and self.is_postgres:
                session.execute(select(RevCounter.id).where(RevCounter.id == 1).with_for_update())
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self._writers:
            self._writers.close()


class SqliteWriters:
    """SQLite has one writer at a time. Writers wait for their turn here: threads of this process on a lock,
    processes (uvicorn workers) on an flock of a file beside the database, both woken as soon as the writer
    before them is done. Without it they would poll SQLite's file lock, whose busy handler sleeps up to 100 ms
    between tries and can let one writer starve past its timeout while others keep getting in."""

    def __init__(self, database: str | None):
        self._threads = threading.Lock()
        self._fd: int | None = None
        if fcntl is not None and database and database != ":memory:":
            self._fd = os.open(database + "-writers", os.O_RDWR | os.O_CREAT, 0o600)

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self._threads:
            if self._fd is None:
                yield
                return
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Revs:
    """Hands out revisions inside one write transaction. The first one locks the counter row (PostgreSQL) and
    reads it; the lock is then held until commit. Work done before the first rev runs beside other writers."""

    def __init__(self, session: Session):
        self.session = session
        self.current: int | None = None
        self.start = 0

    def _take(self) -> int:
        if self.current is None:
            query = select(RevCounter.rev).where(RevCounter.id == 1)
            if self.session.info.get("lock_rows"):
                query = query.with_for_update()
            self.current = self.start = self.session.scalar(query) or 0
        return self.current

    def next(self) -> int:
        self.current = self._take() + 1
        return self.current

    def mark(self) -> int | None:
        """Where to come back to if the work that follows is rolled back (to a savepoint)."""
        return self.current

    def rewind(self, mark: int | None) -> None:
        # A lock taken after the savepoint is released by its rollback, so the counter must then be read again.
        self.current = mark

    def save(self) -> None:
        if self.current is not None and self.current != self.start:
            self.session.execute(update(RevCounter).where(RevCounter.id == 1).values(rev=self.current))


def committed_rev(session: Session) -> tuple[int, int]:
    """The last committed revision and the purge horizon, as this transaction sees them."""
    row = session.execute(select(RevCounter.rev, RevCounter.purged_rev).where(RevCounter.id == 1)).one_or_none()
    return (0, 0) if row is None else (int(row[0]), int(row[1]))
