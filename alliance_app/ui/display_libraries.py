"""Before the first window on Linux: does the X11 display plugin find the system libraries it needs?

Qt 6.5+ needs libxcb-cursor0 (and a few other xcb libraries) that a fresh Ubuntu or Debian desktop often lacks.
Without them Qt prints a paragraph about "platform plugins" and aborts, which tells a liaison nothing. Loading the
plugin ahead of Qt names the missing library, and on Debian and Ubuntu the package that brings it. Imports no Qt
module: this runs before any is loaded."""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from pathlib import Path

from alliance_app.errors import AllianceError


class DisplayLibraryMissing(AllianceError):
    """The window cannot open: a library the display plugin loads is not on this machine."""

    def __init__(self, library: str):
        self.library = library
        package = debian_package(library)
        if package:
            super().__init__(
                f"打开窗口需要系统库 {library}，本机尚未安装。在 Debian/Ubuntu 上安装：sudo apt install {package}",
                f"The window needs the system library {library}, which this machine lacks. "
                f"On Debian/Ubuntu install it with: sudo apt install {package}",
            )
        else:
            super().__init__(
                f"窗口所需的 Qt 文件 {library} 无法载入；请重新安装：pip install --force-reinstall PySide6",
                f"The window's Qt file {library} cannot be loaded; reinstall it: pip install --force-reinstall PySide6",
            )


class NoDisplay(AllianceError):
    """No graphical display to open the window on (a remote shell without X forwarding, a server)."""

    def __init__(self) -> None:
        super().__init__(
            "没有可用的图形显示（未设置 DISPLAY），无法打开窗口；命令行用法见 alliance-app --help",
            "There is no graphical display to open the window on (DISPLAY is not set); "
            "for the commands, see alliance-app --help",
        )


def debian_package(library: str) -> str | None:
    """The Debian/Ubuntu package of an X11 library, by Debian's naming rule for shared libraries (name and soname
    version, with a hyphen between two digits): libxcb-cursor.so.0 → libxcb-cursor0, libxkbcommon-x11.so.0 →
    libxkbcommon-x11-0. None for a library that is not the system's X11 (Qt's own come with PySide6)."""
    base, _, version = library.partition(".so.")
    if not version or not base.startswith(("libxcb", "libxkbcommon", "libX")):
        return None
    major = version.split(".")[0]
    return f"{base}{'-' if base[-1].isdigit() else ''}{major}".lower()


def uses_xcb(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether Qt will open its X11 plugin first: on Linux, unless another platform is asked for or the session
    is Wayland's (Qt then opens its Wayland plugin)."""
    if not sys.platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    return environ.get("XDG_SESSION_TYPE") != "wayland"


def xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def missing_library(plugin: Path) -> str | None:
    """The first library the plugin cannot load, as the system's loader names it; None when it loads."""
    try:
        ctypes.CDLL(str(plugin))
    except OSError as error:  # "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"
        return str(error).split(":")[0].strip() or plugin.name
    return None


def check_display_libraries() -> None:
    """Raises NoDisplay or DisplayLibraryMissing when the window would fail to open on X11."""
    if not uses_xcb():
        return
    if not os.environ.get("DISPLAY"):
        raise NoDisplay()
    plugin = xcb_plugin()
    library = missing_library(plugin) if plugin else None  # no plugin file: a build that bundles it otherwise
    if library:
        raise DisplayLibraryMissing(library)
