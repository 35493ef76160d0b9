"""English buttons draw "…" with a Latin face (three dots on the baseline), not the CJK face's centred "···".

The face that draws the character is read from Qt's own text layout of the button's font, on the offscreen
platform the screenshots use (where the system font is the alias "Sans Serif")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QAbstractButton, QApplication

from alliance_app.ui.fonts import UI_FONT_FAMILY

ROOT = Path(__file__).resolve().parents[2]


def _face_drawing(text: str, font: QFont) -> list[str]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [run.rawFont().familyName() for run in layout.glyphRuns()]


def test_english_buttons_draw_the_ellipsis_with_a_latin_face(open_window, small_alliance):
    folder, _ids = small_alliance
    window = open_window(folder, lang="en").window
    window.show_page("projects")
    buttons = [b for b in window.findChildren(QAbstractButton) if "…" in b.text()]
    assert buttons, "no English button with an ellipsis to look at"
    for button in buttons[:5]:
        faces = _face_drawing("…", button.font())
        assert faces and UI_FONT_FAMILY not in faces, (button.text(), faces)
    assert UI_FONT_FAMILY in _face_drawing("项目", QApplication.font())  # Chinese still from the bundled face


def test_without_any_latin_face_english_buttons_say_three_dots(small_alliance, tmp_path):
    """A machine whose only face is the bundled CJK one (fontconfig knowing no font, as the screenshots run): the
    English window writes "..." rather than let the CJK face centre "…"; the Chinese window keeps "…"."""
    folder, _ids = small_alliance
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>', encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    env["FONTCONFIG_FILE"] = str(tmp_path / "fonts.conf")
    texts = {}
    for lang in ("en", "zh"):
        shown = subprocess.run(
            [sys.executable, "-c", SHOW_BUTTONS, str(folder), lang],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert shown.returncode == 0, shown.stderr
        texts[lang] = shown.stdout.splitlines()
    assert any(text.endswith("...") for text in texts["en"]) and not any("…" in text for text in texts["en"])
    assert any(text.endswith("…") for text in texts["zh"])


SHOW_BUTTONS = """
import sys
from PySide6.QtWidgets import QAbstractButton
from alliance_app.services import Desk
from alliance_app.ui.app import DeskApplication, _qt_app
from alliance_app.ui.runner import ImmediateRunner
_qt_app()
app = DeskApplication(Desk.open(sys.argv[1]), sys.argv[2], ImmediateRunner())
window = app.build_window(first_run=False)
window.show_page("projects")
print("\\n".join(b.text() for b in window.findChildren(QAbstractButton) if b.text()))
window.close()
app.close()
"""
