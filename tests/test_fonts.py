"""The bundled CJK fonts are TrueType, legally named, and embed as subsets in reportlab PDFs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from alliance_app.fonts import (
    BOLD_FONT_PATH,
    FAMILY_NAME,
    REGULAR_FONT_PATH,
    missing_characters,
    register_report_fonts,
)

BODY_TEXT = "湖北省人工智能产业创新联盟，年度报告。"
HEADING_TEXT = "年度报告"
FONTS = pytest.mark.parametrize(
    ("path", "style"), [(REGULAR_FONT_PATH, "Regular"), (BOLD_FONT_PATH, "Bold")], ids=["regular", "bold"]
)
SUBSET_BASEFONT = re.compile(r"^/?[A-Z]{6}\+AllianceSansCJKsc-(Regular|Bold)$")


@FONTS
def test_font_has_truetype_outlines_not_cff(path: Path, style: str) -> None:
    font = TTFont(path, lazy=True)
    assert font.sfntVersion == "\x00\x01\x00\x00"
    assert "glyf" in font
    assert "loca" in font
    assert "CFF " not in font
    assert "VORG" not in font
    assert font["maxp"].tableVersion == 0x00010000
    assert font["head"].glyphDataFormat == 0


@FONTS
def test_font_is_renamed_away_from_reserved_names(path: Path, style: str) -> None:
    font = TTFont(path, lazy=True)
    name = font["name"]
    assert FAMILY_NAME == "Alliance Sans CJK SC"
    assert name.getDebugName(1) == FAMILY_NAME
    assert name.getDebugName(16) == FAMILY_NAME
    assert name.getDebugName(2) == style
    assert name.getDebugName(17) == style
    assert name.getDebugName(6) == f"AllianceSansCJKsc-{style}"
    # "Source" is the OFL Reserved Font Name, "Noto" Google's trademark: neither may name the font.
    for record in name.names:
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            text = record.toUnicode()
            assert "Source" not in text, (record.nameID, text)
            assert "Noto" not in text, (record.nameID, text)
    # The copyright and licence records survive the rename.
    assert "Adobe" in (name.getDebugName(0) or "")
    assert "SIL Open Font License" in (name.getDebugName(13) or "")
    assert font["OS/2"].usWeightClass == (700 if style == "Bold" else 400)


def test_licence_file_is_shipped() -> None:
    ofl = (REGULAR_FONT_PATH.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'." in ofl
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl


def test_register_report_fonts_is_idempotent() -> None:
    first = register_report_fonts()
    assert register_report_fonts() == first
    assert first == ("AllianceSansCJKsc-Regular", "AllianceSansCJKsc-Bold")


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    regular, bold = register_report_fonts()
    heading = ParagraphStyle("heading", fontName=bold, fontSize=20, leading=28)
    body = ParagraphStyle("body", fontName=regular, fontSize=12, leading=18)
    path = tmp_path_factory.mktemp("fonts") / "report.pdf"
    # initialFontName keeps reportlab's default Helvetica out of the page resources.
    doc = SimpleDocTemplate(str(path), pagesize=A4, title="Alliance Desk font test", initialFontName=regular)
    doc.build(
        [
            Paragraph(HEADING_TEXT, heading),
            Paragraph(BODY_TEXT, body),
            Paragraph("正文中的<b>加粗字样</b>与 Latin text, 2024 年。", body),
        ]
    )
    return path


def _pdf_fonts(pdf: Path) -> list[dict[str, object]]:
    from pypdf import PdfReader

    found = []
    for page in PdfReader(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found.append({"base": str(font["/BaseFont"]), "font_file2": "/FontFile2" in descriptor})
    return found


def test_pdf_embeds_both_weights_as_subsets(report_pdf: Path) -> None:
    fonts = _pdf_fonts(report_pdf)
    styles = set()
    for font in fonts:
        match = SUBSET_BASEFONT.match(font["base"])
        assert match, f"{font['base']} is not a subset of the bundled font"
        assert font["font_file2"], f"{font['base']} has no embedded TrueType /FontFile2"
        styles.add(match.group(1))
    assert styles == {"Regular", "Bold"}


def test_pdf_text_extracts_as_chinese(report_pdf: Path) -> None:
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(report_pdf).pages)
    compact = re.sub(r"\s+", "", text)
    assert BODY_TEXT in compact
    assert HEADING_TEXT in compact
    assert "加粗字样" in compact


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_pdffonts_reports_embedded_subsets(report_pdf: Path) -> None:
    output = subprocess.run(
        ["pdffonts", str(report_pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    rows = [line.split() for line in output[2:] if line.strip()]
    assert rows, output
    for row in rows:
        name, emb, sub = row[0], row[-5], row[-4]
        assert SUBSET_BASEFONT.match(name), row
        assert (emb, sub) == ("yes", "yes"), row


def test_missing_characters() -> None:
    assert missing_characters("小米武汉") == set()
    assert missing_characters(BODY_TEXT) == set()
    assert missing_characters("Alliance Desk ① ℃ №") == set()
    assert missing_characters("\u9fa5\u4e00") == set()  # both ends of the GBK ideograph range
    assert missing_characters("\U00020000") == {"\U00020000"}  # CJK Extension B, outside coverage
    assert missing_characters("张\U00020000三") == {"\U00020000"}
    assert missing_characters(" \t\n\u200b") == set()  # whitespace and format characters are ignored


def test_qt_loads_the_fonts_under_the_family_name() -> None:
    pytest.importorskip("PySide6.QtGui")
    # A fresh interpreter keeps this QGuiApplication away from pytest-qt's QApplication.
    script = (
        "import sys\n"
        "from PySide6.QtGui import QFontDatabase, QGuiApplication\n"
        "app = QGuiApplication([])\n"
        "for path in sys.argv[1:]:\n"
        "    font_id = QFontDatabase.addApplicationFont(path)\n"
        "    print(font_id, *QFontDatabase.applicationFontFamilies(font_id), sep='|')\n"
        "print('styles', *QFontDatabase.styles('Alliance Sans CJK SC'), sep='|')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(REGULAR_FONT_PATH), str(BOLD_FONT_PATH)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for line in lines[:2]:
        font_id, *families = line.split("|")
        assert int(font_id) >= 0, result.stderr
        assert families == [FAMILY_NAME]
    styles = set(lines[2].split("|")[1:])
    assert {"Regular", "Bold"} <= styles, lines[2]
