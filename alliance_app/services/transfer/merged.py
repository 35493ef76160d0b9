"""Merged cells in a sheet's data: a roster's 所属市州 or 单位类别 merged down over the rows it belongs to.

A spreadsheet keeps a merged cell's value in its first cell only, so read cell by cell the rows below it would
come in with that field empty: 武汉市 on the first of three rows and nothing on the other two, which is not what
the clerk meant. A cell merged down one column gives its value to every row of the merge that has anything else
in it, and the import lists each such merge ("所属市州, rows 3–5: one merged cell, 武汉市, taken by each row").
A merge across several columns is read as the file shows it, its value in its first column and the others empty,
and listed too: which of the columns the clerk meant it for is not certain (a total row merged across is left out
as a total anyway).

Calamine reports the merges of .xlsx and .xls sheets; an .ods sheet's are read from its content.xml here.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from xml.etree import ElementTree

from alliance_app.services.transfer.read import RawTable

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_SPANS = re.compile(rb'number-rows-spanned="(?!1")\d+"')
_MOST_REPEATED = 100_000  # a row or cell "repeated" 1,048,576 times is formatting reaching the sheet's end


class Merge(NamedTuple):
    """One merged range: spreadsheet row numbers (1-based, inclusive) and 0-based sheet columns (inclusive)."""

    first_row: int
    last_row: int
    first_col: int
    last_col: int


class MergedDown(NamedTuple):
    """A merge whose value was given to the rows below its first, or (`across`) a merge over several columns
    whose value stays in its first: for the import's note."""

    header: str
    first_row: int
    last_row: int
    value: str
    across: tuple[str, ...] = ()  # the other columns a merge across covers, left empty


def calamine_merges(ranges: list[tuple[tuple[int, int], tuple[int, int]]] | None) -> list[Merge]:
    """Calamine's 0-based ((row, col), (row, col)) ranges as Merges."""
    return [Merge(r0 + 1, r1 + 1, c0, c1) for (r0, c0), (r1, c1) in ranges or []]


def ods_merges(xml: bytes, sheet: str) -> list[Merge]:
    """The merges spanning more than one row in an .ods sheet's content.xml (those are the only ones filled)."""
    if not _ODS_SPANS.search(xml):
        return []
    root = ElementTree.fromstring(xml)
    table = next((t for t in root.iter(f"{_TABLE}table") if t.get(f"{_TABLE}name") == sheet), None)
    if table is None:
        return []
    merges: list[Merge] = []
    row_number = 1
    for row in table.iter(f"{_TABLE}table-row"):
        column = 0
        for cell in row:
            if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                continue
            rows_spanned = int(cell.get(f"{_TABLE}number-rows-spanned", "1"))
            cols_spanned = int(cell.get(f"{_TABLE}number-columns-spanned", "1"))
            if rows_spanned > 1 or cols_spanned > 1:
                merges.append(Merge(row_number, row_number + rows_spanned - 1, column, column + cols_spanned - 1))
            column += min(int(cell.get(f"{_TABLE}number-columns-repeated", "1")), _MOST_REPEATED)
        row_number += min(int(row.get(f"{_TABLE}number-rows-repeated", "1")), _MOST_REPEATED)
    return merges


def fill_merged_down(table: RawTable, merges: list[Merge], first_column: int) -> None:
    """Gives each one-column merge's value to the data rows below its first that have anything else in them,
    and lists it in `table.merged_down`. `first_column` is the sheet column of the rows' first cell."""
    by_number = {row.number: row for row in table.rows}
    place = {sheet_column + first_column: column for column, sheet_column in enumerate(table.source_columns)}
    for merge in merges:
        if merge.first_row <= table.header_rows:  # titles and group headers: the header row's business
            continue
        source, column = by_number.get(merge.first_row), place.get(merge.first_col)
        if source is None or column is None or not source.cells[column].strip():
            continue
        value, is_number = source.cells[column], column in source.numbers
        if merge.first_col != merge.last_col:
            covered = [place[c] for c in range(merge.first_col + 1, merge.last_col + 1) if c in place]
            across = tuple(table.headers[c] for c in covered if table.headers[c])
            if across:
                table.merged_down.append(
                    MergedDown(table.headers[column], merge.first_row, merge.first_row, value.strip(), across)
                )
            continue
        if merge.last_row == merge.first_row:
            continue
        taken = []
        for number in range(merge.first_row + 1, merge.last_row + 1):
            row = by_number.get(number)
            if row is None or row.cells[column].strip():
                continue  # an empty row (left out), or a cell a spreadsheet kept despite the merge
            row.cells[column] = value
            if is_number:
                row.numbers = row.numbers | {column}
            taken.append(number)
        if taken:
            table.merged_down.append(MergedDown(table.headers[column], merge.first_row, max(taken), value.strip()))
