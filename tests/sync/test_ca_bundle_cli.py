"""`alliance-app login --ca-bundle`: a desktop of an alliance with its own CA logs in from the command line, as
docs/deploy.md says, and later syncs keep trusting that CA."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from .conftest import PASSWORD, no_proxy_env
from .test_login_and_network import tls_server  # noqa: F401 (the fixture)


def test_the_login_command_takes_the_alliances_ca_and_keeps_it_for_later_syncs(tls_server: Any, tmp_path: Path) -> None:  # noqa: F811
    server, ca_file = tls_server
    name = server.add_account("ca-cli-user")
    env = {
        **no_proxy_env(),
        "PYTHON_KEYRING_BACKEND": "tests.sync.file_keyring.FileKeyring",
        "ALLIANCE_TEST_KEYRING": str(tmp_path / "keyring.json"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }

    def app(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(tmp_path / "desk"), "--lang", "en"]
        return subprocess.run([*command, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120)

    login = ["login", "--server", server.url, "--user", name, "--password-stdin"]
    refused = app(*login, stdin=PASSWORD + "\n")
    assert refused.returncode == 1 and "CA" in refused.stderr, refused.stderr
    accepted = app(*login, "--ca-bundle", str(ca_file), stdin=PASSWORD + "\n")
    assert accepted.returncode == 0, accepted.stderr
    synced = app("sync")
    assert synced.returncode == 0 and synced.stdout.startswith("Synced:"), synced.stderr
