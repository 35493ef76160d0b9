"""`alliance-app login` as a newcomer types it: the API's own address pasted, an empty password, and an answer in
words (the role's name, not its code)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from alliance_app.sync.client import normalise_url

from .conftest import PASSWORD, no_proxy_env


def _app(data: Path, keyring: Path, *args: str, stdin: str, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    env = {
        **no_proxy_env(),
        "PYTHON_KEYRING_BACKEND": "tests.sync.file_keyring.FileKeyring",
        "ALLIANCE_TEST_KEYRING": str(keyring),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    command = [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(data), "--lang", lang, *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=env, timeout=120)


def test_the_apis_own_address_is_the_servers_address() -> None:
    for typed in ("https://sync.example.cn/api/v1", "https://sync.example.cn/api/v1/", " https://sync.example.cn/ "):
        assert normalise_url(typed) == "https://sync.example.cn"
    assert normalise_url("https://example.cn/alliance/api/v1") == "https://example.cn/alliance"  # behind a prefix


def test_an_empty_password_is_said_before_any_server_is_asked(tmp_path: Path) -> None:
    # port 9 answers nothing: asking it would say the connection was refused, not what is wrong
    login = ["login", "--server", "http://127.0.0.1:9", "--user", "zhang", "--password-stdin"]
    result = _app(tmp_path / "desk", tmp_path / "keyring.json", *login, stdin="\n")
    assert result.returncode == 1 and result.stderr.strip() == "密码为空，请输入密码"


def test_a_login_answers_with_the_roles_name_at_the_apis_address(shared_server: Any, tmp_path: Path) -> None:
    name = shared_server.add_account("words-secretariat")
    login = ["login", "--server", shared_server.url + "/api/v1/", "--user", name, "--password-stdin"]
    zh = _app(tmp_path / "zh", tmp_path / "keyring.json", *login, stdin=PASSWORD + "\n")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.strip() == f"已登录 {shared_server.url}：{name}（秘书处）"
    en = _app(tmp_path / "en", tmp_path / "keyring.json", *login, stdin=PASSWORD + "\n", lang="en")
    assert en.stdout.strip() == f"Logged in to {shared_server.url} as {name} (Secretariat)", en.stderr
