"""Thirty wrong passwords for one user sent at the same moment, to a real server with two workers (SQLite, and
PostgreSQL): the count of recent failures and the recorded attempt are one atomic step, so at most the limit
(5) of passwords is ever checked. The server's own log line per checked password is what is counted."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from alliance_app.sync.protocol import version_headers
from tests.server.conftest import (
    PASSWORD,
    ServerProcess,
    add_account,
    drop_postgres,
    postgres_url,
    scratch_postgres,
    server_cli,
    start_server,
)

LIMIT = 5
ATTEMPTS = 30
RACE = {
    "ALLIANCE_SERVER_LOGIN_FAILURES_PER_USER": str(LIMIT),
    "ALLIANCE_SERVER_LOGIN_FAILURES_PER_ADDRESS": "1000",  # the per-user limit is the one under test
    "ALLIANCE_SERVER_LOGIN_WINDOW_SECONDS": "3600",
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def race_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerProcess]:
    if request.param == "sqlite":
        db_args, url = ["--data-dir", str(tmp_path)], None
    else:
        if postgres_url() is None:
            pytest.skip("ALLIANCE_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against")
        url = scratch_postgres("race")
        assert server_cli("migrate", "--database-url", url).returncode == 0
        db_args = ["--database-url", url]
    server = start_server(db_args, tmp_path / "server.log", env=RACE, workers=2)
    try:
        add_account(server, "target", "secretariat")
        yield server
    finally:
        server.stop()
        if url:
            drop_postgres(url)


def checked_passwords(server: ServerProcess) -> int:
    return server.log.read_text().count('"event": "password_checked"')


def test_thirty_simultaneous_wrong_passwords_check_at_most_the_limit(race_server: ServerProcess) -> None:
    start = threading.Barrier(ATTEMPTS)
    statuses: list[int] = []

    def attempt(n: int) -> None:
        with httpx.Client(timeout=120) as client:
            body = {"username": "target", "password": f"wrong-{n}"}
            start.wait()
            response = client.post(f"{race_server.url}/api/v1/auth/login", json=body, headers=version_headers())
            statuses.append(response.status_code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(statuses)) == [401, 429], statuses
    assert statuses.count(401) == LIMIT
    assert checked_passwords(race_server) == LIMIT
    # the right password is refused too while the limit holds, and checking it is not even tried
    right = httpx.post(
        f"{race_server.url}/api/v1/auth/login",
        json={"username": "target", "password": PASSWORD},
        headers=version_headers(),
    )
    assert right.status_code == 429 and "Retry-After" in right.headers
    assert checked_passwords(race_server) == LIMIT
