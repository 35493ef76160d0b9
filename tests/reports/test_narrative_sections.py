"""The secretariat's written sections in the report: read from the store, typeset in both editions (paragraphs,
lists, the chronicle merged with the year's events), English marked untranslated where missing, a section with
nothing to print left out and the sections after it numbered on. Checked on the PDFs' text, parsed back."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from alliance_app.models import NarrativeSection, link_id
from alliance_app.reports.narrative import Entry, Items, blocks, chronicle, load_narratives
from alliance_app.reports.narrative_sections import WORDS
from alliance_app.reports.numbers import money
from alliance_app.reports.pdf import SECTIONS
from alliance_app.reports.text import Words
from alliance_app.services import Desk
from alliance_app.store.engine import Store
from tests.reports.alliance_fixture import NARRATIVES_2026
from tests.reports.conftest import SECRETARIAT, TODAY, YEAR, BuiltReport, build

from .mirror import mirror


def test_paragraphs_are_split_by_blank_lines_and_lists_by_their_bullets() -> None:
    text = "第一段第一行\n第一段第二行\n\nSecond paragraph,\nwrapped.\n- 甲\n- 乙项\n  续行\n\n• third\r\n· fourth"
    assert blocks(text) == [
        "第一段第一行第一段第二行",
        "Second paragraph, wrapped.",
        Items(("甲", "乙项续行")),
        Items(("third", "fourth")),
    ]
    assert blocks("") == [] and blocks("\n\n  \n") == []
    assert blocks("*不是列表* #也不是") == ["*不是列表* #也不是"]  # nothing else is markup


def test_the_chronicle_merges_the_years_events_with_the_secretariats_dated_lines() -> None:
    events = [Entry(date(2026, 3, 20), "会员大会", is_event=True), Entry(date(2026, 9, 12), "对接会", is_event=True)]
    written = blocks("本年大事如下。\n\n- 2026-09-12 签约三项\n- 筹备换届\n- 2026年1月5日：发布要点\n- 2025-12-30 去年")
    paragraphs, entries = chronicle(events, written, 2026)
    assert paragraphs == ["本年大事如下。"]
    assert [(e.day, e.text, e.is_event) for e in entries] == [
        (date(2026, 1, 5), "发布要点", False),
        (date(2026, 3, 20), "会员大会", True),
        (date(2026, 9, 12), "对接会", True),  # the event first on its day
        (date(2026, 9, 12), "签约三项", False),
        (None, "筹备换届", False),  # undated lines last, as typed
        (None, "2025-12-30 去年", False),  # another year's date is not this year's: kept as typed
    ]


@pytest.fixture(scope="module")
def reports(alliance_store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltReport]:
    folder = tmp_path_factory.mktemp("narrative-reports")
    return {lang: build(alliance_store, lang, folder / f"report-{lang}.pdf") for lang in ("zh", "en")}


def _section(report: BuiltReport, key: str) -> list[str]:
    """The lines from a section's heading to the next section's heading (run-on sections share pages); every
    section of the fixture's 2026 is printed, so each is numbered by its place."""
    w = Words(report.lang)
    keys = [k for k, _ in SECTIONS]
    start = report.line_of(w.section_number(keys.index(key) + 1) + w(key))
    following = w.section_number(keys.index(key) + 2) + w(keys[keys.index(key) + 1])
    return report.lines[start + 1 : report.line_of(following)]


def _text(lines: list[str]) -> str:
    return "".join("".join(lines).split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_written_section_is_typeset_in_its_place_and_the_sections_are_numbered_in_order(
    reports: dict[str, BuiltReport], lang: str
) -> None:
    report, w = reports[lang], Words(lang)
    titles = [w.section_number(i) + w(key) for i, (key, _) in enumerate(SECTIONS, 1)]
    pages = [report.page_of(title) for title in titles]
    assert pages == sorted(pages), "every section printed, in order, numbered on"
    assert report.page_of(titles[0]) == 3, "the foreword opens the report, after the contents"
    for section, (zh, en) in NARRATIVES_2026.items():
        printed = _text(_section(report, f"s_{section}"))
        own = zh if lang == "zh" or en is None else en
        for block in blocks(own):
            for piece in block.items if isinstance(block, Items) else (block,):
                if section == "chronicle" and piece[:4].isdigit():
                    continue  # a dated line is printed with the edition's date: the next test
                assert _text([piece]) in printed, (lang, section, piece)


def test_the_english_edition_marks_each_untranslated_section_and_prints_its_chinese(
    reports: dict[str, BuiltReport],
) -> None:
    report = reports["en"]
    mark = _text([WORDS["untranslated"][1]])
    for section, (zh, en) in NARRATIVES_2026.items():
        if section == "chronicle":
            continue
        printed = _text(_section(report, f"s_{section}"))
        assert (mark in printed) == (en is None), section
        if en is None:
            assert _text([str(blocks(zh)[0])]) in printed or _text(blocks(zh)[0].items) in printed  # type: ignore[union-attr]
    assert report.result.reminders == (
        "Not yet translated, printed in Chinese: The year's work, Financial summary, Problems met.",
    )
    assert reports["zh"].result.reminders == ()
    assert "暂无英文" not in "".join(reports["zh"].lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chronicle_lists_the_years_events_and_the_secretariats_entries_by_day(
    reports: dict[str, BuiltReport], lang: str, sql: sqlite3.Connection
) -> None:
    report, w = reports[lang], Words(lang)
    lines = _section(report, "s_chronicle")
    events = sql.execute(
        "SELECT starts_on, title, title_en FROM events WHERE deleted = 0 AND starts_on BETWEEN ? AND ? "
        "ORDER BY starts_on",
        (f"{YEAR}-01-01", f"{YEAR}-12-31"),
    ).fetchall()
    assert events
    pattern = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日)" if lang == "zh" else r"^(\d{1,2} [A-Z][a-z]+ \d{4}) — ")
    dated = [line for line in lines if pattern.match(line)]
    days = [date.fromisoformat(e[0]) for e in events] + [date(2026, 1, 15), date(2026, 9, 12)]
    assert [pattern.match(line)[1] for line in dated] == [w.date(d) for d in sorted(days)]  # type: ignore[index]
    for starts_on, title, title_en in events:
        shown = title_en if lang == "en" and title_en else title
        assert any(w.date(starts_on) in line and "◆" in line and shown in line for line in lines), shown
    undated = [line for line in lines if "换届" in line or "second council" in line or "2025-12-30" in line]
    assert len(undated) == 2 and lines.index(undated[0]) > lines.index(dated[-1])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_governance_and_finance_state_the_figures_from_the_records(
    reports: dict[str, BuiltReport], lang: str, sql: sqlite3.Connection
) -> None:
    figures = mirror(sql, YEAR, TODAY)
    kinds = figures["events"]["by_kind"]
    governance = " ".join(_section(reports[lang], "s_governance"))
    assemblies, councils = kinds.get("general_assembly", 0), kinds.get("council", 0)
    assert assemblies == 1 and councils == 0
    if lang == "zh":
        assert "召开会员大会 1 次" in governance.replace("\n", "") and "未召开理事会会议" in governance
    else:
        assert "held 1 general assembly and no council meeting in 2026" in " ".join(governance.split())
    finance = _text(_section(reports[lang], "s_finance"))
    annual = figures["annual"]
    assert _text([money(annual["dues_total"], lang)]) in finance
    assert _text([money(annual["dues_paid_amount"], lang)]) in finance


def test_a_section_nobody_wrote_is_left_out_and_the_reminders_name_it(alliance_store: Store, tmp_path: Path) -> None:
    desk = Desk(alliance_store, SECRETARIAT)
    foreword = link_id("narrative", {"year": YEAR, "section": "foreword"})
    assert foreword is not None
    desk.delete("narrative", foreword)
    try:
        report = build(alliance_store, "zh", tmp_path / "r.pdf")
        w = Words("zh")
        assert not any(line.endswith(w("s_foreword")) for line in report.lines)
        assert report.page_of(w.section_number(1) + w("s_overview")) == 3
        assert report.result.reminders == ("秘书处尚未撰写 2026 年的：秘书长致辞；没有内容的部分不出现在报告中。",)
        assert load_narratives(alliance_store, YEAR).get(NarrativeSection.FOREWORD) is None
    finally:
        desk.restore("narrative", foreword)
    assert load_narratives(alliance_store, YEAR).get(NarrativeSection.FOREWORD) is not None


def test_a_year_without_narratives_prints_only_what_the_records_say(alliance_store: Store, tmp_path: Path) -> None:
    report = build(alliance_store, "en", tmp_path / "r.pdf", year=2025)
    w = Words("en")
    printed = {key for key, _ in SECTIONS if any(line.endswith(" " + w(key)) for line in report.lines)}
    for absent in ("s_foreword", "s_work", "s_problems", "s_plan"):
        assert absent not in printed
    assert len(report.result.reminders) == 1 and "Foreword from the Secretary-General" in report.result.reminders[0]
