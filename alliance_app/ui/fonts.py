"""Registers the bundled CJK font and makes it the window's font, so Chinese never shows as boxes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from alliance_app.fonts import BOLD_FONT_PATH, REGULAR_FONT_PATH

UI_FONT_FAMILY = "Alliance Sans CJK SC"  # the family name inside the bundled files


def register_ui_fonts(app: QApplication) -> str | None:
    """Adds both bundled weights and sets their family as the application font; returns the family, or None
    when the font files are missing (the window then falls back to the system's fonts)."""
    family = None
    for path in (REGULAR_FONT_PATH, BOLD_FONT_PATH):
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family is not None:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return family


def latin_first_in_english(app: QApplication, lang: str, family: str | None) -> None:
    """In the English window, Latin text takes the system's own face first: the CJK font draws "…" as a centred
    "···" (the Chinese form), which looks wrong on English buttons. Chinese keeps the bundled face throughout."""
    if family is None:
        return
    font = app.font()
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    wanted = [system, family] if lang == "en" and system and system != family else [family]
    # English says "..." for "…": whether the system alias resolves to a Latin face varies by machine (it does not
    # offscreen), and the CJK face centres "…" as "···"; three dots read right in any face.
    _ascii_ellipsis(lang == "en")
    if font.families() != wanted:
        font.setFamilies(wanted)
        app.setFont(font)


class AsciiEllipsis(QTranslator):
    """English text with "..." for "…": for a machine with no Latin face at all (a bare system, the offscreen
    screenshots), where the only face that has "…" is the CJK one, which centres it. Other text is left to the
    other catalogues (None: not translated here)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return source.replace("…", "...") if "…" in source else None


_installed: list[AsciiEllipsis] = []


def _ascii_ellipsis(wanted: bool) -> None:
    if wanted and not _installed:
        _installed.append(AsciiEllipsis())
        QCoreApplication.installTranslator(_installed[0])
    elif not wanted and _installed:
        QCoreApplication.removeTranslator(_installed.pop())
