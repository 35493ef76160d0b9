"""Real alliance-server processes on 127.0.0.1 and real desktop stores on disk, for the sync engine's tests."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend

from alliance_app.models import RECORD_TYPES, field_specs, to_wire
from alliance_app.services import Desk
from alliance_app.settings import Settings
from alliance_app.store.engine import Store, open_store
from alliance_app.sync.client import ClientOptions
from alliance_app.sync.desk_sync import DeskSync
from tests.conftest import credit_code, free_port

PASSWORD = "correct horse battery"
ROOMY = {
    "ALLIANCE_SERVER_LOGIN_FAILURES_PER_ADDRESS": "1000",
    "ALLIANCE_SERVER_LOGIN_FAILURES_PER_USER": "1000",
    # Cheap password hashing: the tests log in often; the strength of Argon2id is the server's tests' business.
    "ALLIANCE_SERVER_ARGON2_TIME_COST": "1",
    "ALLIANCE_SERVER_ARGON2_MEMORY_KIB": "8192",
}
os.environ.update({k: v for k, v in ROOMY.items() if "ARGON2" in k})
FAST = ClientOptions(connect_timeout=2, read_timeout=20, deadline=120, max_attempts=8, backoff_base=0.02)
_seeds = itertools.count(1)


class MemoryKeyring(KeyringBackend):
    """The machine's edge in tests: an OS keyring that keeps secrets in this process's memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def no_proxy_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return env


@dataclass
class Server:
    url: str
    data_dir: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    _db: Any = None

    def start(self) -> Server:
        args = [sys.executable, "-m", "alliance_app.server.cli", "serve", "--port", str(self.port)]
        args += ["--data-dir", str(self.data_dir)]
        self.log = self.data_dir / "server.log"
        handle = self.log.open("a")
        self.process = subprocess.Popen(
            args, env={**no_proxy_env(), **ROOMY, **self.env}, stdout=handle, stderr=subprocess.STDOUT
        )
        wait_healthy(self.url, self.process, self.log)
        return self

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "alliance_app.server.cli", *args, "--data-dir", str(self.data_dir)],
            input=stdin,
            capture_output=True,
            text=True,
            env={**no_proxy_env(), **ROOMY, **self.env},
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result

    def add_account(self, username: str, role: str = "secretariat", member: str | None = None) -> str:
        """Written straight into the server's database (the CLI's own path, minus a process start)."""
        from alliance_app.server.accounts import create_account

        with self.database().write(lock_revs=False) as session:
            create_account(session, username=username, role=role, password=PASSWORD, member=member)
        return username

    def database(self) -> Any:
        from alliance_app.server.db import Database
        from alliance_app.server.settings import ServerSettings

        if self._db is None:
            self._db = Database.open(ServerSettings(data_dir=self.data_dir))
        return self._db

    def close_database(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, verify: Any = True) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1, verify=verify, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not start: {log.read_text()}")


def _run_server(folder: Path) -> Iterator[Server]:
    port = free_port()
    running = Server(f"http://127.0.0.1:{port}", folder / "server", port)
    running.data_dir.mkdir()
    running.start()
    yield running
    running.stop()
    running.close_database()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A server of this test's own (for tests that kill or restart it)."""
    yield from _run_server(tmp_path)


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the tests that only add records of their own."""
    yield from _run_server(tmp_path_factory.mktemp("shared"))


_names = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_names)}-{os.getpid()}"


class Desktop:
    """One liaison's desktop: a real store on disk, its desk and its DeskSync."""

    def __init__(self, data_dir: Path, transport: Any = None, options: ClientOptions = FAST):
        self.data_dir = data_dir
        self.transport = transport
        self.options = options
        self.store: Store = open_store(data_dir)
        self.desk_sync = DeskSync(self.store, Settings(), transport=transport, options=options)
        self.desk = Desk(self.store, self._actor())

    def _actor(self) -> Any:
        from alliance_app.services.desk import actor_from_settings

        return actor_from_settings(Settings(), self.store.get_meta("account"))

    def login(self, server: Server, username: str, **kw: Any) -> Desktop:
        self.desk_sync.login(server.url, username, PASSWORD, **kw)
        self.desk.actor = self._actor()
        return self

    def sync(self, **kw: Any) -> Any:
        return self.desk_sync.sync(**kw)

    def create(self, kind: str, **values: Any) -> str:
        changes = self.desk.create(kind, values)
        assert changes.record_id
        return changes.record_id

    def edit(self, kind: str, record_id: str, **values: Any) -> None:
        self.desk.update(kind, record_id, values)

    def get(self, kind: str, record_id: str) -> dict[str, Any]:
        return self.desk.get(kind, record_id)

    def live(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Every live record with its rev and field values in wire form."""
        return snapshot(self.store)

    def close(self) -> None:
        self.desk_sync.close()
        self.store.close()


def snapshot(store: Store, *, include_deleted: bool = False) -> dict[tuple[str, str], dict[str, Any]]:
    from sqlalchemy import select

    found = {}
    with store.read() as session:
        for cls in RECORD_TYPES:
            query = select(cls)
            if not include_deleted:
                query = query.where(cls.deleted.is_(False))
            for record in session.scalars(query):
                values = {s.name: to_wire(getattr(record, s.name)) for s in field_specs(cls.kind)}
                values["rev"] = record.rev
                found[(cls.kind, record.id)] = values
    return found


@pytest.fixture
def desktops(tmp_path: Path) -> Iterator[Any]:
    made: list[Desktop] = []

    def make(name: str, **kw: Any) -> Desktop:
        desktop = Desktop(tmp_path / name, **kw)
        made.append(desktop)
        return desktop

    yield make
    for desktop in made:
        desktop.close()


def member_values(name: str) -> dict[str, Any]:
    return {
        "name_zh": name,
        "member_kind": "enterprise",
        "credit_code": credit_code(next(_seeds) + os.getpid() % 1000 * 1000),
        "city": "武汉市",
        "domains": ["smart_city"],
    }
