"""Login and the network as a liaison meets it: the keyring (or none), expired and revoked logins, wrong
addresses, version mismatch, Retry-After, TLS with a private CA, proxies, progress and cancel, the CLI."""

from __future__ import annotations

import http.server
import os
import socketserver
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from keyring.backends import fail

from alliance_app.settings import Settings
from alliance_app.sync import credentials
from alliance_app.sync.desk_sync import DeskSync
from alliance_app.sync.errors import SyncError

from .conftest import FAST, PASSWORD, Desktop, Server, free_port, member_values, no_proxy_env, unique, wait_healthy


def _files_containing(folder: Path, secret: str) -> list[Path]:
    needle = secret.encode()
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_login_keeps_the_refresh_token_in_the_keyring_and_nowhere_in_the_data_folder(
    shared_server: Any, desktops: Any, memory_keyring: Any
) -> None:
    name = shared_server.add_account(unique("sec"))
    desktop = desktops("d").login(shared_server, name)
    desktop.create("member", **member_values(unique("成员")))
    desktop.sync()
    desktop.desk_sync.close()
    desktop.sync()  # a new run: the login comes back from the keyring
    (token,) = memory_keyring.secrets.values()
    desktop.store.engine.dispose()  # let the WAL settle into the file that is scanned
    assert _files_containing(desktop.data_dir, token) == []
    assert _files_containing(desktop.data_dir, PASSWORD) == []
    desktop.desk_sync.logout()
    assert memory_keyring.secrets == {}
    with pytest.raises(SyncError) as refused:
        desktop.sync()
    assert refused.value.code == "not_logged_in"


def test_without_a_keyring_the_login_lasts_for_this_run_only_and_says_so(
    shared_server: Any, desktops: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(fail.Keyring())
    name = shared_server.add_account(unique("sec"))
    desktop = desktops("d")
    result = desktop.desk_sync.login(shared_server.url, name, PASSWORD)
    assert result.warning is not None and result.warning.code == "no_keyring"
    assert "keyring" in result.warning.message("en") and "密钥库" in result.warning.message("zh")
    desktop.sync()  # this run still works
    monkeypatch.setattr(credentials, "_MEMORY", {})  # the next run
    desktop.desk_sync.close()
    with pytest.raises(SyncError) as refused:
        desktop.sync()
    assert refused.value.code == "no_keyring"
    desktop.sync(password=PASSWORD)  # asked for the password instead
    assert _files_containing(desktop.data_dir, PASSWORD) == []


def test_a_plaintext_keyring_backend_is_never_used_silently(shared_server: Any, desktops: Any) -> None:
    from .conftest import MemoryKeyring

    plaintext = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})()
    keyring.set_keyring(plaintext)
    name = shared_server.add_account(unique("sec"))
    result = desktops("d").desk_sync.login(shared_server.url, name, PASSWORD)
    assert result.warning is not None and result.warning.code == "no_keyring"
    assert plaintext.secrets == {}


@pytest.fixture
def short_tokens(tmp_path: Path) -> Iterator[Server]:
    port = free_port()
    running = Server(
        f"http://127.0.0.1:{port}", tmp_path / "srv", port, env={"ALLIANCE_SERVER_ACCESS_TOKEN_SECONDS": "1"}
    )
    running.data_dir.mkdir()
    running.start()
    yield running
    running.stop()
    running.close_database()


def test_an_expired_access_token_is_renewed_and_a_revoked_login_asks_to_log_in_again(
    short_tokens: Server, desktops: Any, memory_keyring: Any
) -> None:
    from alliance_app.server.accounts import reset_password

    name = short_tokens.add_account("expiring")
    desktop = desktops("d").login(short_tokens, name)
    desktop.create("member", **member_values(unique("成员")))
    time.sleep(1.5)
    assert desktop.sync().pushed == 1  # the 401 was answered by a refresh, not shown
    with short_tokens.database().write(lock_revs=False) as session:
        reset_password(session, username=name, password=PASSWORD + "!")  # signs every login out
    desktop.create("member", **member_values(unique("成员")))
    time.sleep(1.5)
    with pytest.raises(SyncError) as refused:
        desktop.sync()
    assert refused.value.code == "login_expired"
    assert "log in again" in refused.value.message("en") and "重新登录" in refused.value.message("zh")
    assert memory_keyring.secrets == {}  # the dead token is forgotten
    assert desktop.desk_sync.unsent() == (1, 0)  # the edit waits for the next login


def test_wrong_password_address_and_server_each_get_one_clear_sentence(shared_server: Any, desktops: Any) -> None:
    name = shared_server.add_account(unique("sec"))
    desk_sync = desktops("d").desk_sync
    cases = {
        (shared_server.url, "wrong password"): "bad_login",
        ("sync.example.org", PASSWORD): "bad_address",
        (f"http://127.0.0.1:{free_port()}", PASSWORD): "refused",
        ("http://no-such-host.invalid", PASSWORD): "unknown_host",
    }
    for (url, password), code in cases.items():
        with pytest.raises(SyncError) as failed:
            desk_sync.login(url, name, password)
        assert failed.value.code == code, (url, failed.value.code)
        assert failed.value.message("zh") and "\n" not in failed.value.message("en")


def test_a_server_speaking_another_protocol_version_asks_to_upgrade(
    shared_server: Any, desktops: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alliance_app.sync import client

    monkeypatch.setattr(client, "version_headers", lambda: {"X-Alliance-Protocol": "0", "X-Alliance-Schema": "1"})
    with pytest.raises(SyncError) as failed:
        desktops("d").desk_sync.login(shared_server.url, shared_server.add_account(unique("sec")), PASSWORD)
    assert failed.value.status == 426 and "upgrade" in failed.value.message("en")


class BusyOnce(httpx.BaseTransport):
    """The first push is answered 503 with Retry-After, as a busy server would."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.busy_sent = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/push") and not self.busy_sent:
            self.busy_sent = True
            return httpx.Response(503, headers={"Retry-After": "0.5"}, json={"code": "busy", "zh": "忙", "en": "busy"})
        return self.inner.handle_request(request)


def test_a_busy_server_is_retried_after_the_time_it_asks_for(shared_server: Any, desktops: Any) -> None:
    transport = BusyOnce()
    desktop = desktops("d", transport=transport).login(shared_server, shared_server.add_account(unique("sec")))
    desktop.create("member", **member_values(unique("成员")))
    started = time.monotonic()
    assert desktop.sync().pushed == 1
    assert transport.busy_sent and time.monotonic() - started >= 0.5


def test_progress_is_reported_and_a_cancelled_sync_stops_between_pages_and_resumes(
    shared_server: Any, desktops: Any
) -> None:
    a = desktops("a").login(shared_server, shared_server.add_account(unique("sec")))
    for _ in range(5):
        a.create("member", **member_values(unique("成员")))
    seen: list[tuple[str, int, int]] = []
    a.desk_sync.sync(progress=lambda *p: seen.append(p))
    assert {"push", "pull"} <= {phase for phase, _, _ in seen}
    assert ("push", 5, 5) in seen
    b = desktops("b").login(shared_server, shared_server.add_account(unique("sec")))
    from alliance_app.sync.engine import SyncEngine

    pages = []
    engine = SyncEngine(b.store, b.desk_sync._connected(), page_size=2, cancelled=lambda: len(pages) >= 2)
    engine.progress = lambda phase, done, total: pages.append(done) if phase == "pull" else None
    result = engine.run()
    assert result.cancelled and result.cursor > 0
    b.sync()
    a.sync()
    assert a.live() == b.live()


# ---- TLS with a private CA ---------------------------------------------------------------------------------


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    key_file, cert_file, ca_file = tmp_path / "key.pem", tmp_path / "cert.pem", tmp_path / "ca.pem"
    cert.private_key_pem.write_to_path(str(key_file))
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    ca.cert_pem.write_to_path(str(ca_file))
    port = free_port()
    data = tmp_path / "tls-server"
    data.mkdir()
    running = Server(f"https://127.0.0.1:{port}", data, port)
    running.cli("migrate")
    env = {**no_proxy_env(), "ALLIANCE_SERVER_DATA_DIR": str(data)}
    args = [sys.executable, "-m", "uvicorn", "alliance_app.server.cli:app_from_env", "--factory"]
    args += ["--host", "127.0.0.1", "--port", str(port), "--ssl-keyfile", str(key_file)]
    args += ["--ssl-certfile", str(cert_file)]
    log = data / "server.log"
    running.process = subprocess.Popen(args, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    wait_healthy(running.url, running.process, log, verify=ssl.create_default_context(cafile=str(ca_file)))
    yield running, ca_file
    running.stop()
    running.close_database()


def test_tls_with_the_alliances_own_ca_works_once_the_bundle_is_set(tls_server: Any, tmp_path: Path) -> None:
    server, ca_file = tls_server
    name = server.add_account("tls-user")
    store_dir = tmp_path / "desk"
    desktop = Desktop(store_dir)
    try:
        with pytest.raises(SyncError) as refused:
            desktop.desk_sync.login(server.url, name, PASSWORD)  # the OS store does not know this CA
        assert refused.value.code == "tls" and "CA" in refused.value.message("en")
        desktop.desk_sync = DeskSync(desktop.store, Settings(ca_bundle=str(ca_file)), options=FAST)
        desktop.login(server, name)
        desktop.create("member", **member_values(unique("成员")))
        assert desktop.sync().pushed == 1
    finally:
        desktop.close()


# ---- a proxy from the environment --------------------------------------------------------------------------


class ForwardingProxy(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    seen: list[str]


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    """Forwards absolute-form HTTP requests (what a client sends to an HTTP proxy) and counts them."""

    def _forward(self) -> None:
        assert isinstance(self.server, ForwardingProxy)
        self.server.seen.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection")}
        with httpx.Client(trust_env=False, timeout=30) as client:
            answer = client.request(self.command, self.path, headers=headers, content=body)
        self.send_response(answer.status_code)
        for key, value in answer.headers.items():
            if key.lower() not in ("transfer-encoding", "connection", "content-encoding", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    do_GET = do_POST = _forward

    def log_message(self, *args: Any) -> None:
        pass


def test_a_proxy_from_the_environment_carries_the_sync(
    shared_server: Any, desktops: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = ForwardingProxy(("127.0.0.1", 0), _ProxyHandler)
    proxy.seen = []
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.server_address[1]}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        desktop = desktops("d").login(shared_server, shared_server.add_account(unique("sec")))
        desktop.create("member", **member_values(unique("成员")))
        assert desktop.sync().pushed == 1
        assert any(path.endswith("/api/v1/sync/push") for path in proxy.seen)
        assert any(path.endswith("/api/v1/auth/login") for path in proxy.seen)
    finally:
        proxy.shutdown()
        proxy.server_close()


# ---- the commands ------------------------------------------------------------------------------------------


def test_the_commands_log_in_sync_list_conflicts_and_log_out(shared_server: Any, tmp_path: Path) -> None:
    name = shared_server.add_account(unique("sec"))
    env = {
        **no_proxy_env(),
        "PYTHON_KEYRING_BACKEND": "tests.sync.file_keyring.FileKeyring",
        "ALLIANCE_TEST_KEYRING": str(tmp_path / "keyring.json"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    data = str(tmp_path / "desk")

    def app(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "alliance_app.cli", "--data-dir", data, "--lang", "en", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    login = app("login", "--server", shared_server.url, "--user", name, "--password-stdin", stdin=PASSWORD + "\n")
    assert login.returncode == 0 and f"as {name}" in login.stdout, login.stderr
    synced = app("sync")
    assert synced.returncode == 0 and synced.stdout.startswith("Synced:"), synced.stderr
    listed = app("conflicts")
    assert listed.returncode == 0 and "open conflicts" in listed.stderr
    assert app("logout").returncode == 0
    refused = app("sync")
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "log in" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _files_containing(tmp_path / "desk", PASSWORD) == []
