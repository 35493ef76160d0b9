"""Reading spreadsheets as text: every format, encoding and Excel habit, and a clear sentence for a bad file."""

from __future__ import annotations

import os
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from alliance_app.services.transfer import TransferError, is_known_header, read_table
from tests.transfer.sheets import write_csv, write_xlsx

HEADER = ["姓名", "成员单位", "电话", "电子邮箱"]


def test_xlsx_keeps_leading_zeros_of_text_phone_numbers_and_digits_of_number_cells(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "c.xlsx", [HEADER, ["张伟", "武大", "02787654321", "a@b.cn"], ["李娜", "武大", 13800138000, None]]
    )
    table = read_table(path)
    assert table.headers == HEADER
    assert [r.cells for r in table.rows] == [
        ["张伟", "武大", "02787654321", "a@b.cn"],
        ["李娜", "武大", "13800138000", ""],
    ]


def test_data_row_numbers_are_sheet_rows_after_one_header_row(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [HEADER, ["a", "b", "c", "d"], [None] * 4, ["e", "f", "g", "h"]])
    table = read_table(path)
    assert table.header_rows == 1
    assert [r.number for r in table.rows] == [2, 4]  # data index i is row i + 2; the empty row is skipped


def test_title_row_and_merged_group_headers_above_the_header_are_set_aside(tmp_path: Path) -> None:
    rows = [
        ["2025 年度联盟项目清单", None, None, None],
        ["基本信息", None, "时间", None],
        ["项目名称", "牵头单位", "开始日期", "结束日期"],
        ["城市大脑", "武大", "2024-01-01", "2025-01-01"],
    ]
    path = write_xlsx(tmp_path / "p.xlsx", rows, merges=["A1:D1", "A2:B2", "C2:D2"])
    table = read_table(path, is_header=is_known_header("project"))
    assert table.header_rows == 3
    assert table.headers == ["项目名称", "牵头单位", "开始日期", "结束日期"]
    assert [r.number for r in table.rows] == [4]


def test_header_cell_merged_down_from_the_group_row_takes_the_group_text(tmp_path: Path) -> None:
    rows = [["项目名称", "时间", None], [None, "开始日期", "结束日期"], ["城市大脑", "2024-01-01", "2025-01-01"]]
    path = write_xlsx(tmp_path / "p.xlsx", rows, merges=["A1:A2", "B1:C1"])
    table = read_table(path, is_header=is_known_header("project"))
    assert table.headers == ["项目名称", "开始日期", "结束日期"]
    assert table.rows[0].number == 3


def test_trailing_formatted_empty_rows_and_columns_are_ignored(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [HEADER, ["张伟", "武大", "027-87654321", ""]], blank_rows=500)
    table = read_table(path)
    assert len(table.rows) == 1
    assert len(table.headers) == 4


def test_dates_numbers_and_booleans_become_the_text_a_user_would_type(tmp_path: Path) -> None:
    rows = [
        ["开始日期", "投资额", "是否", "时间"],
        [date(2024, 3, 1), 1250.5, True, datetime(2024, 3, 1, 9, 30)],
        [45352, 12.0, False, None],
    ]
    table = read_table(write_xlsx(tmp_path / "t.xlsx", rows))
    assert table.rows[0].cells == ["2024-03-01", "1250.5", "true", "2024-03-01T09:30:00"]
    assert table.rows[1].cells == ["45352", "12", "false", ""]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_in_each_encoding_reads_the_chinese_correctly(tmp_path: Path, encoding: str) -> None:
    rows = [
        HEADER,
        ["张伟", "小米(武汉)科技有限公司", "02787654321", "zw@xiaomi.cn"],
        ["欧阳娜娜", "湖北省北斗卫星导航应用技术研究院", "", ""],
    ]
    delimiter = "\t" if encoding == "utf-16" else ","  # Excel's "Unicode text" is UTF-16 with tabs
    table = read_table(write_csv(tmp_path / "c.csv", rows, encoding, delimiter))
    assert table.headers == HEADER
    assert [r.cells for r in table.rows] == rows[1:]


def test_semicolon_separated_csv_is_read(tmp_path: Path) -> None:
    table = read_table(
        write_csv(tmp_path / "c.csv", [HEADER, ["张伟", "武大", "13800138000", "a@b.cn"]], delimiter=";")
    )
    assert table.rows[0].cells[2] == "13800138000"


def test_file_type_is_told_by_content_not_by_name(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [HEADER, ["张伟", "武大", "02787654321", ""]])
    renamed = tmp_path / "c.csv"
    path.rename(renamed)
    assert read_table(renamed).rows[0].cells[2] == "02787654321"


def _refused(path: Path) -> TransferError:
    with pytest.raises(TransferError) as caught:
        read_table(path)
    message = caught.value.message("zh"), caught.value.message("en")
    assert all("Traceback" not in m and m.count("\n") == 0 for m in message)
    return caught.value


def test_ten_megabytes_of_junk_named_xlsx_or_csv_gives_one_sentence(tmp_path: Path) -> None:
    junk = os.urandom(10 * 1024 * 1024)
    for name in ("junk.xlsx", "junk.csv", "junk.xls"):
        (tmp_path / name).write_bytes(junk)
        error = _refused(tmp_path / name)
        assert "不是可读取的表格" in error.zh and "not a readable spreadsheet" in error.en


def test_truncated_xlsx_is_reported_as_damaged(tmp_path: Path) -> None:
    whole = write_xlsx(
        tmp_path / "whole.xlsx", [HEADER] + [["张伟", "武大", "02787654321", "a@b.cn"]] * 200
    ).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    error = _refused(cut)
    assert "已损坏或不完整" in error.zh and "damaged or incomplete" in error.en


def test_password_protected_xlsx_says_to_remove_the_password(tmp_path: Path) -> None:
    plain = write_xlsx(tmp_path / "plain.xlsx", [HEADER, ["张伟", "武大", "02787654321", ""]])
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        office = OOXMLFile(source)
        office.encrypt("secret", target)
    error = _refused(locked)
    assert "设有打开密码" in error.zh and "password-protected" in error.en


def test_a_zip_that_is_no_workbook_and_an_empty_file_are_refused_clearly(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "doc.xlsx", "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "not a readable spreadsheet" in _refused(tmp_path / "doc.xlsx").en
    (tmp_path / "empty.csv").write_bytes(b"")
    assert "empty" in _refused(tmp_path / "empty.csv").en
    assert "No file" in _refused(tmp_path / "missing.xlsx").en
