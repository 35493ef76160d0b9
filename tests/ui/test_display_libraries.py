"""A Linux machine without the X11 libraries Qt's display plugin needs (libxcb-cursor0 on a fresh Ubuntu desktop)
gets one sentence naming the library and its package, not Qt's abort. Each probe runs in a fresh process: a library
the test process already loaded would hide the missing one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_app.ui.display_libraries import DisplayLibraryMissing, NoDisplay, debian_package, uses_xcb, xcb_plugin

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 plugin is Linux's")


def in_fresh_process(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **env},
        timeout=60,
    )


@pytest.mark.parametrize(
    "library, package",
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),  # Debian's hyphen between two digits
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libxcb-render-util.so.0.0.0", "libxcb-render-util0"),
        ("libQt6XcbQpa.so.6", None),  # Qt's own: comes with PySide6, not from the system
        ("libqxcb.so", None),
    ],
)
def test_the_package_named_is_debians_for_that_library(library: str, package: str | None) -> None:
    assert debian_package(library) == package


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({}, True),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "xcb:foo=1"}, True),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),  # the tests, and servers making screenshots
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, False),
        ({"XDG_SESSION_TYPE": "wayland"}, False),
        ({"XDG_SESSION_TYPE": "x11"}, True),
    ],
)
def test_only_a_start_on_x11_is_checked(environ: dict[str, str], expected: bool) -> None:
    assert uses_xcb(environ) is expected


def test_the_probe_agrees_with_the_system_loader() -> None:
    """Whatever this machine has installed, the probe names a missing library exactly when `ldd` finds one."""
    plugin = xcb_plugin()
    assert plugin is not None, "PySide6 ships libqxcb.so on Linux"
    ldd = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    not_found = [line.split("=>")[0].strip() for line in ldd.splitlines() if "not found" in line]
    probe = in_fresh_process(
        "from alliance_app.ui.display_libraries import missing_library, xcb_plugin\n"
        "print(missing_library(xcb_plugin()) or '')"
    )
    missing = probe.stdout.strip()
    assert (missing in not_found) if not_found else missing == "", (ldd, probe.stderr)


def test_a_start_without_a_library_is_one_sentence_with_exit_code_1(tmp_path: Path) -> None:
    """The plugin copied out of PySide6's folder cannot reach Qt's own libraries beside it (they are found relative to
    the plugin), as on a broken install: the real loader refuses it, and the command says so and stops."""
    plugin = xcb_plugin()
    assert plugin is not None
    stray = tmp_path / "platforms" / "libqxcb.so"
    stray.parent.mkdir()
    shutil.copy(plugin, stray)
    code = (
        "import sys\nfrom pathlib import Path\nimport alliance_app.ui.display_libraries as probe\n"
        f"probe.xcb_plugin = lambda: Path({str(stray)!r})\n"
        "from alliance_app.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path / 'd')!r}, '--lang', sys.argv[-1]]))"
    )
    for lang in ("zh", "en"):
        started = in_fresh_process(code.replace("sys.argv[-1]", repr(lang)), QT_QPA_PLATFORM="xcb", DISPLAY=":99")
        said = DisplayLibraryMissing("libQt6XcbQpa.so.6").message(lang)
        assert (started.returncode, started.stderr) == (1, said + "\n")
        assert "pip install --force-reinstall PySide6" in said
    assert not (tmp_path / "d").exists()  # stopped before the store was made


def test_the_message_for_a_system_library_gives_the_install_command() -> None:
    error = DisplayLibraryMissing("libxcb-cursor.so.0")
    assert error.message("zh").endswith("sudo apt install libxcb-cursor0")
    assert "libxcb-cursor.so.0" in error.message("en") and "sudo apt install libxcb-cursor0" in error.message("en")


def test_a_start_with_no_display_says_so(tmp_path: Path) -> None:
    """Over ssh without X forwarding Qt would abort with "could not connect to display"."""
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    started = subprocess.run(
        [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(tmp_path / "d"), "--lang", "en"],
        capture_output=True,
        text=True,
        env={**environ, "PYTHONPATH": os.pathsep.join(sys.path), "QT_QPA_PLATFORM": "xcb"},
        timeout=60,
    )
    assert (started.returncode, started.stderr) == (1, NoDisplay().message("en") + "\n")
