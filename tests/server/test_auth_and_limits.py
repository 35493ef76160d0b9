"""Tokens (expiry, rotation, reuse, logout), login rate limits, versions, body and page limits, the CLI."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from alliance_app.sync.protocol import PROTOCOL_VERSION
from tests.server.conftest import PASSWORD, Alliance, Api, ServerProcess, add_account, create, server_cli, start_server

STRICT = {
    "ALLIANCE_SERVER_ACCESS_TOKEN_SECONDS": "2",
    "ALLIANCE_SERVER_REFRESH_GRACE_SECONDS": "1",
    "ALLIANCE_SERVER_LOGIN_FAILURES_PER_USER": "3",
    "ALLIANCE_SERVER_LOGIN_FAILURES_PER_ADDRESS": "6",
    "ALLIANCE_SERVER_LOGIN_WINDOW_SECONDS": "60",
    "ALLIANCE_SERVER_MAX_BODY_BYTES": "65536",
}


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    data = tmp_path_factory.mktemp("strict")
    server = start_server(["--data-dir", str(data)], data / "server.log", env=STRICT)
    for name in ("alice", "bob", "carol", "dave"):
        add_account(server, name, "secretariat")
    yield server
    server.stop()


def test_an_access_token_expires_and_a_refresh_gives_a_working_pair(strict_server: ServerProcess) -> None:
    api = Api(strict_server.url).login("alice")
    assert api.get("/api/v1/auth/me").status_code == 200
    time.sleep(2.5)
    assert api.get("/api/v1/auth/me").status_code == 401
    r = api.post("/api/v1/auth/refresh", json={"refresh_token": api.refresh_token})
    assert r.status_code == 200, r.text
    fresh = Api(strict_server.url, r.json()["access_token"], r.json()["refresh_token"])
    assert fresh.get("/api/v1/auth/me").json()["username"] == "alice"


def test_a_retried_refresh_within_the_grace_works_but_a_later_reuse_revokes_the_family(
    strict_server: ServerProcess,
) -> None:
    api = Api(strict_server.url).login("bob")
    first = api.post("/api/v1/auth/refresh", json={"refresh_token": api.refresh_token})
    retried = api.post("/api/v1/auth/refresh", json={"refresh_token": api.refresh_token})
    assert first.status_code == retried.status_code == 200
    time.sleep(1.5)
    reused = api.post("/api/v1/auth/refresh", json={"refresh_token": api.refresh_token})
    assert (reused.status_code, reused.json()["code"]) == (401, "refresh_reused")
    # the whole family is gone: the tokens issued by the first refresh no longer work either
    newer = first.json()
    assert Api(strict_server.url, newer["access_token"]).get("/api/v1/auth/me").status_code == 401
    assert api.post("/api/v1/auth/refresh", json={"refresh_token": newer["refresh_token"]}).status_code == 401


def test_logout_revokes_the_access_and_refresh_tokens(strict_server: ServerProcess) -> None:
    api = Api(strict_server.url).login("carol")
    assert api.post("/api/v1/auth/logout").status_code == 204
    assert api.get("/api/v1/auth/me").status_code == 401
    assert api.post("/api/v1/auth/refresh", json={"refresh_token": api.refresh_token}).status_code == 401


def test_a_client_with_another_protocol_or_schema_version_is_told_to_upgrade(alliance: Alliance) -> None:
    url = alliance.server.url + "/api/v1/auth/me"
    auth = {"Authorization": f"Bearer {alliance.liaison_a.token}"}
    old = httpx.get(url, headers={**auth, "X-Alliance-Protocol": "0", "X-Alliance-Schema": "1"})
    new = httpx.get(url, headers={**auth, "X-Alliance-Protocol": "1", "X-Alliance-Schema": "99"})
    none = httpx.get(url, headers=auth)
    assert (old.status_code, old.json()["code"]) == (426, "upgrade_client")
    assert (new.status_code, new.json()["code"]) == (426, "upgrade_server")
    assert none.status_code == 426 and "升级" in none.json()["zh"]


def test_an_oversized_body_gets_413_and_a_too_large_batch_422(strict_server: ServerProcess) -> None:
    api = Api(strict_server.url).login("alice")
    big = {"mutations": [create("project", {"title": "x" * 70_000})]}
    r = api.post("/api/v1/sync/push", json=big)
    assert (r.status_code, r.json()["code"]) == (413, "body_too_large")
    chunked = api.client.post(
        strict_server.url + "/api/v1/sync/push",
        headers=api.headers() | {"Content-Type": "application/json"},
        content=iter([b'{"mutations": [', b" " * 70_000, b"]}"]),
    )
    assert chunked.status_code == 413
    many = {"mutations": [create("member", {"name_zh": f"公司{i}"}) for i in range(201)]}
    assert api.post("/api/v1/sync/push", json=many).status_code == 422


def test_a_page_larger_than_the_cap_is_cut_to_the_cap(alliance: Alliance) -> None:
    page = alliance.liaison_a.get("/api/v1/sync/pull", params={"cursor": 0, "limit": 100000})
    assert page.status_code == 200
    assert len(page.json()["changes"]) <= 1000


def test_a_cursor_ahead_of_the_server_gets_410_re_pull(alliance: Alliance) -> None:
    r = alliance.liaison_a.get("/api/v1/sync/pull", params={"cursor": 10**9})
    assert (r.status_code, r.json()["code"]) == (410, "cursor_too_old")


def test_healthz_answers_without_login(alliance: Alliance) -> None:
    body = httpx.get(alliance.server.url + "/healthz").json()
    assert body["status"] == "ok" and body["protocol_version"] == PROTOCOL_VERSION


def test_the_access_log_names_requests_and_accounts_but_never_tokens_or_passwords(alliance: Alliance) -> None:
    alliance.liaison_a.get("/api/v1/auth/me")
    line = '"path": "/api/v1/auth/me", "status": 200'
    # The access line is written once the answer has gone out, so the client may read the file first: wait for it.
    deadline = time.monotonic() + 60
    while line not in (log := alliance.server.log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert line in log and '"account": "liaison-a-s"' in log
    for secret in (alliance.liaison_a.token, alliance.liaison_a.refresh_token, PASSWORD):
        assert secret and secret not in log


def test_disabled_accounts_and_reset_passwords_sign_out_at_once(alliance: Alliance) -> None:
    add_account(alliance.server, "temp-s", "secretariat")
    api = alliance.anonymous.login("temp-s")
    reset = server_cli(
        "reset-password", "temp-s", "--password-stdin", *alliance.server.db_args, stdin="another pass 2\n"
    )
    assert reset.returncode == 0, reset.stderr
    assert api.get("/api/v1/auth/me").status_code == 401
    api = alliance.anonymous.login("temp-s", "another pass 2")
    assert server_cli("disable-account", "temp-s", *alliance.server.db_args).returncode == 0
    assert api.get("/api/v1/auth/me").status_code == 401
    r = alliance.anonymous.post("/api/v1/auth/login", json={"username": "temp-s", "password": "another pass 2"})
    assert r.status_code == 401


def test_account_commands_create_accounts_and_explain_mistakes_in_one_line(alliance: Alliance) -> None:
    args = alliance.server.db_args
    made = server_cli(
        "create-account",
        "l0",
        "--role",
        "liaison",
        "--member",
        alliance.member_b,
        "--password-stdin",
        *args,
        stdin=PASSWORD + "\n",
    )
    assert made.returncode == 0, made.stderr
    assert alliance.anonymous.login("l0").account == {
        "username": "l0",
        "role": "liaison",
        "member_id": alliance.member_b,
    }
    no_member = server_cli("create-account", "l1", "--role", "liaison", "--password-stdin", *args, stdin=PASSWORD)
    assert no_member.returncode == 1 and "--member" in no_member.stderr and "Traceback" not in no_member.stderr
    short = server_cli("create-account", "l2", "--role", "secretariat", "--password-stdin", *args, stdin="short\n")
    assert short.returncode == 1 and "8" in short.stderr
    unknown = server_cli(
        "create-account", "l3", "--role", "liaison", "--member", "不存在", "--password-stdin", *args, stdin=PASSWORD
    )
    assert unknown.returncode == 1 and "不存在" in unknown.stderr


# Last in the module: afterwards this address is over the strict server's limit.
def test_unknown_user_and_wrong_password_get_the_same_answer_then_429_with_retry_after(
    strict_server: ServerProcess,
) -> None:
    anonymous = Api(strict_server.url)
    unknown = anonymous.post("/api/v1/auth/login", json={"username": "nobody", "password": "whatever1"})
    wrong = anonymous.post("/api/v1/auth/login", json={"username": "dave", "password": "whatever1"})
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()
    for _ in range(2):
        anonymous.post("/api/v1/auth/login", json={"username": "dave", "password": "whatever1"})
    limited = anonymous.post("/api/v1/auth/login", json={"username": "dave", "password": PASSWORD})
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0
    # per address too: other usernames from the same address are now refused
    for name in ("x1", "x2"):
        anonymous.post("/api/v1/auth/login", json={"username": name, "password": "whatever1"})
    assert anonymous.post("/api/v1/auth/login", json={"username": "x3", "password": "whatever1"}).status_code == 429
