"""A workbook (.xlsx, .xls, .ods) as sheets of text rows: which sheet to read, its rows, its hidden rows.

Cells are read by calamine and made text (read.cell_text); a cell that is a number in the file is remembered as
one, so a date column can tell the number 2025.1 (January or October? a spreadsheet dropped the 0) from the text
"2025.1". Hidden and filtered-out rows are found in the sheet's own XML (.xlsx, .ods), because calamine reads them
like any other row and an import must say it took them. An .xls (BIFF) keeps the same flag in each row's record
(a filtered-out row is a hidden row there), read through xlrd with its formatting information.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping
from typing import Any
from xml.etree import ElementTree

from alliance_app.services.transfer.merged import Merge, calamine_merges, ods_merges
from alliance_app.services.transfer.read import RawRow, TransferError, _damaged, _encrypted, _not_a_table, cell_text

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_XLSX_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*)>")
_ODS_TABLE = re.compile(rb'<table:table\b[^>]*table:name="([^"]*)"')
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file an .xls lives in


class Workbook:
    def __init__(self, data: bytes, name: str, parts: Mapping[str, bytes] | None = None):
        """`parts`: the zip's XML parts, where they were read already (read._check_zip)."""
        from python_calamine import CalamineError, CalamineWorkbook, PasswordError

        self.data, self.name, self.parts = data, name, parts
        self._errors = (CalamineError, ValueError, OSError)
        self._password = PasswordError
        self._rows: dict[str, list[RawRow]] = {}
        self._merges: dict[str, list[Merge] | None] = {}
        self._first_column: dict[str, int] = {}
        try:
            self.book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            self.names = list(self.book.sheet_names)
        except PasswordError as error:
            raise _encrypted(name) from error
        except self._errors as error:
            raise self._failure(error) from error
        if not self.names:
            raise _not_a_table(name)

    def _failure(self, error: Exception) -> TransferError:
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            return _encrypted(self.name)
        return _damaged(self.name)

    def rows(self, sheet: str) -> list[RawRow]:
        """The sheet's rows as text, each with the row number the spreadsheet shows."""
        if sheet not in self._rows:
            try:
                worksheet = self.book.get_sheet_by_name(sheet)
                first_row = worksheet.start[0] + 1 if worksheet.start else 1
                self._first_column[sheet] = worksheet.start[1] if worksheet.start else 0
                ranges = worksheet.merged_cell_ranges  # None: calamine does not read this format's merges (.ods)
                self._merges[sheet] = None if ranges is None else calamine_merges(ranges)
                values = worksheet.to_python(skip_empty_area=True)
            except self._password as error:
                raise _encrypted(self.name) from error
            except self._errors as error:
                raise self._failure(error) from error
            self._rows[sheet] = [_row(first_row + i, row) for i, row in enumerate(values)]
        return self._rows[sheet]

    def merges(self, sheet: str) -> list[Merge]:
        """The sheet's merged ranges (calamine's for .xlsx and .xls; an .ods sheet's from its content.xml)."""
        self.rows(sheet)
        found = self._merges[sheet]
        if found is None:  # only then is the zip opened again: an .xlsx's merges came with its rows
            found = []
            try:
                with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                    if "content.xml" in archive.namelist():
                        found = ods_merges(archive.read("content.xml"), sheet)
            except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
                pass  # calamine read the sheet; without its merges the rows are as the file keeps them
            self._merges[sheet] = found
        return found

    def first_column(self, sheet: str) -> int:
        """The sheet column (0-based) of the first cell of each row `rows` gives."""
        self.rows(sheet)
        return self._first_column[sheet]

    def choose(self, sheet: str | int | None, score: Callable[[list[RawRow]], int]) -> str:
        """The sheet asked for by name or 1-based number; by default the first whose header names at least two
        known columns (else one, else the first sheet)."""
        if sheet is None:
            scores = []
            for name in self.names:
                scores.append(score(self.rows(name)))
                if scores[-1] >= 2:
                    return name
            return next((n for n, s in zip(self.names, scores, strict=True) if s >= 1), self.names[0])
        if isinstance(sheet, str) and sheet in self.names:
            return sheet
        number = sheet if isinstance(sheet, int) else int(sheet) if str(sheet).strip().isdigit() else None
        if number is not None and 1 <= number <= len(self.names):
            return self.names[number - 1]
        listed_zh = "、".join(f"{i}. {n}" for i, n in enumerate(self.names, start=1))
        listed_en = ", ".join(f"{i}. {n}" for i, n in enumerate(self.names, start=1))
        raise TransferError(
            f"文件 {self.name} 中没有工作表“{sheet}”（有：{listed_zh}）；请用名称或序号选择。",
            f"The file {self.name} has no sheet “{sheet}” (it has: {listed_en}); choose one by name or number.",
        )

    def hidden_rows(self, sheet: str) -> list[int]:
        """Row numbers hidden or filtered out in the file (.xlsx, .ods and .xls)."""
        if self.data.startswith(_OLE2):
            return _xls_hidden(self.data, sheet)
        try:
            if self.parts is not None:
                return _zip_hidden(self.parts.__getitem__, set(self.parts), sheet)
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                return _zip_hidden(archive.read, set(archive.namelist()), sheet)
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
            return []


def _zip_hidden(read: Callable[[str], bytes], names: set[str], sheet: str) -> list[int]:
    if "xl/workbook.xml" in names:
        return _xlsx_hidden(read, sheet)
    if "content.xml" in names:
        return _ods_hidden(read("content.xml"), sheet)
    return []


def _row(number: int, values: list[Any]) -> RawRow:
    """One row as text, remembering which cells are numbers in the file (calamine gives plain int and float;
    a bool is no number here). A 10,000-row sheet has 100,000 cells, nearly all text already: only the others are
    visited, and converted in the row's own list (each row of the reader's answer is a list of its own)."""
    typed = [index for index, value in enumerate(values) if type(value) is not str]
    numbers = []
    for index in typed:
        value = values[index]
        kind = type(value)
        if kind is int or kind is float:
            numbers.append(index)
        values[index] = cell_text(value)
    return RawRow(number, values, frozenset(numbers))


def _xlsx_hidden(read: Callable[[str], bytes], sheet: str) -> list[int]:
    book = ElementTree.fromstring(read("xl/workbook.xml"))
    relation = next((s.get(_RELATION) for s in book.iter(f"{_MAIN}sheet") if s.get("name") == sheet), None)
    rels = ElementTree.fromstring(read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target", "") for r in rels if r.get("Id") == relation), "")
    if not target:
        return []
    xml = read(target.lstrip("/") if target.startswith("/") else "xl/" + target)
    if b"hidden=" not in xml:
        return []
    hidden = []
    for found in _XLSX_ROW.finditer(xml):
        attributes = found.group(1)
        number = re.search(rb'\br="(\d+)"', attributes)
        if number and re.search(rb'\bhidden="(1|true)"', attributes):
            hidden.append(int(number.group(1)))
    return hidden


def _xls_hidden(data: bytes, sheet: str) -> list[int]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except (xlrd.XLRDError, ValueError, OSError, AssertionError):  # calamine read it; xlrd may not (an .xls 95)
        return []
    try:
        rows = book.sheet_by_name(sheet).rowinfo_map
        return sorted(index + 1 for index, info in rows.items() if info.hidden)
    except xlrd.XLRDError:
        return []
    finally:
        book.release_resources()


def _ods_hidden(xml: bytes, sheet: str) -> list[int]:
    if b"table:visibility=" not in xml:
        return []
    tables = list(_ODS_TABLE.finditer(xml))
    for index, table in enumerate(tables):
        if table.group(1).decode("utf-8", "replace") != sheet:
            continue
        end = tables[index + 1].start() if index + 1 < len(tables) else len(xml)
        hidden: list[int] = []
        number = 1
        for found in _ODS_ROW.finditer(xml, table.end(), end):
            attributes = found.group(1)
            repeated = re.search(rb'table:number-rows-repeated="(\d+)"', attributes)
            count = int(repeated.group(1)) if repeated else 1
            if re.search(rb'table:visibility="(collapse|filter)"', attributes):
                hidden += range(number, number + min(count, 100_000))
            number += count
        return hidden
    return []
