"""Awkward stores lay out without error or text running off the page: empty years, one member, very long names
and descriptions, characters the font lacks, markup characters in names."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from alliance_app.models import Actor, Role
from alliance_app.services import Desk
from alliance_app.store.engine import open_store
from tests.reports.conftest import YEAR, BuiltReport, build

PAGE_WIDTH, MARGIN = 595.28, 22 * 72 / 25.4
HANG = 11  # one hanging closing mark may sit in the right margin
LONG_NAME = (
    "湖北省武汉市东湖新技术开发区光谷人工智能与智能制造产业协同创新研究院"
    "有限责任公司第一分公司研发中心智能网联汽车测试基地站"
)
RARE = "𠀀"  # U+20000, CJK Extension B: not in the bundled font


def boxes(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, xMin, xMax, word) of every word poppler finds."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    found, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line)
        if match:
            found.append((page, float(match[1]), float(match[2]), match[3]))
    return found


def assert_within_margins(report: BuiltReport) -> None:
    """Every word after the cover lies between the page margins (no cell or line overflows)."""
    words = boxes(report.result.path)
    assert len(words) > 100
    outside = [
        (page, word, round(x0), round(x1))
        for page, x0, x1, word in words
        if page > 1 and (x0 < MARGIN - 1 or x1 > PAGE_WIDTH - MARGIN + HANG)
    ]
    assert outside == []


@pytest.fixture
def desk(tmp_path: Path):
    store = open_store(tmp_path / "data")
    try:
        yield Desk(store, Actor("secretariat", Role.SECRETARIAT))
    finally:
        store.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_empty_store_makes_a_complete_report(desk: Desk, tmp_path: Path, lang: str) -> None:
    report = build(desk.store, lang, tmp_path / f"empty-{lang}.pdf")
    text = " ".join(" ".join(report.pages).split())
    assert ("本年度没有在册成员单位" if lang == "zh" else "No members were on the roll") in text
    assert ("本年度没有活动记录" if lang == "zh" else "No events were recorded") in text
    assert report.result.pages >= 10
    assert_within_margins(report)


def test_a_year_with_one_member(desk: Desk, tmp_path: Path) -> None:
    desk.create("member", {"name_zh": "小米(武汉)", "alliance_role": "lead", "joined_on": f"{YEAR}-02-01"})
    report = build(desk.store, "zh", tmp_path / "one.pdf")
    # The alliance began in 2026: there is no 2025 to compare with, so no "0 → 1" growth from nothing.
    assert report.numbers_after("成员单位", 3) == ["—", "1", "—"]
    assert "2025 年联盟尚未成立" in "".join(report.pages)
    assert "名录收录 2026 年内在册的全部 1 家成员单位，按联盟职务、再按名称拼音排序。" in "".join(report.pages)
    assert_within_margins(report)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_long_names_and_descriptions_wrap_inside_their_cells(desk: Desk, tmp_path: Path, lang: str) -> None:
    assert len(LONG_NAME) == 60
    english = ("The " + " ".join(["Extraordinarily Long Cooperative Research Institute"] * 4))[:200]
    member = desk.create(
        "member", {"name_zh": LONG_NAME, "name_en": english, "alliance_role": "lead", "joined_on": "2025-01-01"}
    ).record_id
    description = ("面向长江流域的人工智能示范应用，覆盖数据采集、模型训练、边缘部署与运维（含“三同步”机制）。" * 60)[
        :2000
    ]
    assert len(description) == 2000
    desk.create(
        "project",
        {
            "lead_member_id": member,
            "title": "长江智慧两江示范工程：" + "多源感知与智能调度一体化平台" * 4,
            "domain": "smart_rivers",
            "project_kind": "demonstration",
            "investment": "123456.78",
            "description": description,
            "start_date": f"{YEAR}-01-01",
        },
    )
    report = build(desk.store, lang, tmp_path / f"long-{lang}.pdf")
    flat = "".join("".join(report.pages).split())
    assert LONG_NAME in flat
    assert "123,456.78" in flat
    assert_within_margins(report)
    assert [line for line in report.lines if line[0] in "，。；：！？》”、）"] == []


def test_characters_the_font_lacks_are_reported_not_silently_blank(desk: Desk, tmp_path: Path) -> None:
    desk.create("member", {"name_zh": f"武汉{RARE}科技 & <数据> 公司", "joined_on": "2020-01-01"})
    report = build(desk.store, "zh", tmp_path / "rare.pdf")
    assert report.result.missing_characters == (RARE,)
    assert any(RARE in warning for warning in report.result.warnings)
    notes = "".join(report.notes.split())
    assert "报告字体缺少以下字符" in notes
    assert "&<数据>公司" in "".join("".join(report.pages).split())  # markup characters print as text


def test_data_notes_give_the_last_sync_time_when_the_desktop_has_synced(desk: Desk, tmp_path: Path) -> None:
    with desk.store.write() as session:
        desk.store.set_meta(session, "last_synced_at", "2026-11-20T08:30:00")
    report = build(desk.store, "en", tmp_path / "synced.pdf")
    notes = report.notes
    assert "last sync with the alliance server: 2026-11-20 08:30:00 (UTC)" in notes
    assert "never synced" not in notes
    assert report.result.figures.last_synced_at == "2026-11-20T08:30:00"


def test_a_long_table_repeats_its_head_at_page_tops_only(desk: Desk, tmp_path: Path) -> None:
    """150 members: the directory runs over several pages and over a boundary between table pieces mid-page;
    every page of it starts with the head, and no head stands in the middle of a page."""
    for i in range(150):
        desk.create("member", {"name_zh": f"湖北测试{i:03d}科技有限公司", "joined_on": "2024-01-01"})
    report = build(desk.store, "zh", tmp_path / "long.pdf")
    first = report.page_of("名录")
    pages = [p for p in report.pages[first - 1 :] if "湖北测试" in p]
    assert len(pages) >= 4
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        heads = [i for i, line in enumerate(lines) if line == "序号"]
        assert len(heads) == 1, lines[:8]
        rows_before = [line for line in lines[: heads[0]] if "湖北测试" in line]
        assert rows_before == []  # the head is above every row of the page
