"""Registers the bundled CJK font and makes it the window's font, so Chinese never shows as boxes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
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
    system = latin_face(family)
    wanted = [system, family] if lang == "en" and system else [family]
    _ascii_ellipsis(lang == "en" and system is None)
    if font.families() != wanted:
        font.setFamilies(wanted)
        app.setFont(font)


def latin_face(bundled: str) -> str | None:
    """The installed face the system's general font stands for, or None if that is the bundled CJK face. The
    system font is often an alias ("Sans Serif"); a family list does not resolve aliases (Qt then falls through
    to the next family, the CJK one, and "…" is drawn "···"), so the alias is resolved here, once."""
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    resolved = QFontInfo(QFont(system.family())).family()
    return resolved if resolved and resolved != bundled else None


class AsciiEllipsis(QTranslator):
    """English text with "..." for "…": for a machine with no Latin face at all (a bare system, the offscreen
    screenshots), where the only face that has "…" is the CJK one, which centres it. Other text is left to the
    other catalogues (None: not translated here)."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return source.replace("…", "...") if "…" in source else None


_installed: list[AsciiEllipsis] = []


def _ascii_ellipsis(wanted: bool) -> None:
    if wanted and not _installed:
        _installed.append(AsciiEllipsis())
        QCoreApplication.installTranslator(_installed[0])
    elif not wanted and _installed:
        QCoreApplication.removeTranslator(_installed.pop())
