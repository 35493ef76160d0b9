"""A keyring backend for test subprocesses (the machine's edge): secrets in a JSON file named by
ALLIANCE_TEST_KEYRING, outside every data folder; each read touches ALLIANCE_TEST_KEYRING_MARK if set, so a
test knows the sync has begun. Selected with PYTHON_KEYRING_BACKEND=tests.sync.file_keyring.FileKeyring."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ["ALLIANCE_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def _save(self, data: dict[str, str]) -> None:
        path = self._path()
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")  # one per writer: threads write too
        with os.fdopen(handle, "w") as out:
            out.write(json.dumps(data))
        os.replace(tmp, path)

    def get_password(self, service: str, username: str) -> str | None:
        mark = os.environ.get("ALLIANCE_TEST_KEYRING_MARK")
        if mark:
            Path(mark).touch()
        return self._load().get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}|{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}|{username}", None)
        self._save(data)
