"""The commands' long work shows how far it got on a terminal, and says nothing extra into a script's log;
Ctrl+C is one line and leaves the store as it was."""

from __future__ import annotations

import fcntl
import json
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import alliance_app.cli.progress as cli_progress
from alliance_app.cli import main
from tests.test_cli import run


def run_on_terminal(data: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    """Runs the command with stderr on a pseudo-terminal 100 columns wide (as in a console window) and stdout to a
    file; returns the exit code, stdout and everything the terminal received."""
    main_fd, terminal_fd = os.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(data), "--lang", lang, *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=terminal_fd,
            env=env,
        )
        os.close(terminal_fd)
        received = bytearray()
        while True:  # read as it comes, so the terminal's buffer never fills and stalls the command
            ready, _, _ = select.select([main_fd], [], [], 1.0)
            if ready:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # the command closed its end
                    break
                if not chunk:
                    break
                received += chunk
            elif process.poll() is not None:
                break
        code = process.wait(timeout=120)
        os.close(main_fd)
        out.seek(0)
        return code, out.read().decode(), received.decode(errors="replace")


def test_the_demo_load_shows_its_bar_on_a_terminal(tmp_path: Path) -> None:
    code, out, terminal = run_on_terminal(tmp_path, "demo", "--scale", "2", lang="zh")
    assert code == 0, terminal
    total = json.loads(run(tmp_path, "status", "--json").stdout)["counts"]
    assert "载入演示联盟" in terminal
    assert f"/{sum(total.values())} [" in terminal  # the bar counts every record to write (how often it redraws
    # depends on the machine's speed, so no count between is asserted)
    assert out.startswith("已载入演示联盟")  # the result itself stays on stdout, with no bar in it


def test_import_and_export_show_their_steps_on_a_terminal(tmp_path: Path) -> None:
    assert run(tmp_path, "demo").returncode == 0
    sheet = tmp_path / "projects.xlsx"
    code, out, terminal = run_on_terminal(tmp_path, "export", "project", "-o", str(sheet))
    assert code == 0 and "Exporting" in terminal and out.startswith("Exported")
    other = tmp_path / "other"
    code, out, terminal = run_on_terminal(other, "import", "project", str(sheet), "--dry-run")
    assert (
        "Checking" in terminal
        and f"/{json.loads(run(tmp_path, 'status', '--json').stdout)['counts']['project']} [" in terminal
    )
    assert "Writing" not in terminal  # a dry run writes nothing, so it shows no write step


def test_a_script_or_a_log_gets_no_bar(tmp_path: Path) -> None:
    loaded = run(tmp_path, "demo", "--scale", "2")
    assert loaded.returncode == 0
    assert loaded.stderr == "" and loaded.stdout.startswith("Demo alliance loaded")
    exported = run(tmp_path, "export", "member", "-o", str(tmp_path / "m.csv"))
    assert exported.returncode == 0 and exported.stderr == ""


@pytest.mark.parametrize("lang, said", [("zh", "已中断\n"), ("en", "Interrupted\n")])
def test_ctrl_c_during_the_demo_load_is_one_line_and_leaves_the_store_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    @contextmanager
    def interrupted_bar(lang: str, zh: str, en: str) -> Iterator[object]:
        def progress(done: int, total: int) -> None:
            if done > 5000:  # the user presses Ctrl+C halfway through the write
                raise KeyboardInterrupt

        yield progress

    monkeypatch.setattr(cli_progress, "progress_bar", interrupted_bar)
    monkeypatch.setattr("alliance_app.cli.records.progress_bar", interrupted_bar)
    assert main(["--data-dir", str(tmp_path), "--lang", lang, "demo", "--scale", "3"]) == 130
    assert capsys.readouterr().err == said
    status = json.loads(run(tmp_path, "status", "--json").stdout)
    assert sum(status["counts"].values()) == 0 and status["demo"] is False  # nothing half-written
