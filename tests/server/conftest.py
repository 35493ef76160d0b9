"""Real alliance-server processes on 127.0.0.1 (SQLite, and PostgreSQL where ALLIANCE_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from alliance_app.models import link_id, new_id
from alliance_app.sync.protocol import PullResponse, version_headers
from tests.conftest import credit_code, free_port

PASSWORD = "correct horse battery"
# Cheaper Argon2id for the test servers and CLI runs (still Argon2id; production keeps the strong default).
os.environ.setdefault("ALLIANCE_SERVER_ARGON2_TIME_COST", "1")
os.environ.setdefault("ALLIANCE_SERVER_ARGON2_MEMORY_KIB", "8192")


def server_cli(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "alliance_app.server.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@dataclass
class ServerProcess:
    url: str
    db_args: list[str]
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(db_args: list[str], log: Path, env: dict[str, str] | None = None, workers: int = 1) -> ServerProcess:
    port = free_port()
    args = [sys.executable, "-m", "alliance_app.server.cli", "serve", "--port", str(port), *db_args]
    if workers > 1:
        args += ["--workers", str(workers)]
    handle = log.open("w")
    process = subprocess.Popen(args, env={**os.environ, **(env or {})}, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return ServerProcess(url, db_args, process, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not start: {log.read_text()}")


@dataclass
class Api:
    """A logged-in (or anonymous) client of one server, speaking protocol v1."""

    url: str
    token: str | None = None
    refresh_token: str | None = None
    account: dict[str, Any] = field(default_factory=dict)
    client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=60))

    def headers(self) -> dict[str, str]:
        h = version_headers()
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        return h

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.get(self.url + path, headers=self.headers(), **kw)

    def post(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.post(self.url + path, headers=self.headers(), **kw)

    def login(self, username: str, password: str = PASSWORD) -> Api:
        r = self.post("/api/v1/auth/login", json={"username": username, "password": password})
        assert r.status_code == 200, r.text
        body = r.json()
        return Api(self.url, body["access_token"], body["refresh_token"], body["account"])

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.post("/api/v1/sync/push", json={"mutations": list(mutations)})
        assert r.status_code == 200, r.text
        return r.json()["outcomes"]

    def push_one(self, mutation: dict[str, Any]) -> dict[str, Any]:
        return self.push(mutation)[0]

    def pages(self, cursor: int = 0, **params: Any) -> list[dict[str, Any]]:
        """Every page of a pull from `cursor`, as answered (each checked against the model)."""
        pages = []
        while True:
            r = self.get("/api/v1/sync/pull", params={"cursor": cursor, **params})
            assert r.status_code == 200, r.text
            page = r.json()
            PullResponse.model_validate(page)
            pages.append(page)
            cursor = page["cursor"]
            if not page["has_more"]:
                return pages

    def pull_all(self, cursor: int = 0, limit: int = 500) -> tuple[dict[tuple[str, str], dict], int]:
        records: dict[tuple[str, str], dict] = {}
        while True:
            r = self.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": limit})
            assert r.status_code == 200, r.text
            page = r.json()
            PullResponse.model_validate(page)  # the page is written without the model: it must still fit it
            for state in page["prerequisites"] + page["changes"]:
                key = (state["kind"], state["id"])
                if key not in records or records[key]["rev"] <= state["rev"]:
                    records[key] = state
            cursor = page["cursor"]
            if not page["has_more"]:
                return records, cursor

    def record(self, kind: str, record_id: str) -> dict[str, Any]:
        r = self.get(f"/api/v1/records/{kind}/{record_id}")
        assert r.status_code == 200, r.text
        return r.json()


def mutation(
    kind: str,
    record_id: str,
    op: str,
    changes: dict[str, Any] | None = None,
    base_rev: int | None = None,
    *,
    old: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A push item as the desktop's outbox makes it: changes as {field: [old, new]}."""
    old = old or {}
    return {
        "mutation_id": new_id(),
        "kind": kind,
        "record_id": record_id,
        "op": op,
        "changes": {k: [old.get(k), v] for k, v in (changes or {}).items()},
        "base_rev": base_rev,
    }


def create(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    return mutation(kind, link_id(kind, values) or new_id(), "create", values)


_seed = iter(range(1, 10**6))


def member_values(name: str) -> dict[str, Any]:
    return {
        "name_zh": name,
        "member_kind": "enterprise",
        "credit_code": credit_code(next(_seed) + os.getpid() % 1000 * 1000),
        "city": "武汉市",
        "domains": ["smart_city"],
    }


@dataclass
class Alliance:
    """A running server with two members A and B, their liaisons, the secretariat and an admin."""

    server: ServerProcess
    anonymous: Api
    secretariat: Api
    liaison_a: Api
    liaison_b: Api
    admin: Api
    member_a: str
    member_b: str

    def api(self) -> Api:
        return Api(self.server.url)


def add_account(server: ServerProcess, username: str, role: str, member: str | None = None) -> None:
    """Creates an account straight in the server's database (the CLI path is tested on its own; this is faster)."""
    from alliance_app.server.accounts import create_account
    from alliance_app.server.db import Database
    from alliance_app.server.settings import ServerSettings

    flags = dict(zip(server.db_args[::2], server.db_args[1::2], strict=True))
    settings = ServerSettings(data_dir=flags.get("--data-dir", "."), database_url=flags.get("--database-url"))
    db = Database.open(settings)
    try:
        with db.write(lock_revs=False) as session:
            create_account(session, username=username, role=role, password=PASSWORD, member=member)
    finally:
        db.close()


def build_alliance(server: ServerProcess, tag: str) -> Alliance:
    add_account(server, f"sec-{tag}", "secretariat")
    add_account(server, f"admin-{tag}", "admin")
    anonymous = Api(server.url)
    secretariat = anonymous.login(f"sec-{tag}")
    a, b = create("member", member_values(f"甲公司{tag}")), create("member", member_values(f"乙公司{tag}"))
    outcomes = secretariat.push(a, b)
    assert [o["status"] for o in outcomes] == ["applied", "applied"], outcomes
    add_account(server, f"liaison-a-{tag}", "liaison", a["record_id"])
    add_account(server, f"liaison-b-{tag}", "liaison", b["record_id"])
    return Alliance(
        server=server,
        anonymous=anonymous,
        secretariat=secretariat,
        liaison_a=anonymous.login(f"liaison-a-{tag}"),
        liaison_b=anonymous.login(f"liaison-b-{tag}"),
        admin=anonymous.login(f"admin-{tag}"),
        member_a=a["record_id"],
        member_b=b["record_id"],
    )


# High enough that the whole suite logging in from 127.0.0.1 never meets the per-address limit.
ROOMY = {"ALLIANCE_SERVER_LOGIN_FAILURES_PER_ADDRESS": "1000", "ALLIANCE_SERVER_LOGIN_FAILURES_PER_USER": "1000"}


@pytest.fixture(scope="session")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    data = tmp_path_factory.mktemp("server-data")
    server = start_server(["--data-dir", str(data)], data / "server.log", env=ROOMY)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sqlite_alliance(sqlite_server: ServerProcess) -> Alliance:
    return build_alliance(sqlite_server, "s")


@pytest.fixture(scope="session")
def alliance(sqlite_alliance: Alliance) -> Alliance:
    return sqlite_alliance


def postgres_url() -> str | None:
    return os.environ.get("ALLIANCE_TEST_POSTGRES_URL")


def scratch_postgres(name: str) -> str:
    """A fresh database on the test PostgreSQL server, named after the test; returns its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(postgres_url())
    db_name = f"alliance_{name}_{uuid.uuid4().hex[:8]}"
    engine = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{db_name}"'))
    engine.dispose()
    return base.set(database=db_name).render_as_string(hide_password=False)


def drop_postgres(url: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    engine = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        drop_scratch_database(connection, str(parsed.database))
    engine.dispose()


def drop_scratch_database(connection: Any, name: str) -> None:
    """Drops a test's own database, ending the connections still in it. PostgreSQL's autovacuum may be working in
    it at that moment, a process of no role the test role may end ("must be a member of the role whose process is
    being terminated"): it finishes on its own, so the drop is tried again until it goes through."""
    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    for _ in range(600):
        try:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except ProgrammingError as error:
            if "must be a member of the role" not in str(error):
                raise
            time.sleep(0.1)
    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))  # its error, if it still fails


needs_postgres = pytest.mark.skipif(
    postgres_url() is None, reason="ALLIANCE_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against"
)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    if postgres_url() is None:
        pytest.skip("ALLIANCE_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
    url = scratch_postgres("srv")
    migrated = server_cli("migrate", "--database-url", url)
    assert migrated.returncode == 0, migrated.stderr
    log = tmp_path_factory.mktemp("pg-server") / "server.log"
    server = start_server(["--database-url", url], log, env=ROOMY, workers=2)
    yield server
    server.stop()
    drop_postgres(url)


@pytest.fixture(scope="session")
def postgres_alliance(postgres_server: ServerProcess) -> Alliance:
    return build_alliance(postgres_server, "p")


def uuid_str() -> str:
    return str(uuid.uuid4())
