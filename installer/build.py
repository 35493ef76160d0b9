"""Builds the Alliance Desk installer in one command: `python installer/build.py`.

Renders the icons from resources/icons/alliance-desk.svg, freezes the app with PyInstaller
(installer/alliance-desk.spec) into dist/alliance-desk/, then packages it for the platform: an Inno Setup
installer on Windows (installer/windows/alliance-desk.iss, needs `iscc` on PATH), a .tar.gz with the desktop
entry on Linux. Needs `pip install pyinstaller`.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from alliance_app import __version__

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"


def render_icons() -> None:
    """PNG sizes for Linux and one .ico for Windows, drawn by Qt from the SVG so no binary icon is committed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "alliance-desk.svg"))
    target = BUILD / "icons"
    target.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 64, 128, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(target / f"alliance-desk-{size}.png"))
        if size == 256:
            image.save(str(target / "alliance-desk.ico"))
    del app


def freeze() -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyi"),
            str(ROOT / "installer" / "alliance-desk.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return DIST / "alliance-desk"


def package_linux(folder: Path) -> Path:
    shutil.copy(ROOT / "installer" / "linux" / "alliance-desk.desktop", folder / "alliance-desk.desktop")
    shutil.copy(BUILD / "icons" / "alliance-desk-256.png", folder / "alliance-desk.png")
    archive = DIST / f"alliance-desk-{__version__}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=f"alliance-desk-{__version__}")
    return archive


def package_windows() -> Path:
    iscc = shutil.which("iscc")
    if iscc is None:
        raise SystemExit("Inno Setup's iscc is not on PATH; dist/alliance-desk/ holds the frozen app.")
    script = ROOT / "installer" / "windows" / "alliance-desk.iss"
    subprocess.run([iscc, f"/DAppVersion={__version__}", str(script)], check=True, cwd=ROOT)
    return DIST / f"alliance-desk-{__version__}-setup.exe"


def main() -> None:
    render_icons()
    folder = freeze()
    result = package_windows() if sys.platform == "win32" else package_linux(folder)
    print(f"built {result}")


if __name__ == "__main__":
    main()
