"""What the administrator runs, as docs/deploy.md says: maintenance commands that notice they are not looking at the
alliance's database, the roster script (with a roster saved on Windows), the account list, signing everyone out,
the metrics endpoint and JSON-line logs."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from alliance_app.sync.protocol import version_headers
from tests.server.conftest import ROOMY, Alliance, Api, ServerProcess, build_alliance, server_cli, start_server

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
METRICS_TOKEN = "metrics-secret-for-the-test"


@pytest.fixture(scope="module")
def operated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Alliance, Path, ServerProcess]]:
    data = tmp_path_factory.mktemp("operated")
    env = {**ROOMY, "ALLIANCE_SERVER_METRICS_TOKEN": METRICS_TOKEN, "ALLIANCE_SERVER_LOG_FILE": str(data / "json.log")}
    server = start_server(["--data-dir", str(data)], data / "server.log", env=env)
    try:
        yield build_alliance(server, "o"), data, server
    finally:
        server.stop()


@pytest.mark.parametrize("command", [["housekeeping"], ["purge-tombstones"], ["accounts", "list"], ["after-restore"]])
def test_a_maintenance_command_on_an_empty_database_says_so_and_fails(tmp_path: Path, command: list[str]) -> None:
    """Run from cron without the service's settings, it would look at an empty embedded database."""
    result = server_cli(*command, "--data-dir", str(tmp_path / "nowhere"))
    assert result.returncode == 1, result.stdout
    assert "no accounts and no records" in result.stderr and "没有账号" in result.stderr
    assert not (tmp_path / "nowhere" / "alliance-server.sqlite").exists()  # and it did not make one either


def test_the_guides_roster_script_makes_accounts_from_a_windows_roster(
    operated: tuple[Alliance, Path, ServerProcess], tmp_path: Path
) -> None:
    _alliance, data, server = operated
    template = server_cli("roster-template", "--data-dir", str(data))
    assert template.returncode == 0, template.stderr
    lines = template.stdout.splitlines()
    assert lines[0] == "username,member" and len(lines) == 3  # the two members of the test alliance
    members = [line.split(",", 1)[1] for line in lines[1:]]
    roster = "username,member\r\n" + "".join(f"roster-{i},{m}\r\n" for i, m in enumerate(members)) + ",\r\n"
    (tmp_path / "roster.csv").write_bytes(roster.encode())
    script = re.search(r"`create-liaisons.sh`.*?```sh\n(.*?)```", GUIDE.read_text(), re.S)
    assert script is not None
    (tmp_path / "create-liaisons.sh").write_text(script.group(1))
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "alliance-server").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m alliance_app.server.cli "$@"\n')
    (shim / "alliance-server").chmod(0o755)
    env = {**os.environ, **ROOMY, "PATH": f"{shim}:{os.environ['PATH']}", "ALLIANCE_SERVER_DATA_DIR": str(data)}
    run = subprocess.run(["sh", "create-liaisons.sh"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    passwords = tmp_path / "initial-passwords.csv"
    assert stat.S_IMODE(passwords.stat().st_mode) == 0o600
    rows = [line.split(",") for line in passwords.read_text().splitlines()]
    assert [r[0] for r in rows] == ["roster-0", "roster-1"]
    for username, _member, password in rows:
        assert "\r" not in password
        Api(server.url).login(username, password)


def test_the_account_list_shows_last_login_last_sync_and_desktop_release(
    operated: tuple[Alliance, Path, ServerProcess],
) -> None:
    alliance, data, server = operated
    username = alliance.liaison_a.account["username"]
    api = Api(server.url).login(username)
    headers = {**api.headers(), "X-Alliance-Desktop": "0.9.3"}
    pulled = httpx.get(f"{server.url}/api/v1/sync/pull", params={"cursor": 0}, headers=headers)
    assert pulled.status_code == 200
    listed = server_cli("accounts", "list", "--data-dir", str(data))
    assert listed.returncode == 0, listed.stderr
    line = next(row for row in listed.stdout.splitlines() if row.startswith(username))
    assert "0.9.3" in line and "liaison" in line
    assert len(re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d", line)) == 2, line  # last login and last sync


def test_signing_everyone_out_ends_every_login(operated: tuple[Alliance, Path, ServerProcess]) -> None:
    alliance, data, server = operated
    api = Api(server.url).login(alliance.secretariat.account["username"])
    assert api.get("/api/v1/auth/me").status_code == 200
    result = server_cli("sign-out-everyone", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert api.get("/api/v1/auth/me").status_code == 401
    assert api.post("/api/v1/auth/refresh", json={"refresh_token": api.refresh_token}).status_code == 401


def test_metrics_are_served_to_the_token_only_in_the_prometheus_format(
    operated: tuple[Alliance, Path, ServerProcess],
) -> None:
    alliance, _data, server = operated
    api = Api(server.url).login(alliance.secretariat.account["username"])
    api.get("/api/v1/sync/pull", params={"cursor": 0})
    api.get("/api/v1/nothing-here")
    assert httpx.get(f"{server.url}/metrics").status_code == 401
    assert httpx.get(f"{server.url}/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    # A request is counted once its answer has gone out (and maybe by the other worker): scrape until it shows.
    # Its latency is looked for in the +Inf bucket: which finite bucket it lands in depends on the machine's load.
    pull_counted = r'alliance_requests_total\{method="GET",route="/api/v1/sync/pull",status="200"\} [1-9]'
    deadline = time.monotonic() + 60
    while True:
        answer = httpx.get(f"{server.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        text = answer.text
        counted = re.search(pull_counted, text) and 'route="unmatched"' in text
        if answer.status_code != 200 or counted or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    assert re.search(pull_counted, text)
    assert 'route="unmatched"' in text and "/nothing-here" not in text  # raw paths never become series
    assert re.search(r'alliance_request_seconds_bucket\{le="\+Inf",route="/api/v1/sync/pull"\} [1-9]', text)
    assert re.search(r'alliance_pull_records_total\{kind="member"\} [1-9]', text)
    assert "alliance_db_connections_in_use" in text


def test_logs_are_json_lines_in_the_chosen_file(operated: tuple[Alliance, Path, ServerProcess]) -> None:
    _alliance, data, server = operated
    httpx.get(f"{server.url}/api/v1/auth/me", headers={**version_headers()})
    lines = (data / "json.log").read_text().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is one JSON object, nothing around it
    access = [e for e in entries if e["logger"] == "alliance_server.access"]
    assert access and {"time", "level", "method", "path", "status", "ms"} <= set(access[-1])
    assert all("Bearer" not in line for line in lines)
