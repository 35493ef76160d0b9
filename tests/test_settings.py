"""settings.json as users' desktops meet it: older, newer and damaged files, and the version written once."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import alliance_app
from alliance_app.settings import SETTINGS_FILE, SETTINGS_VERSION, Settings, load_settings, save_settings

ROOT = Path(__file__).resolve().parent.parent


def write(folder: Path, raw: dict) -> Path:
    path = folder / SETTINGS_FILE
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_current_file_reads_back_as_saved_with_no_notice(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(language="en", server_url="https://alliance.example.cn"))
    settings = load_settings(tmp_path)
    assert (settings.language, settings.server_url, settings.notice) == ("en", "https://alliance.example.cn", None)


def test_a_newer_file_is_copied_aside_and_its_unknown_keys_survive_a_save(tmp_path: Path) -> None:
    newer = SETTINGS_VERSION + 1
    original = {"settings_version": newer, "language": "zh", "username": "liu.yang", "theme": "dark"}
    path = write(tmp_path, original)

    settings = load_settings(tmp_path)
    assert settings.username == "liu.yang"
    assert settings.notice is not None
    assert f"settings.v{newer}.json" in settings.notice.message("en")
    assert "较新版本" in settings.notice.message("zh")
    assert json.loads((tmp_path / f"settings.v{newer}.json").read_text(encoding="utf-8")) == original

    settings.server_url = "https://alliance.example.cn"
    save_settings(tmp_path, settings)
    saved = json.loads(path.read_text(encoding="utf-8"))
    # The newer version's key is still there, and its version number too (its upgrades must not run again).
    assert saved["theme"] == "dark"
    assert saved["settings_version"] == newer
    assert saved["server_url"] == "https://alliance.example.cn"


def test_a_damaged_file_is_kept_and_the_user_is_told(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.language == "auto"
    assert settings.notice is not None and "settings.damaged.json" in settings.notice.message("en")
    assert (tmp_path / "settings.damaged.json").read_text(encoding="utf-8") == "{not json"


def test_the_cli_says_when_settings_came_from_a_newer_version(tmp_path: Path) -> None:
    write(tmp_path, {"settings_version": SETTINGS_VERSION + 3, "language": "en"})
    done = subprocess.run(
        [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(tmp_path), "--lang", "en", "status"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "written by a newer Alliance Desk" in done.stderr


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    iss = (ROOT / "installer" / "windows" / "alliance-desk.iss").read_text(encoding="utf-8")
    assert alliance_app.__version__ not in iss
