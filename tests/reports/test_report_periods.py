"""Which days a report counts: a year not over is provisional and says so, a year nobody reported reads 未填报,
a year before the alliance or not yet begun is refused with a sentence (in the library, the CLI and Beijing time)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from alliance_app.reports.build import ReportError
from alliance_app.reports.compute import compute_figures
from alliance_app.reports.period import beijing_today
from alliance_app.store.engine import Store
from tests.reports.conftest import build
from tests.reports.test_cli_report import data, run  # noqa: F401  (the CLI's store fixture)

MID_YEAR = date(2026, 11, 29)


def test_beijing_today_is_the_date_in_beijing_not_in_utc() -> None:
    assert beijing_today(datetime(2026, 12, 31, 17, 0, tzinfo=UTC)) == date(2027, 1, 1)
    assert beijing_today(datetime(2026, 12, 31, 15, 59, tzinfo=UTC)) == date(2026, 12, 31)


def test_a_report_of_the_current_year_is_provisional_as_of_today(alliance_store: Store, tmp_path: Path) -> None:
    zh = build(alliance_store, "zh", tmp_path / "zh.pdf", today=MID_YEAR)
    text = "".join("".join(zh.pages).split())
    assert "截至2026年11月29日" in text
    assert "2026年末" not in text and "截至2026年末" not in text
    assert "本报告为临时版" in text and "临时版·截至2026年11月29日" in "".join(zh.pages[0].split())
    assert any("临时版" in w for w in zh.result.warnings)
    en = build(alliance_store, "en", tmp_path / "en.pdf", today=MID_YEAR)
    flat = " ".join(" ".join(en.pages).split())
    assert "As of 29 November 2026" in flat and "This report is provisional" in flat
    assert "PROVISIONAL" in en.pages[0]


def test_figures_after_the_as_of_date_do_not_count_yet(alliance_store: Store) -> None:
    """The assembly of 20 March counts on 30 June; the forum of 12 September does not yet."""
    june = compute_figures(alliance_store, 2026, date(2026, 6, 30))
    year = compute_figures(alliance_store, 2026, date(2027, 3, 1))
    assert june.provisional and june.as_of == "2026-06-30"
    assert not year.provisional and year.as_of == "2026-12-31"
    assert (june.events.total, year.events.total) == (1, 2)
    # 31 December and 1 January of the next year see the same full year: no jump on New Year's Day
    assert compute_figures(alliance_store, 2026, date(2026, 12, 31)).key == year.key
    assert compute_figures(alliance_store, 2026, date(2027, 1, 1)).key == year.key


def test_a_year_nobody_reported_reads_not_reported_never_zero(alliance_store: Store, tmp_path: Path) -> None:
    figures = compute_figures(alliance_store, 2024, date(2027, 3, 1))
    assert figures.annual.reporting_members == 0 and figures.annual.ai_core_revenue is None
    report = build(alliance_store, "zh", tmp_path / "2024.pdf", year=2024)
    start = report.line_of("成员单位年度数据")
    assert report.numbers_after("人工智能核心产业收入", 3, start) == ["未填报", "未填报", "—"]
    assert report.numbers_after("填报年度数据的成员单位", 3, start) == ["未填报", "未填报", "—"]


@pytest.mark.parametrize(
    ("year", "words"), [(2019, ("联盟成立于 2021 年", "began in 2021")), (2028, ("尚未开始", "has not begun"))]
)
def test_a_year_before_the_alliance_or_not_begun_is_refused(alliance_store: Store, year: int, words: tuple) -> None:
    with pytest.raises(ReportError) as refused:
        compute_figures(alliance_store, year, date(2027, 3, 1))
    assert words[0] in refused.value.message("zh") and words[1] in refused.value.message("en")


def test_the_cli_refuses_a_year_before_the_alliance_with_one_sentence(data: Path, tmp_path: Path) -> None:  # noqa: F811
    done = run(data, "report", "--year", "2019", "-o", str(tmp_path / "r.pdf"))
    assert done.returncode == 1
    assert "there was no alliance in 2019" in done.stderr and done.stderr.strip().count("\n") == 0
    assert not (tmp_path / "r.pdf").exists()
