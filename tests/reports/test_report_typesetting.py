"""The report is typeset properly: embedded subset font everywhere, bookmarks, right contents, Chinese line rules."""

from __future__ import annotations

import re
import sqlite3
from itertools import pairwise

import pytest
from pypdf import PdfReader

from alliance_app.reports.pdf import SECTIONS
from alliance_app.reports.text import Words
from alliance_app.store.engine import Store
from tests.reports.conftest import BuiltReport, layout_text

# Both alliances have every written section for the year, so every section is printed.
SECTION_KEYS = tuple(key for key, _ in SECTIONS)
CLOSING = "，。；：！？》”、）"


@pytest.fixture(scope="module", params=["fixture", "demo"])
def source(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=["zh", "en"])
def report(request: pytest.FixtureRequest, reports: dict[str, BuiltReport]) -> BuiltReport:
    return reports[request.param]


def _fonts(reader: PdfReader) -> dict[str, dict]:
    found = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def test_only_the_bundled_font_is_used_embedded_and_subset(report: BuiltReport) -> None:
    fonts = _fonts(PdfReader(report.result.path))
    assert fonts, "no fonts found"
    for name, font in fonts.items():
        # no Helvetica or other base-14 font anywhere: every label, legend and table cell uses the CJK font
        assert re.fullmatch(r"/[A-Z]{6}\+AllianceSansCJKsc-(Regular|Bold)", name), name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded as TrueType"
    assert any(name.endswith("-Bold") for name in fonts), "headings should use the real bold face"


def test_every_page_has_a_footer_with_page_x_of_y(report: BuiltReport) -> None:
    total = len(report.pages)
    assert total == report.result.pages
    for number, text in enumerate(report.pages[1:], 2):
        expected = f"第 {number} 页 / 共 {total} 页" if report.lang == "zh" else f"Page {number} / {total}"
        assert expected in text, number


def test_bookmarks_lead_to_each_section_heading(report: BuiltReport) -> None:
    reader = PdfReader(report.result.path)
    top = [item for item in reader.outline if not isinstance(item, list)]
    w = Words(report.lang)
    titles = [w.section_number(i) + w(key) for i, key in enumerate(SECTION_KEYS, 1)]
    assert [item.title for item in top] == titles
    for item in top:
        assert reader.get_destination_page_number(item) + 1 == report.page_of(item.title)
    assert any(isinstance(item, list) and item for item in reader.outline), "sub-headings should be nested"


def test_contents_page_numbers_are_where_the_headings_are(report: BuiltReport) -> None:
    contents = layout_text(report.result.path, 2, 2)
    w = Words(report.lang)
    for i, key in enumerate(SECTION_KEYS, 1):
        title = w.section_number(i) + w(key)
        line = next((line for line in contents.splitlines() if line.strip().startswith(title.strip())), None)
        assert line is not None, f"{title} missing from the contents"
        listed = int(line.split()[-1])
        assert listed == report.page_of(title), title


def test_no_line_starts_with_closing_punctuation(report: BuiltReport) -> None:
    offenders = [line for line in report.lines if line[0] in CLOSING]
    assert offenders == []


def test_cover_names_the_alliance_year_lead_member_and_date(report: BuiltReport, alliance_store: Store) -> None:
    with sqlite3.connect(alliance_store.path) as sql:
        lead_zh, lead_en = sql.execute("SELECT name_zh, name_en FROM members WHERE alliance_role = 'lead'").fetchone()
    assert lead_zh.startswith("小米")
    cover = " ".join(report.pages[0].split())
    if report.lang == "zh":
        for text in ("湖北省人工智能产业创新联盟", "2026年度联盟发展报告", "理事长单位", lead_zh, "发布日期"):
            assert text in cover
    else:
        for text in ("Hubei AI Industry Innovation Alliance", "Annual Alliance Report 2026", lead_en, "Date"):
            assert text in cover


def test_data_notes_say_never_synced_and_warn_of_unpushed_edits_or_demo_data(report: BuiltReport, source: str) -> None:
    notes = report.notes
    assert ("从未与联盟服务器同步" if report.lang == "zh" else "never synced") in notes
    if source == "demo":
        assert ("演示数据" if report.lang == "zh" else "demo data") in notes
        assert ("演示数据" if report.lang == "zh" else "DEMO DATA") in report.pages[0]
    else:
        assert ("尚未推送" if report.lang == "zh" else "not yet pushed") in notes
    assert report.result.warnings, "the build result carries the same warnings"


def test_english_edition_writes_cities_in_english() -> None:
    from alliance_app.reports.places import city_in_english

    assert [city_in_english(c) for c in ("武汉市", "武汉", "恩施土家族苗族自治州", "襄樊", "重庆市", "Wuhan")] == [
        "Wuhan",
        "Wuhan",
        "Enshi",
        "Xiangyang",
        "Chongqing",
        "Wuhan",
    ]


# Words a reader never sees cut across two lines in a name.
WHOLE_WORDS = ("有限公司", "公司", "科技", "研究院", "实验室", "大学", "技术", "智能", "中心", "集团")


def name_cuts(lines: list[str], name: str) -> list[int]:
    """Where `name` is cut, if it runs over two or three consecutive lines of the PDF's text."""
    for i in range(len(lines)):
        if not name.startswith(lines[i]) or lines[i] == name:
            continue
        for span in (2, 3):
            parts = lines[i : i + span]
            if "".join(parts) == name:
                cuts, at = [], 0
                for part in parts[:-1]:
                    at += len(part)
                    cuts.append(at)
                return cuts
    return []


def test_no_organisation_name_is_cut_inside_a_word(report: BuiltReport, alliance_store: Store) -> None:
    figures = report.result.figures
    names = {e.name_zh for e in figures.directory}
    names |= {p.lead_zh for p in figures.projects.major} | {lab.lead_zh for lab in figures.labs.listed}
    names |= {lab.name for lab in figures.labs.listed} | {p.title for p in figures.projects.major}
    lines = [line.replace(" ", "") for line in report.lines]
    bad = []
    wrapped = 0
    for name in names:
        cuts = name_cuts(lines, name.replace(" ", ""))
        wrapped += bool(cuts)
        for cut in cuts:
            for word in WHOLE_WORDS:
                start = name.find(word)
                while start >= 0:
                    if start < cut < start + len(word):
                        bad.append((name, cut, word))
                    start = name.find(word, start + 1)
            if cut == 1 or cut == len(name) - 1:
                bad.append((name, cut, "a lone character"))
    assert bad == []
    if report.lang == "zh" and len(names) > 40:
        assert wrapped, "the demo has names long enough to wrap in their columns: the check looked at some"


def test_directory_is_in_pinyin_order_within_each_role(report: BuiltReport) -> None:
    from pypinyin import Style, lazy_pinyin

    entries = report.result.figures.directory
    for role in ("lead", "vice_chair", "member"):
        names = [e.name_zh for e in entries if e.role == role]
        # dictionary order: syllable by syllable (湖 hú before 黄 huáng), then tone
        keys = [lazy_pinyin(n, style=Style.TONE3, neutral_tone_with_five=True) for n in names]
        assert keys == sorted(keys), role


def test_pdf_metadata_names_the_alliance_the_language_and_opens_the_outline(report: BuiltReport) -> None:
    reader = PdfReader(report.result.path)
    assert reader.metadata.author == (
        "湖北省人工智能产业创新联盟" if report.lang == "zh" else "Hubei AI Industry Innovation Alliance"
    )
    root = reader.trailer["/Root"]
    assert root["/Lang"] == ("zh-CN" if report.lang == "zh" else "en")
    assert root["/PageMode"] == "/UseOutlines"


def test_the_report_file_has_the_user_s_normal_permissions(report: BuiltReport) -> None:
    import os
    import stat

    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(report.result.path.stat().st_mode) == 0o666 & ~mask


def test_no_line_is_an_orphan_mark_or_a_word_fragment(report: BuiltReport) -> None:
    """No "★" alone, no "Registere / d", no paragraph ending on one character and its full stop."""
    lines = report.lines
    assert [line for line in lines if line in ("★", "d", "s")] == []
    lone = [line for line in lines if len(line) == 2 and line[1] == "。" and "\u4e00" <= line[0] <= "\u9fff"]
    assert lone == []


def test_no_english_word_of_a_label_is_cut_across_lines(reports: dict[str, BuiltReport]) -> None:
    """Kinds, statuses and roles in narrow columns keep their words whole ("Matchmakin / g session"); the English
    edition's (Chinese labels may break between any two characters)."""
    report = reports["en"]
    from alliance_app.models.enums import (
        AllianceRole,
        EventKind,
        LabKind,
        LabStatus,
        MemberKind,
        ProjectKind,
        ProjectStatus,
    )

    vocabularies = (AllianceRole, EventKind, LabKind, LabStatus, MemberKind, ProjectKind, ProjectStatus)
    words = {w for v in vocabularies for m in v for w in m.en.split() if len(w) >= 5}
    words |= {"Check-ins", "Registered", "Standards", "Partners"}
    lines = report.lines
    cut = [
        (a, b)
        for a, b in pairwise(lines)
        for word in words
        for k in range(1, len(word))
        if a.endswith(word[:k]) and b.startswith(word[k:]) and not a.endswith(word)
    ]
    assert cut == []
