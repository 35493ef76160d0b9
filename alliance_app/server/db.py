"""The server's database: engine for SQLite or PostgreSQL, read and write transactions, revision allocation.

Writes are serialised on the revision counter row (SQLite: BEGIN IMMEDIATE takes the database's write lock;
PostgreSQL: SELECT … FOR UPDATE on the counter row), held until commit. So revisions commit in the order they
are handed out, and a pull reading "rev > cursor" up to the committed counter never passes a rev that
becomes visible later.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

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

    @contextmanager
    def write(self, *, lock_revs: bool = True) -> Iterator[Session]:
        """One writing transaction; with `lock_revs`, holding the revision lock until it commits or rolls back."""
        with self.writes.begin() as session:
            if lock_revs and self.is_postgres:
                session.execute(select(RevCounter.id).where(RevCounter.id == 1).with_for_update())
            yield session

    def close(self) -> None:
        self.engine.dispose()


class Revs:
    """Hands out revisions inside one write transaction (which already holds the counter lock)."""

    def __init__(self, session: Session):
        self.session = session
        self.current = session.scalar(select(RevCounter.rev).where(RevCounter.id == 1)) or 0
        self.start = self.current

    def next(self) -> int:
        self.current += 1
        return self.current

    def save(self) -> None:
        if self.current != self.start:
            self.session.execute(update(RevCounter).where(RevCounter.id == 1).values(rev=self.current))


def committed_rev(session: Session) -> tuple[int, int]:
    """The last committed revision and the purge horizon, as this transaction sees them."""
    row = session.execute(select(RevCounter.rev, RevCounter.purged_rev).where(RevCounter.id == 1)).one_or_none()
    return (0, 0) if row is None else (int(row[0]), int(row[1]))
