"""Locates the bundled Alliance Sans CJK SC fonts, registers them with reportlab and reports glyph gaps."""

from __future__ import annotations

import threading
import unicodedata
from functools import cache
from pathlib import Path

from alliance_app.resources import resource_path

FAMILY_NAME = "Alliance Sans CJK SC"
"""The family name the fonts carry (what Qt reports after QFontDatabase.addApplicationFont)."""

REGULAR_FONT_FILE = "AllianceSansCJKsc-Regular.ttf"
BOLD_FONT_FILE = "AllianceSansCJKsc-Bold.ttf"
REGULAR_FONT_PATH: Path = resource_path("fonts", REGULAR_FONT_FILE)
BOLD_FONT_PATH: Path = resource_path("fonts", BOLD_FONT_FILE)

REPORT_FAMILY = "AllianceSansCJKsc"
"""reportlab family name; <b> inside a Paragraph in REPORT_REGULAR maps to REPORT_BOLD."""
REPORT_REGULAR = "AllianceSansCJKsc-Regular"
REPORT_BOLD = "AllianceSansCJKsc-Bold"

_IGNORED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_register_lock = threading.Lock()


def _font_file(path: Path) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"bundled font {path} is missing; regenerate it with installer/build_fonts.py")
    return str(path)


def register_report_fonts() -> tuple[str, str]:
    """Register both weights with reportlab (once per process) and return (regular_name, bold_name)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _register_lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        if REPORT_REGULAR not in registered:
            pdfmetrics.registerFont(TTFont(REPORT_REGULAR, _font_file(REGULAR_FONT_PATH)))
        if REPORT_BOLD not in registered:
            pdfmetrics.registerFont(TTFont(REPORT_BOLD, _font_file(BOLD_FONT_PATH)))
        pdfmetrics.registerFontFamily(
            REPORT_FAMILY,
            normal=REPORT_REGULAR,
            bold=REPORT_BOLD,
            italic=REPORT_REGULAR,  # no italic CJK design exists: <i> keeps the upright face
            boldItalic=REPORT_BOLD,
        )
        # The italic entries above also record the upright faces as "italic" in the reverse map;
        # map them back so a Paragraph in REPORT_REGULAR starts non-bold, non-italic.
        addMapping(REPORT_FAMILY, 0, 0, REPORT_REGULAR)
        addMapping(REPORT_FAMILY, 1, 0, REPORT_BOLD)
    return REPORT_REGULAR, REPORT_BOLD


@cache
def _regular_code_points() -> frozenset[int]:
    """The code points the regular font maps to a glyph, read once from the registered face."""
    from reportlab.pdfbase import pdfmetrics

    regular, _ = register_report_fonts()
    return frozenset(pdfmetrics.getFont(regular).face.charToGlyph)


def missing_characters(text: str) -> set[str]:
    """Characters of ``text`` the regular font has no glyph for (whitespace and control chars ignored)."""
    candidates = {ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in _IGNORED_CATEGORIES}
    if not candidates:
        return set()
    covered = _regular_code_points()
    return {ch for ch in candidates if ord(ch) not in covered}
