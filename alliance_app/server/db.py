"""The server's database: engine for SQLite or PostgreSQL, read and write transactions, revision allocation.

Revisions are handed out under the revision counter row's lock, held until the transaction commits (SQLite:
BEGIN IMMEDIATE already holds the database's write lock; PostgreSQL: SELECT … FOR UPDATE on the counter row).
So revisions commit in the order they are handed out, and a pull reading "rev > cursor" up to the committed
counter never passes a rev that becomes visible later.

On PostgreSQL a push takes the lock only at its end: while it validates and writes, its records carry
provisional revisions (above PROVISIONAL_OFFSET, so nothing else can hold them and every base rev a desktop
sends is below them, as it would be below the real ones); `Revs.finish` then locks the counter and moves them
to the real ones. Pushes so serialise only on their last few statements and the commit. The provisional range
needs no read of the counter: it starts at PROVISIONAL_OFFSET itself, and `finish`, which reads the counter
under its lock anyway, checks that the counter is below it (else the push is done again, locking the counter
from its first revision).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, cast

try:
    import fcntl
except ImportError:  # Windows: writers then wait on SQLite's own busy timeout
    fcntl = None  # type: ignore[assignment]

from argon2 import PasswordHasher
from sqlalchemy import Table, create_engine, event, select, tuple_, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.util import identity_key

from alliance_app.models import RECORDS_BY_KIND
from alliance_app.server import kind_sums
from alliance_app.server.accounts import PASSWORDS, hasher_of
from alliance_app.server.pull_cache import EncodedStates
from alliance_app.server.settings import ServerSettings
from alliance_app.server.tables import FieldRevs, RevCounter

WRITE_OPTION = _WRITE = "alliance_write"  # execution option: a writing transaction


def _json_text(value: Any) -> str:
    """JSON columns (change log, conflicts, remembered answers) hold text as UTF-8, not as \\u escapes: Chinese
    text stored escaped takes twice the room (the default serialiser escapes everything beyond ASCII). Only a
    value that cannot be UTF-8 (a lone surrogate, refused at the boundary since, but maybe stored before) stays
    escaped, so writing it never fails."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":"))
    return text


def _sqlite_engine(url: str, busy_timeout_ms: int) -> Engine:
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000}, json_serializer=_json_text
    )

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
    return create_engine(
        url,
        pool_size=settings.pool_size,
        max_overflow=settings.pool_size,
        pool_pre_ping=True,
        json_serializer=_json_text,
    )


SNAPSHOT = "snapshot"  # session.info key: this transaction reads one snapshot (`Database.read`)
PROVISIONAL_RANGE_FREE = "provisional_range_free"  # session.info key: [whether pushes may use provisional revs]


@dataclass
class Database:
    engine: Engine
    reads: sessionmaker[Session]
    writes: sessionmaker[Session]
    max_open_conflicts: int = 200  # per account (ServerSettings.max_open_conflicts)
    passwords: PasswordHasher | None = None  # the settings' Argon2id cost, handed to every session (accounts.py)
    states: EncodedStates = field(default_factory=EncodedStates)  # this worker's pulled record states, encoded

    @classmethod
    def open(cls, settings: ServerSettings) -> Database:
        engine = make_engine(settings)
        return cls(
            engine=engine,
            reads=sessionmaker(engine, expire_on_commit=False),
            writes=sessionmaker(engine.execution_options(**{_WRITE: True}), expire_on_commit=False),
            max_open_conflicts=settings.max_open_conflicts,
            passwords=hasher_of(settings),
        )

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def read(self, *, snapshot: bool = False) -> Iterator[Session]:
        """One reading transaction. `snapshot`: every statement sees the database as the first one did (PostgreSQL:
        REPEATABLE READ, which a read-only transaction gets without conflicts; SQLite's read transactions are
        snapshots already); marked in the session's info as `SNAPSHOT` for code that relies on it (a pull)."""
        with self.reads.begin() as session:
            session.info[PASSWORDS] = self.passwords
            if snapshot:
                if self.is_postgres:
                    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                session.info[SNAPSHOT] = True
            yield session

    def __post_init__(self) -> None:
        self._writers = SqliteWriters(self.engine.url.database) if self.engine.dialect.name == "sqlite" else None
        self._provisional_range_free = [True]  # see Revs and CounterPastProvisional

    @contextmanager
    def write(self, *, lock_revs: bool = False) -> Iterator[Session]:
        """One writing transaction. Revisions lock the counter themselves (`Revs`); `lock_revs` takes that lock at
        once, for housekeeping that must not run beside writers. On PostgreSQL, `lock_rows` in the session's info
        tells the push code to lock the rows it reads (FOR UPDATE / FOR SHARE) before the counter."""
        with self._writers.turn() if self._writers else nullcontext(), self.writes.begin() as session:
            session.info["lock_rows"] = self.is_postgres
            session.info[PROVISIONAL_RANGE_FREE] = self._provisional_range_free
            session.info[PASSWORDS] = self.passwords
            if lock_revs and self.is_postgres:
                session.execute(select(RevCounter.id).where(RevCounter.id == 1).with_for_update())
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self._writers:
            self._writers.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()  # a command's database is let go however the command ends


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


PROVISIONAL_OFFSET = 1_000_000_000  # a real alliance's revisions stay far below it (records' rev is 32-bit)


def _rev_as_given(rev: int) -> int:
    return rev


class CounterPastProvisional(Exception):
    """`Revs.finish` found the counter at or past PROVISIONAL_OFFSET (never in an alliance's lifetime): the
    transaction's provisional revisions could be mistaken for real ones, so it is rolled back and done again with
    its revisions taken under the counter's lock from the first (as every later one of the same `Database`)."""


class Revs:
    """Hands out revisions inside one write transaction. Unless the revs are provisional, the first one reads the
    counter and locks it (PostgreSQL) until commit. Work done before that runs beside other writers."""

    def __init__(self, session: Session, *, provisional: bool = False):
        self.session = session
        self.current: int | None = None
        self.start = 0
        # [False] once the database's counter was seen past the provisional range (`Database.write`, `finish`)
        self.range_free: list[bool] = session.info.get(PROVISIONAL_RANGE_FREE, [False])
        self.provisional = provisional and bool(session.info.get("lock_rows")) and self.range_free[0]
        self.stamped: set[tuple[str, str]] = set()  # (kind, id) of records given revs, and so their field_revs
        # Each stamped record as it was before this transaction changed it: what `kind_sums.follow` takes out.
        self.before: kind_sums.Before = {}
        self.records: dict[tuple[str, str], Any] = {}
        self.counted: int | None = None  # where `finish` moved the counter to (past the provisional revisions)

    def stamp(self, record: Any) -> None:
        """A record is given a revision: called before its rev or its deletion changes, so the first call per
        record says how it was before the transaction (rev None: it did not exist). The record is kept, so the
        sums can read it as it ends up without a statement (the session only holds it weakly)."""
        key = (record.kind, record.id)
        self.stamped.add(key)
        if key not in self.before:
            self.before[key] = None if record.rev is None else (record.rev, not record.deleted)
            self.records[key] = record

    def _take(self) -> int:
        if self.current is None and self.provisional:
            self.current = self.start = PROVISIONAL_OFFSET  # no statement: `finish` reads the counter, locked
        elif self.current is None:
            query = select(RevCounter.rev).where(RevCounter.id == 1)
            lock = self.session.info.get("lock_rows")
            self.current = self.start = self.session.scalar(query.with_for_update() if lock else query) or 0
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

    def finish(self, *, in_memory: bool = False) -> Callable[[int], int]:
        """Locks the counter and moves this transaction's provisional revs, in the database, to real ones
        following the counter; returns the same mapping for what the caller still holds (log rows, answers).
        Rows of mutations rolled back meanwhile hold no provisional rev and are left as they are.
        `in_memory` (a push run straight through, with no savepoint that could have expired its rows): the
        session's own records and field revs are moved before they are flushed, so the flush writes real revs
        (or updates the ones an earlier flush wrote) and no statement rewrites them."""
        if not self.provisional or self.current is None or self.current == self.start:
            return _rev_as_given
        provisional_base = self.start
        taken = self.current - self.start
        # Locks the counter and moves it past this transaction's revisions in one statement (the row is read as
        # the last writer before us left it): `save` then has no counter to write.
        counter = cast(Table, RevCounter.__table__)
        moved = counter.update().where(counter.c.id == 1).values(rev=counter.c.rev + taken).returning(counter.c.rev)
        with self.session.no_autoflush:  # what is still pending is then written once, with its real revs
            now = self.session.scalar(moved)
        self.counted = None if now is None else int(now)
        real_base = int(now or taken) - taken
        if real_base >= provisional_base:
            self.range_free[0] = False  # this Database's later pushes lock the counter from their first revision
            raise CounterPastProvisional(real_base)
        shift = provisional_base - real_base

        def real(rev: int) -> int:
            return rev - shift if rev > provisional_base else rev

        if in_memory and self._move_in_memory(real):
            self.session.flush()
            self.start, self.current = real_base, real(self.current)
            return real

        for kind in sorted({kind for kind, _ in self.stamped}):
            table = RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]
            self.session.execute(update(table).where(table.c.rev > provisional_base).values(rev=table.c.rev - shift))
        if self.stamped:
            query = select(FieldRevs).where(tuple_(FieldRevs.kind, FieldRevs.record_id).in_(sorted(self.stamped)))
            for row in self.session.scalars(query.execution_options(populate_existing=True)):
                row.created_rev = real(row.created_rev)
                row.deleted_rev = real(row.deleted_rev) if row.deleted_rev is not None else None
                row.revs = {name: real(rev) for name, rev in row.revs.items()}
        self.session.flush()
        self.session.expire_all()  # records still hold their provisional revs in memory
        self.start, self.current = real_base, real(self.current)
        return real

    def _move_in_memory(self, real: Callable[[int], int]) -> bool:
        """Moves the stamped records and their field revs held by the session; False (nothing moved) if any of
        them is not there to move, and the database path does it."""
        pending = {(type(row), _pending_key(row)): row for row in self.session.new}  # not in the identity map yet
        held = []
        for kind, record_id in sorted(self.stamped):
            cls = RECORDS_BY_KIND[kind]
            record = pending.get((cls, record_id)) or self.session.identity_map.get(identity_key(cls, record_id))
            key = (kind, record_id)
            revs = pending.get((FieldRevs, key)) or self.session.identity_map.get(identity_key(FieldRevs, key))
            if record is None or revs is None:
                return False
            held.append((record, revs))
        for record, row in held:
            if record.rev is not None:
                record.rev = real(record.rev)
            row.created_rev = real(row.created_rev)
            row.deleted_rev = real(row.deleted_rev) if row.deleted_rev is not None else None
            row.revs = {name: real(rev) for name, rev in row.revs.items()}
        return True

    def save(self) -> None:
        """Ends the transaction's revisions: each changed kind's running sums, then the counter (under its lock;
        `finish` has moved it already for provisional revisions)."""
        if self.current is not None and self.current != self.start:
            kind_sums.follow(self.session, self.before, self.records, self.start, self.current)
            if self.counted == self.current:
                return
            counter = cast(
                Table, RevCounter.__table__
            )  # a plain table update: the ORM's would look for rows to synchronise
            self.session.execute(counter.update().where(counter.c.id == 1).values(rev=self.current))


def _pending_key(row: Any) -> Any:
    return (row.kind, row.record_id) if isinstance(row, FieldRevs) else getattr(row, "id", None)


def committed_rev(session: Session) -> tuple[int, int]:
    """The last committed revision and the purge horizon, as this transaction sees them."""
    row = session.execute(select(RevCounter.rev, RevCounter.purged_rev).where(RevCounter.id == 1)).one_or_none()
    return (0, 0) if row is None else (int(row[0]), int(row[1]))
