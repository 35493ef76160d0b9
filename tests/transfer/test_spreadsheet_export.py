"""Export as people read it (labels, names, dates, numbers, frozen header, widths) and the round trip: no change."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from alliance_app.services import Desk, RecordQuery
from alliance_app.services.transfer import EXPORT_KINDS, IMPORT_KINDS, apply_plan, export_records, plan_file


def test_xlsx_shows_labels_names_dates_and_numbers_with_a_frozen_header(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    path = export_records(desk, "project", tmp_path / "p.xlsx", query=RecordQuery(search="智能工厂")).path
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert header[:4] == ["牵头单位", "项目名称", "英文名称", "重点领域"] and header[-1] == "编号"
    assert row["牵头单位"] == "小米(武汉)科技有限公司" and row["合作单位"] == "武汉大学"
    assert (row["重点领域"], row["项目类型"], row["状态"]) == ("智能制造", "示范工程", "进行中")
    assert row["开始日期"] == datetime(2024, 3, 1) and sheet["G2"].number_format == "yyyy-mm-dd"
    assert row["投资额（万元）"] == 1250.5
    assert sheet.freeze_panes == "A2" and sheet[1][0].font.b
    widths = {letter: d.width for letter, d in sheet.column_dimensions.items()}
    assert widths["A"] >= 2 * len("小米(武汉)科技有限公司") - 6  # Chinese characters count double
    assert widths["C"] < widths["A"]


def test_csv_is_utf8_with_bom_and_english_headers_and_labels(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    path = export_records(desk, "member", tmp_path / "m.csv", lang="en").path
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Chinese name,English name,Short name,Kind,Alliance role,Unified social")
    assert "Intelligent manufacturing; Smart city" in text and ",Enterprise,Member," in text


def test_a_given_list_of_ids_exports_just_those_in_that_order(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    ids = [alliance["北斗研究院"], alliance["小米武汉"]]
    path = export_records(desk, "member", tmp_path / "m.xlsx", ids=ids).path
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert [r[0].value for r in sheet.iter_rows(min_row=2)] == [
        "湖北省北斗卫星导航应用技术研究院",
        "小米(武汉)科技有限公司",
    ]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_round_trip_export_then_import_changes_nothing(
    desk: Desk, alliance: dict[str, str], tmp_path: Path, suffix: str, lang: str
) -> None:
    outbox_before = desk.status().pending
    for kind in IMPORT_KINDS:
        path = export_records(desk, kind, tmp_path / f"{kind}{suffix}", lang=lang).path
        _table, plan = plan_file(desk, kind, path)
        assert plan.ok, [p.line("en") for p in plan.problems]
        result = apply_plan(desk, plan)
        assert (result.created, result.updated, result.unchanged) == (0, 0, desk.count(kind)), kind
    assert desk.status().pending == outbox_before


def test_every_kind_exports(desk: Desk, alliance: dict[str, str], tmp_path: Path) -> None:
    for kind in EXPORT_KINDS:
        result = export_records(desk, kind, tmp_path / f"{kind}.xlsx")
        assert result.rows == desk.count(kind)
        assert openpyxl.load_workbook(result.path).active.max_row == result.rows + 1  # type: ignore[union-attr]


def test_a_liaison_exports_other_members_contacts_without_their_phone_and_re_imports_them_unchanged(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    from alliance_app.models import Actor, Role

    liaison = Desk(desk.store, Actor("liaison", Role.LIAISON, alliance["武大"]))
    path = export_records(liaison, "contact", tmp_path / "c.csv").path
    text = path.read_text(encoding="utf-8-sig")
    assert "13800138000" in text and "02787654321" not in text  # its own contact's phone, not Xiaomi's
    _table, plan = plan_file(liaison, "contact", path)
    assert plan.ok and plan.count("unchanged") == 2


def test_text_that_looks_like_a_formula_stays_text(desk: Desk, alliance: dict[str, str], tmp_path: Path) -> None:
    desk.update("member", alliance["武大"], {"description": '=HYPERLINK("http://x")'})
    path = export_records(desk, "member", tmp_path / "m.xlsx").path
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")']
    assert cells and cells[0].data_type == "s"


def test_csv_text_that_excel_would_run_as_a_formula_is_written_with_an_apostrophe_and_read_back_exact(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    risky = {"description": '=HYPERLINK("http://x")', "short_name": "@武大", "city": "+cmd|' /C calc'!A0"}
    desk.update("member", alliance["武大"], risky)
    path = export_records(desk, "member", tmp_path / "m.csv").path
    text = path.read_text(encoding="utf-8-sig")
    for value in risky.values():
        assert f"'{value}" in text.replace('""', '"')
    assert "\n=" not in text and ",=" not in text and ",@" not in text and ",+" not in text
    _table, plan = plan_file(desk, "member", path)
    assert plan.ok and plan.count("unchanged") == desk.count("member")
    (tmp_path / "typed.csv").write_text("名称,简称\n'=1+1,'x\n", encoding="utf-8")
    from alliance_app.services.transfer.read import read_table

    assert read_table(tmp_path / "typed.csv").rows[0].cells[:2] == ["=1+1", "'x"]  # only a defused formula loses it


@pytest.mark.parametrize("name", ["m.csv", "m.xlsx"])
def test_an_exported_file_has_the_users_normal_permissions(
    desk: Desk, alliance: dict[str, str], tmp_path: Path, name: str
) -> None:
    import os

    previous = os.umask(0o022)
    try:
        path = export_records(desk, "member", tmp_path / name).path
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600: colleagues and backups can read it
