"""The window on every page, and every dialog, fit common screens: 1366×768, 1280×720, 1920×1080 at scale factor 2,
and 1366×768 at 1.5.

Each screen is a real Qt offscreen screen of that size (the platform's `configfile` option), in its own
process, because a Qt process has one set of screens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {
    "1366x768": (1366, 768, "1"),
    "1280x720": (1280, 720, "1"),
    "1920x1080@2": (1920, 1080, "2"),
    "1366x768@1.5": (1366, 768, "1.5"),  # a laptop with its text made larger (911×512)
}


def probe(folder: Path, ids: dict[str, str], tmp_path: Path, screen: str) -> dict:
    width, height, scale = SCREENS[screen]
    config = tmp_path / f"{screen.replace('@', '_')}.json"
    config.write_text(
        json.dumps({"screens": [{"name": screen, "x": 0, "y": 0, "width": width, "height": height,
                                  "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}),
        encoding="utf-8",
    )  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": scale}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.fit_probe", str(folder), ids["p_home"], ids["xiaomi"]],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_window_and_every_dialog_with_its_buttons_fit_the_screen(small_alliance, tmp_path, screen):
    folder, ids = small_alliance
    found = probe(folder, ids, tmp_path, screen)
    assert found["outside"] == [], found
    window, area = QRect(*found["window"]), QRect(*found["screen"])
    assert window.width() >= area.width() * 0.8  # the room the screen has is used, not a postage stamp


def test_a_window_saved_on_a_big_screen_is_clamped_to_a_small_one(small_alliance, tmp_path, qapp):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMainWindow

    folder, ids = small_alliance
    wide = QMainWindow()  # the window as last closed on a large monitor, or at scale 2: 2560×1640
    wide.setGeometry(200, 150, 2560, 1640)
    state = QSettings(str(folder / "window_state.ini"), QSettings.Format.IniFormat)
    state.setValue("window/geometry", wide.saveGeometry())
    state.sync()
    found = probe(folder, ids, tmp_path, "1280x720")
    assert found["outside"] == [], found
    assert QRect(*found["screen"]).contains(QRect(*found["window"]))
