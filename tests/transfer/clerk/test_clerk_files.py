"""Spreadsheets made the way a secretariat clerk makes them: each is stored with the clerk's meaning (the stored
values are checked, not only the counts), or refused with a message saying what is needed; every conversion,
left-out row and default is listed before anything is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from alliance_app.services import Desk
from alliance_app.services.transfer import TransferError, apply_plan, export_records, plan_file
from tests.transfer.clerk.generate import (
    CONTACT_PHONES,
    FILTERED_ROSTER,
    FILTERED_ROW,
    HIDDEN_ROSTER_ROW,
    MERGED_MEANT,
    PROJECTS,
    ROSTER,
    SOFFICE,
    TOTAL_ROW,
    through_calc,
    write_corpus,
)
from tests.transfer.test_transfer_cli import _run

needs_calc = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Calc is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("clerk"))


def _members(desk: Desk) -> dict[str, dict]:
    return {r["name_zh"]: desk.get("member", r["id"]) for r in desk.page("member").rows}


def _formats(corpus: dict[str, Path], stem: str) -> list[str]:
    return [name for name in (f"{stem}.xlsx", f"{stem}.ods", f"{stem}.xls") if name in corpus]


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_a_roster_with_notes_sheet_title_total_template_and_hidden_rows_is_stored_as_meant(
    desk: Desk, alliance: dict[str, str], corpus: dict[str, Path], fmt: str
) -> None:
    if f"roster.{fmt}" not in corpus:
        pytest.skip("LibreOffice Calc is not installed")
    table, plan = plan_file(desk, "member", corpus[f"roster.{fmt}"])
    assert table.sheet == "成员名册"  # not the 填表说明 sheet in front of it
    assert plan.problems == [] and plan.unknown_headers == [] and not plan.needs_confirmation
    notes = {n.code: n for n in plan.notes}
    assert notes["summary_row"].row == TOTAL_ROW and "合计：7家" in notes["summary_row"].zh
    assert "12、13、14" in notes["template_row"].zh
    assert str(HIDDEN_ROSTER_ROW) in notes["hidden_rows"].zh and "hidden" in notes["hidden_rows"].en
    conversions = {(c.row, c.field, c.code) for c in plan.conversions}
    assert {(4, "joined_on", "year_month"), (6, "joined_on", "year_month"), (7, "joined_on", "year_month"),
            (9, "joined_on", "serial"), (4, "city", "city"), (7, "city", "city"),
            (8, "member_kind", "same_meaning")} <= conversions  # fmt: skip
    assert dict(plan.defaults) == {"alliance_role": "member", "status": "active"}

    result = apply_plan(desk, plan)

    assert result.created == len(ROSTER)
    stored = _members(desk)
    assert not any("合计" in name for name in stored)
    for cells, (kind, city, joined, domains, high_tech) in ROSTER:
        member = stored[cells[0]]
        assert member["member_kind"] == kind, cells[0]
        assert member["city"] == city, cells[0]
        assert member["joined_on"] == joined, cells[0]
        assert sorted(member["domains"]) == sorted(domains), cells[0]
        assert member["ai_high_tech"] is high_tech, cells[0]
        assert member["credit_code"] == cells[-1]


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_a_row_filtered_out_by_an_auto_filter_is_imported_with_a_notice_in_every_format(
    desk: Desk, corpus: dict[str, Path], fmt: str
) -> None:
    if f"filtered_roster.{fmt}" not in corpus:
        pytest.skip("LibreOffice Calc is not installed")
    _table, plan = plan_file(desk, "member", corpus[f"filtered_roster.{fmt}"])
    assert plan.problems == []
    notes = {n.code: n for n in plan.notes}
    assert notes["hidden_rows"].zh.startswith(f"第 {FILTERED_ROW} 行在文件中是隐藏或被筛选掉的行")
    assert notes["hidden_rows"].en.startswith(f"Rows {FILTERED_ROW} are hidden or filtered out")
    assert apply_plan(desk, plan).created == len(FILTERED_ROSTER) - 1
    assert FILTERED_ROSTER[FILTERED_ROW - 1][0] in _members(desk)


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_cells_merged_down_a_roster_s_groups_give_each_row_their_value_and_say_so(
    desk: Desk, corpus: dict[str, Path], fmt: str
) -> None:
    if f"merged_roster.{fmt}" not in corpus:
        pytest.skip("LibreOffice Calc is not installed")
    _table, plan = plan_file(desk, "member", corpus[f"merged_roster.{fmt}"])
    assert plan.problems == []
    merged = sorted(n.zh for n in plan.notes if n.code == "merged_cells")
    assert merged == [
        "“单位类别”第 3–4 行是一个合并单元格（企业），每行都按“企业”导入",
        "“所属市州”第 3–5 行是一个合并单元格（武汉市），每行都按“武汉市”导入",
        "“所属市州”第 6–7 行是一个合并单元格（宜昌），每行都按“宜昌”导入",
    ]
    [across] = [n for n in plan.notes if n.code == "merged_across"]
    assert across.row == 6 and "“主要领域”为空" in across.zh and "leaving “主要领域” empty" in across.en
    assert {n.code for n in plan.notes} >= {"summary_row"}  # the merged total is a total, not a member

    assert apply_plan(desk, plan).created == len(MERGED_MEANT)
    stored = _members(desk)
    for name, (city, kind, domains) in MERGED_MEANT.items():
        assert (stored[name]["city"], stored[name]["member_kind"], stored[name]["domains"]) == (city, kind, domains)


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_projects_with_units_and_a_period_column_keep_the_amounts_and_dates_meant(
    desk: Desk, alliance: dict[str, str], corpus: dict[str, Path], fmt: str
) -> None:
    if f"projects.{fmt}" not in corpus:
        pytest.skip("LibreOffice Calc is not installed")
    _table, plan = plan_file(desk, "project", corpus[f"projects.{fmt}"])
    assert plan.problems == [], [p.line("en") for p in plan.problems]
    lines = [c.line("zh") for c in plan.conversions]
    assert any("“1.2亿元”换算为 12,000 万元" in line for line in lines)
    assert any("“500000元”换算为 50 万元" in line for line in lines)
    apply_plan(desk, plan)
    stored = {r["title"]: desk.get("project", r["id"]) for r in desk.page("project").rows}
    for cells, (start, end, investment) in PROJECTS:
        project = stored[cells[1]]
        assert (project["start_date"], project["end_date"]) == (start, end), cells[1]
        assert project["investment"] == pytest.approx(investment), cells[1]
    assert stored["智能工厂二期"]["lead_member_id"] == alliance["小米武汉"]


def test_values_that_cannot_be_read_with_certainty_are_refused_with_what_is_needed(
    desk: Desk, alliance: dict[str, str], corpus: dict[str, Path]
) -> None:
    before = desk.count("project")
    _table, plan = plan_file(desk, "project", corpus["refused_projects.xlsx"])
    by_row = {p.row: p for p in plan.problems}
    assert "是不是“智能网联汽车”" in by_row[2].zh and "did you mean Intelligent connected vehicles" in by_row[2].en
    assert "Choices: Intelligent manufacturing" in by_row[2].en
    assert "是不是“进行中”" in by_row[3].zh and "did you mean Ongoing" in by_row[3].en
    assert by_row[4].field == "investment" and "不是明确的金额" in by_row[4].zh
    assert by_row[5].field == "start_date" and "只有年份" in by_row[5].zh and "year only" in by_row[5].en
    assert by_row[6].field == "start_date" and "2025年10月" in by_row[6].zh and "October 2025" in by_row[6].en
    with pytest.raises(TransferError):
        apply_plan(desk, plan)
    assert desk.count("project") == before


def test_a_header_naming_yuan_converts_bare_numbers_into_the_field_s_unit(
    desk: Desk, alliance: dict[str, str], corpus: dict[str, Path]
) -> None:
    _table, plan = plan_file(desk, "project", corpus["yuan_header.xlsx"])
    assert plan.problems == [] and [c.code for c in plan.conversions] == ["unit"]
    apply_plan(desk, plan)
    project = next(r for r in desk.page("project").rows if r["title"] == "园区安防")
    assert desk.get("project", project["id"])["investment"] == pytest.approx(300.0)


def test_a_semicolon_csv_with_commas_inside_cells_and_phones_as_typed_by_people(
    desk: Desk, alliance: dict[str, str], corpus: dict[str, Path]
) -> None:
    table, plan = plan_file(desk, "contact", corpus["contacts_semicolon.csv"])
    assert table.headers == ["成员单位", "姓名", "职务", "电话", "电子邮箱"]
    assert plan.problems == [] and {c.code for c in plan.conversions} == {"phone"}
    apply_plan(desk, plan)
    stored = {r["name"]: desk.get("contact", r["id"]) for r in desk.page("contact").rows}
    assert {name: stored[name]["phone"] for name in CONTACT_PHONES} == CONTACT_PHONES
    assert stored["王芳"]["title"] == "主任, 博士"


def test_defaults_for_fields_without_a_column_are_listed_and_need_confirmation_when_columns_are_left_out(
    desk: Desk, alliance: dict[str, str], corpus: dict[str, Path]
) -> None:
    _table, plan = plan_file(desk, "member", corpus["defaults_roster.xlsx"])
    assert plan.unknown_headers == ["备注"] and plan.needs_confirmation
    assert ("member_kind", "enterprise") in plan.defaults
    with pytest.raises(TransferError) as refused:
        apply_plan(desk, plan)
    assert "默认值" in refused.value.zh and "defaults" in refused.value.en
    assert desk.count("member") == 3
    apply_plan(desk, plan, accept_defaults=True)
    member = _members(desk)["荆门数智科技有限公司"]
    assert (member["member_kind"], member["city"]) == ("enterprise", "荆门市")


@needs_calc
def test_an_export_opened_and_saved_by_a_spreadsheet_comes_back_without_its_guard_or_says_digits_were_lost(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    project = next(r for r in desk.page("project").rows if r["title"] == "智能工厂示范工程")
    desk.update("project", project["id"], {"funding_source": "+省级配套", "description": "=1+1 不是公式"})
    export_records(desk, "project", tmp_path / "projects.csv")
    export_records(desk, "member", tmp_path / "members.csv")
    saved = through_calc(
        [tmp_path / "projects.csv", tmp_path / "members.csv"], "xlsx", tmp_path / "calc", csv_as_clerk=True
    )

    _table, plan = plan_file(desk, "project", saved[0])
    assert plan.problems == [] and plan.count("unchanged") == 2, [p.line("en") for p in plan.problems]
    stored = desk.get("project", project["id"])
    assert (stored["funding_source"], stored["description"]) == ("+省级配套", "=1+1 不是公式")

    _table, plan = plan_file(desk, "member", saved[1])
    digits = [p for p in plan.problems if p.field == "credit_code"]
    assert digits, "the all-digit credit codes became numbers in Calc"
    assert all("scientific notation" in p.en and "科学计数法" in p.zh for p in digits)
    assert len({p.row for p in digits}) == len(digits)  # one plain message per cell, not two


def test_blank_cells_in_a_re_import_show_field_by_field_what_is_erased_before_anything_is_written(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "members.xlsx"
    export_records(desk, "member", path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("中文名称")].value == "武汉大学")
    row[header.index("城市")].value = None
    row[header.index("简称")].value = "武汉大学（新）"
    book.save(path)
    _table, plan = plan_file(desk, "member", path)
    updated = [r for r in plan.rows if r.action == "update"]
    assert len(updated) == 1 and updated[0].erased == ["city"]
    from alliance_app.services.transfer.preview import change_lines

    lines = change_lines(plan, "zh")
    assert f"行 {updated[0].number} · 城市：武汉市 → （空）（将清空）" in lines
    assert f"行 {updated[0].number} · 简称：武大 → 武汉大学（新）" in lines
    assert f"row {updated[0].number} · City: 武汉市 → (empty) (erased)" in change_lines(plan, "en")


def test_the_cli_picks_a_sheet_by_name_or_number_and_its_help_names_ods(
    tmp_path: Path, corpus: dict[str, Path]
) -> None:
    from alliance_app.store.engine import open_store
    from tests.conftest import SECRETARIAT
    from tests.transfer.conftest import add_alliance

    data = tmp_path / "data"
    with Desk(open_store(data), SECRETARIAT) as desk:
        add_alliance(desk)
    roster = str(corpus["roster.xlsx"])
    first = _run(data, "import", "member", roster, "--sheet", "1", "--dry-run")
    assert first.returncode == 1 and "没有一列能对应" in first.stdout
    named = _run(data, "import", "member", roster, "--sheet", "成员名册", "--dry-run")
    assert named.returncode == 0 and "新增 7" in named.stdout
    assert "行 11 · 合计行（合计：7家），不是一条记录，已略去" in named.stderr
    assert "“2024.3”只有年月，按当月1日记为 2024-03-01" in named.stderr
    missing = _run(data, "import", "member", roster, "--sheet", "9", lang="en")
    assert missing.returncode == 1 and "1. 填表说明, 2. 成员名册" in missing.stderr
    helped = _run(data, "import", "--help")
    assert ".ods" in helped.stdout and "--accept-defaults" in helped.stdout and "--sheet" in helped.stdout


def test_joined_dates_in_the_clerk_s_habits_never_become_1905(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    from tests.transfer.sheets import write_xlsx

    rows = [
        ["单位名称", "加入时间"],
        ["甲公司", 2025],
        ["乙公司", 2454],
        ["丙公司", "2025"],
        ["丁公司", date(2025, 3, 8)],
    ]
    _table, plan = plan_file(desk, "member", write_xlsx(tmp_path / "y.xlsx", rows))
    assert [(p.row, p.field) for p in plan.problems] == [(2, "joined_on"), (3, "joined_on"), (4, "joined_on")]
    assert plan.count("create") == 1
