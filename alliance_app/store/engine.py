"""Opens the desktop's SQLite store: one running Alliance Desk per file, pragmas, migrations after a backup."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from sqlalchemy import Table, create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from alliance_app.store import errors, generation, meta_keys, sort_keys
from alliance_app.store.backup import backup_file
from alliance_app.store.local_tables import StoreMeta
from alliance_app.store.paths import BACKUP_DIR, STORE_FILE, data_dir

_SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable across application crashes; WAL keeps it consistent
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()
    sort_keys.register(dbapi_connection)  # the sort-key triggers call it on every write of a name


def _query_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # A reader beside the window: SQLite itself refuses any write on this connection.
    dbapi_connection.execute("PRAGMA query_only=ON")


def translate(error: BaseException, path: Path) -> errors.StoreError | None:
    """The user-facing store error behind a database exception, or None if it is a bug."""
    text = str(getattr(error, "orig", error)).lower()
    if "database or disk is full" in text or getattr(error, "errno", None) == errno.ENOSPC:
        return errors.disk_full(path)
    if "readonly" in text or "read-only" in text or getattr(error, "errno", None) in (errno.EROFS, errno.EACCES):
        return errors.read_only(path.parent)
    if "not a database" in text or "malformed" in text or "disk i/o error" in text:
        return errors.corrupt(path, text)
    if "database is locked" in text:
        return errors.in_use(path)
    return None


@dataclass
class Store:
    """An open store: the file, its engine and session factory. Hold one per process; close() releases it."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    lock: FileLock
    schema_revision: str
    backups: list[Path] = field(default_factory=list)
    # Opened for reading only (status, list, show, report, export): holds no lock, so it runs beside the window.
    read_only: bool = False

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error; a full disk or a
        read-only file becomes a StoreError instead of a traceback."""
        if self.read_only:
            raise RuntimeError("a store opened for reading only was asked to write")  # a command declared wrongly
        try:
            with self.sessions.begin() as session:
                yield session
                generation.bump(session)  # in the same transaction: a write is never unseen by it
        except (OperationalError, DBAPIError, OSError) as error:
            user_error = translate(error, self.path)
            if user_error is None:
                raise
            raise user_error from error

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self.sessions()
        try:
            yield session
        except (OperationalError, DBAPIError) as error:
            user_error = translate(error, self.path)
            if user_error is None:
                raise
            raise user_error from error
        finally:
            session.close()

    def get_meta(self, key: str, default: Any = None) -> Any:
        with self.read() as session:
            row = session.get(StoreMeta, key)
            return default if row is None else row.value

    def set_meta(self, session: Session, key: str, value: Any) -> None:
        session.merge(StoreMeta(key=key, value=value))

    def mark_demo(self, session: Session, scale: int) -> None:
        """The store now holds the demo alliance (the status line and the report say so)."""
        self.set_meta(session, meta_keys.DEMO, True)
        self.set_meta(session, meta_keys.DEMO_SCALE, scale)

    def insert_records(self, session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
        """Inserts many new records in one executemany, with what only the store adds (their pinyin sort keys)."""
        sort_keys.insert_rows(session, table, rows)

    def all_meta(self) -> dict[str, Any]:
        with self.read() as session:
            return {row.key: row.value for row in session.scalars(select(StoreMeta))}

    def backup(self, reason: str) -> Path:
        target = backup_file(self.path, self.data_dir / BACKUP_DIR, reason)
        self.backups.append(target)
        return target

    def close(self) -> None:
        self.engine.dispose()
        self.lock.release()


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except PermissionError:
        raise errors.read_only(path.parent) from None
    if path.stat().st_size and header != _SQLITE_HEADER:
        raise errors.corrupt(path, "not an SQLite database")


def _take_lock(folder: Path) -> FileLock:
    # Not thread-local: the window takes the lock on its store worker (ui/start.py) and lets it go on the main
    # thread; a thread-local lock's release from another thread does nothing, and the store stays held.
    lock = FileLock(str(folder / (STORE_FILE + ".lock")), timeout=0, is_singleton=False, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise errors.in_use(folder / STORE_FILE) from None
    except OSError as error:
        raise errors.read_only(folder) from error
    return lock


def _prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise errors.read_only(folder) from error
    if not os.access(folder, os.W_OK):
        raise errors.read_only(folder)


VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"


def newest_shipped_revision() -> str:
    """The newest migration's revision id: each file is named after its id (`0002_project_listing_index.py`), so
    the greatest file name is the head (tests/store checks this against Alembic's own answer)."""
    return max(p.stem for p in VERSIONS_DIR.glob("[0-9]*.py"))


def _stored_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        table = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).scalar()
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() if table else None


def _migrate(engine: Engine, path: Path, existed: bool) -> tuple[str, list[Path]]:
    current = _stored_revision(engine)
    if current is not None and current == newest_shipped_revision():
        return current, []  # up to date: Alembic (a fifth of a second to import) is not needed to open the window
    from alliance_app.store import migrate

    backups: list[Path] = []
    head = migrate.head_revision()
    if current is not None and current not in migrate.known_revisions():
        raise errors.too_new(path, current)
    if current != head:
        if existed and current is not None:
            backups.append(backup_file(path, path.parent / BACKUP_DIR, f"before-{head}"))
        try:
            with engine.begin() as connection:
                migrate.upgrade(connection)
        except Exception as error:
            known = translate(error, path)  # a full disk, a read-only folder… say so as such
            if known is not None:
                raise known from error
            lines = str(getattr(error, "orig", error)).strip().splitlines()
            detail = lines[0][:200] if lines else type(error).__name__
            raise errors.upgrade_failed(path, head, backups[0] if backups else None, detail) from error
    return head, backups


def _held_by_another(directory: Path) -> bool:
    """Whether a running window or writing command holds the store (its lock cannot be taken right now)."""
    path = directory / STORE_FILE
    if not path.exists() or not path.stat().st_size:
        return False
    probe = FileLock(str(directory / (STORE_FILE + ".lock")), timeout=0, is_singleton=False)
    try:
        probe.acquire()
    except Timeout:
        return True
    except OSError:
        return False  # a lock that cannot be made: the usual open says why
    probe.release()
    return False


def _open_beside_writer(directory: Path) -> Store:
    """A reader of a store the window holds: no lock, no migration (only the writer migrates), no writes."""
    path = directory / STORE_FILE
    _check_file(path)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "connect", _query_only)
    try:
        revision = _stored_revision(engine)
    except (OperationalError, DBAPIError) as error:
        engine.dispose()
        raise translate(error, path) or errors.in_use(path) from error
    if revision != newest_shipped_revision():
        engine.dispose()
        from alliance_app.store import migrate

        if revision is not None and revision not in migrate.known_revisions():
            raise errors.too_new(path, revision)
        raise errors.in_use(path)  # an older store its writer has not upgraded: only a writer may
    unheld = FileLock(str(directory / (STORE_FILE + ".lock")), timeout=0, is_singleton=False)
    return Store(path, engine, sessionmaker(engine, expire_on_commit=False), unheld, revision, read_only=True)


def open_store(folder: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
    """Opens (creating and migrating as needed) the store in `folder` (default: the user-data folder).

    `read_only`: for commands that only read. They run while the window holds the store (SQLite's WAL lets
    readers beside its one writer); alone, they open as usual (making or upgrading the store) and then let go of
    the lock, so a window started meanwhile is not refused. Either way their connections cannot write."""
    directory = data_dir(folder)
    if read_only and _held_by_another(directory):
        return _open_beside_writer(directory)
    store = _open_writer(directory)
    if read_only:
        store.engine.dispose()  # the connections that migrated could write; the next ones cannot
        event.listen(store.engine, "connect", _query_only)
        store.lock.release()
        store.read_only = True
    return store


def _open_writer(directory: Path) -> Store:
    _prepare_folder(directory)
    path = directory / STORE_FILE
    _check_file(path)
    lock = _take_lock(directory)
    try:
        existed = path.exists() and path.stat().st_size > 0
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _set_pragmas)
        try:
            revision, backups = _migrate(engine, path, existed)
        except (OperationalError, DBAPIError, OSError) as error:
            engine.dispose()
            user_error = translate(error, path)
            if user_error is None:
                raise
            raise user_error from error
        sessions = sessionmaker(engine, expire_on_commit=False)
        return Store(path, engine, sessions, lock, revision, backups)
    except BaseException:
        lock.release()
        raise
