"""Whole-screen pictures of the window and the New Project form on common screens, to see that both fit:
1366×768 in Chinese and English, and 1920×1080 at scale factor 2 (960×540 logical) in Chinese.

Run from the repository root:  python docs/screenshots/take_fit_screenshots.py
Each screen runs in its own process (a Qt process has one set of screens), on the small test alliance.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
SCREENS = (("1366x768", 1366, 768, "1", ("zh", "en")), ("1920x1080x2", 1920, 1080, "2", ("zh",)))

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from alliance_app.services import Desk
from alliance_app.ui.app import DeskApplication, _qt_app
from alliance_app.ui.runner import ImmediateRunner
folder, lang, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
app = _qt_app()
desk_app = DeskApplication(Desk.open(folder), lang, ImmediateRunner())
window = desk_app.build_window(first_run=False)
window.show()
page = window.show_page("projects")
page.table.selectRow(0)
app.processEvents()
screen = QGuiApplication.primaryScreen()
screen.grabWindow(0).save(str(out) + "_projects.png")
dialog = page.new_record()
app.processEvents()
screen.grabWindow(0).save(str(out) + "_new_project.png")
dialog.reject()
desk_app.close()
"""


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="alliance-fit-"))
    sys.path.insert(0, str(ROOT))
    from alliance_app.services import Desk
    from tests.ui.small_alliance import fill_small_alliance

    folder = scratch / "alliance"
    with Desk.open(folder) as desk:
        fill_small_alliance(desk)
    for name, width, height, scale, langs in SCREENS:
        config = scratch / f"{name}.json"
        config.write_text(
            f'{{"screens": [{{"name": "{name}", "x": 0, "y": 0, "width": {width}, "height": {height}, '
            '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
            encoding="utf-8",
        )
        for lang in langs:
            (folder / "window_state.ini").unlink(missing_ok=True)  # the first look on this screen
            env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_SCALE_FACTOR": scale,
                   "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}  # fmt: skip
            out = OUT / f"fit_{name}_{lang}"
            subprocess.run([sys.executable, "-c", CHILD, str(folder), lang, str(out)], env=env, check=True)
            print(f"{out.relative_to(ROOT)}_projects.png, _new_project.png")


if __name__ == "__main__":
    main()
