"""The export's .xlsx writer: what it writes, openpyxl and calamine (the import's reader) read back exactly."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from alliance_app.services.transfer.xlsx_file import write_xlsx

TRICKY = [
    "a < b & c > d \"quoted\" 'single'",
    "  leading and trailing spaces  ",
    "two\r\nlines\nand a third",
    "=SUM(A1:A2)",
    "湖北省武汉市东湖新技术开发区",
    "]]> <![CDATA[",
]


def test_every_kind_of_value_reads_back_exactly(tmp_path: Path) -> None:
    headers = [f"列{i}" for i in range(30)]  # past Z: AA, AB, ...
    row: list[object] = [None] * 30
    row[:10] = [*TRICKY, 1250.5, 7, date(2024, 2, 29), datetime(2025, 5, 6, 14, 30, 15)]
    row[29] = True
    path = tmp_path / "out.xlsx"
    write_xlsx(path, "成员's 表", headers, [row, ["", "x", *([None] * 28)]], [12.0] * 30)

    sheet = openpyxl.load_workbook(path)["成员's 表"]
    assert [c.value for c in sheet[1]] == headers and sheet["A1"].font.b and sheet.freeze_panes == "A2"
    read = [c.value for c in sheet[2]]
    # \r is written as Excel's escape _x000D_, which Excel, Calc and calamine read back and openpyxl leaves as is.
    assert read[:6] == [t.replace("\r", "_x000D_") for t in TRICKY]
    assert sheet["D2"].data_type == "s"  # text, never a formula
    assert read[6:10] == [1250.5, 7, datetime(2024, 2, 29), datetime(2025, 5, 6, 14, 30, 15)]
    assert sheet["I2"].number_format == "yyyy-mm-dd" and sheet["J2"].number_format == "yyyy-mm-dd hh:mm"
    assert read[29] is True and read[10:29] == [None] * 19
    assert sheet.max_row == 3 and [c.value for c in sheet[3]][:3] == [None, "x", None]  # "" leaves a cell empty
    # Excel stores a width with its cell padding added (12 characters shows as 12 in Excel, stored 12.71…).
    assert sheet.auto_filter.ref == "A1:AD3" and 12 <= sheet.column_dimensions["AD"].width <= 13

    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("成员's 表").to_python()
    assert calamine[1][:8] == [*TRICKY, 1250.5, 7.0]
    assert calamine[1][8] == date(2024, 2, 29)


def test_control_characters_xml_cannot_carry_are_left_out_of_the_cell(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_xlsx(path, "S", ["名称"], [["武汉\x01大学\x1f"]], [10.0])
    assert openpyxl.load_workbook(path)["S"]["A2"].value == "武汉大学"
