"""The report's typography: fonts, colours, paragraph styles and the Chinese line-breaking rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PRIMARY = "#16365C"
PRIMARY_DARK = "#0E2540"
ACCENT = "#E8711A"
TEXT = "#222833"
MUTED = "#66717F"
RULE = "#B9C4D0"
ZEBRA = "#F2F5F9"
HEAD_FILL = "#E3EAF2"
WARNING_FILL = "#FFF4E5"
WARNING_RULE = "#E8A23A"
CHART_COLOURS = ("#16365C", "#2E6DA4", "#5FA8D3", "#E8711A", "#F4B183", "#8C9BAB", "#A7CCE5", "#3F8F6B")


def has_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


@dataclass(frozen=True)
class Styles:
    """The named paragraph styles of one edition (zh uses CJK wrapping everywhere)."""

    regular: str
    bold: str
    lang: str
    sheet: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.sheet[name]

    def cell(self, name: str, text: str) -> Any:
        """The style for a table cell or line: the CJK-wrapping variant when the text holds CJK characters."""
        if self.lang == "zh" or has_cjk(text):
            return self.sheet[name + "_cjk"]
        return self.sheet[name]


def make_styles(regular: str, bold: str, lang: str) -> Styles:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    from alliance_app.reports import linebreak

    linebreak.install()
    text_colour = colors.HexColor(TEXT)
    base = ParagraphStyle("base", fontName=regular, fontSize=10, leading=16, textColor=text_colour)
    spec: dict[str, dict[str, Any]] = {
        "body": {"alignment": TA_JUSTIFY, "spaceAfter": 6, "firstLineIndent": 20 if lang == "zh" else 0},
        "lead": {"fontSize": 10.5, "leading": 17, "alignment": TA_JUSTIFY, "spaceAfter": 8},
        "note": {
            "fontSize": 8.5,
            "leading": 13,
            "textColor": colors.HexColor(MUTED),
            "spaceBefore": 4,
            "spaceAfter": 3,
        },
        "h1": {
            "fontName": bold,
            "fontSize": 17,
            "leading": 24,
            "textColor": colors.HexColor(PRIMARY),
            "spaceBefore": 4,
            "spaceAfter": 4,
        },
        "h2": {
            "fontName": bold,
            "fontSize": 12,
            "leading": 18,
            "textColor": colors.HexColor(PRIMARY),
            "spaceBefore": 12,
            "spaceAfter": 6,
            "keepWithNext": 1,
        },
        "caption": {
            "fontSize": 8.5,
            "leading": 12,
            "textColor": colors.HexColor(MUTED),
            "alignment": TA_CENTER,
            "spaceBefore": 2,
            "spaceAfter": 10,
        },
        "th": {"fontName": bold, "fontSize": 8.5, "leading": 12, "textColor": colors.HexColor(PRIMARY_DARK)},
        "th_right": {
            "fontName": bold,
            "fontSize": 8.5,
            "leading": 12,
            "alignment": TA_RIGHT,
            "textColor": colors.HexColor(PRIMARY_DARK),
        },
        "td": {"fontSize": 8.5, "leading": 12},
        "td_small": {"fontSize": 7, "leading": 9.5, "textColor": colors.HexColor(MUTED)},
        "td_right": {"fontSize": 8.5, "leading": 12, "alignment": TA_RIGHT},
        "td_bold": {"fontName": bold, "fontSize": 8.5, "leading": 12},
        "td_bold_right": {"fontName": bold, "fontSize": 8.5, "leading": 12, "alignment": TA_RIGHT},
        "kpi_value": {
            "fontName": bold,
            "fontSize": 19,
            "leading": 23,
            "textColor": colors.HexColor(PRIMARY),
            "alignment": TA_LEFT,
        },
        "kpi_label": {"fontSize": 8.5, "leading": 12, "textColor": colors.HexColor(TEXT)},
        "kpi_change": {"fontSize": 7.5, "leading": 10, "textColor": colors.HexColor(MUTED)},
        # A list item of the secretariat's text, and a dated chronicle line (its date hanging out to the left).
        "item": {"alignment": TA_LEFT, "leftIndent": 16, "bulletIndent": 4, "spaceAfter": 3, "bulletFontName": regular},
        "entry": {"alignment": TA_LEFT, "leftIndent": 12, "firstLineIndent": -12, "spaceAfter": 3},
        "warning": {"fontSize": 9, "leading": 14, "textColor": colors.HexColor("#7A4A00")},
        "toc_title": {"fontName": bold, "fontSize": 20, "leading": 28, "textColor": colors.HexColor(PRIMARY)},
        "toc1": {"fontSize": 11, "leading": 19, "spaceBefore": 3, "leftIndent": 0, "textColor": colors.HexColor(TEXT)},
        "toc2": {"fontSize": 9, "leading": 14, "leftIndent": 22, "textColor": colors.HexColor(MUTED)},
    }
    spec["h2_flow"] = {**spec["h2"], "keepWithNext": 0}
    spec["h1_run_on"] = {**spec["h1"], "spaceBefore": 22}  # dropped at a page top, so a new page starts flush
    sheet: dict[str, Any] = {}
    for name, attrs in spec.items():
        sheet[name] = ParagraphStyle(name, parent=base, **attrs)
        sheet[name + "_cjk"] = ParagraphStyle(name + "_cjk", parent=sheet[name], wordWrap="CJK")
        if lang == "zh":
            sheet[name] = sheet[name + "_cjk"]
    return Styles(regular, bold, lang, sheet)
