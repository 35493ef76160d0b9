"""An .xlsx sheet is taken out of its zip once by the import's own code: the check that the file is whole keeps the
XML it read, and the search for hidden rows reads it from there (a 10,000-row sheet is 7 MB of XML)."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from alliance_app.services.transfer.problems import TransferError
from alliance_app.services.transfer.read import read_table

HEADER = ["项目名称", "牵头单位", "重点领域"]


def _roster_with_a_hidden_row(path: Path) -> Path:
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "填表说明"
    notes.append(["请按模板填写"])
    sheet = book.create_sheet("项目")
    for row in [HEADER, ["甲项目", "武大", "区块链"], ["乙项目", "武大", "区块链"], ["丙项目", "武大", "区块链"]]:
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    book.save(path)
    return path


def test_the_sheet_leaves_the_zip_once_and_its_hidden_rows_are_still_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _roster_with_a_hidden_row(tmp_path / "p.xlsx")
    opened: Counter[str] = Counter()
    real_open = zipfile.ZipFile.open

    def counting_open(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened[name if isinstance(name, str) else name.filename] += 1
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    table = read_table(path, is_header=lambda text: text in HEADER)
    assert table.sheet == "项目" and table.hidden_rows == [3]
    sheets = {name: n for name, n in opened.items() if name.startswith("xl/worksheets/")}
    assert sheets and all(n == 1 for n in sheets.values()), opened


def test_a_damaged_sheet_is_told_as_a_damaged_file(tmp_path: Path) -> None:
    path = _roster_with_a_hidden_row(tmp_path / "p.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet2.xml")
    # A byte of the sheet's compressed data changed: the part no longer matches its checksum (or inflates to junk).
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(TransferError) as raised:  # a message, not a traceback (zlib's error was one)
        read_table(path, is_header=lambda text: text in HEADER)
    assert "已损坏或不完整" in raised.value.message("zh") and "damaged" in raised.value.message("en")
