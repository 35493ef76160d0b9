"""A second launch on the same data folder brings the running window to the front instead of an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alliance_app.ui.single_instance import RunningWindow, ask_running_window

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_launch_asks_the_running_window_to_come_forward(qapp, qtbot, tmp_path):
    running = RunningWindow(tmp_path / "data", qapp)
    assert running.listening
    with qtbot.waitSignal(running.raise_requested, timeout=60_000):
        assert ask_running_window(tmp_path / "data")
    assert not ask_running_window(tmp_path / "other")  # another data folder is another window


def test_the_second_window_process_exits_at_once_without_an_error(open_window, small_alliance, qtbot):
    folder, _ids = small_alliance
    desk_app = open_window(folder)
    running = RunningWindow(folder, desk_app)
    raised: list[bool] = []
    running.raise_requested.connect(lambda: raised.append(True))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    code = "import sys; from alliance_app.ui.start import run; sys.exit(run(sys.argv[1], 'zh'))"
    second = subprocess.Popen([sys.executable, "-c", code, str(folder)], env=env, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: second.poll() is not None and bool(raised), timeout=60_000)
    assert second.returncode == 0, second.stderr.read() if second.stderr else ""
    assert desk_app.window.isVisible()
