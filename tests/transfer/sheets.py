"""Writes the spreadsheets the tests import, the way Excel, WPS and LibreOffice users make them."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, merges: Sequence[str] = (), blank_rows: int = 0,
               number_formats: dict[str, str] | None = None, literal: bool = False) -> Path:  # fmt: skip
    """An .xlsx with these rows from A1; `merges` like "A1:F1"; `blank_rows` formatted-but-empty rows after the
    data (what Excel leaves after rows are cleared); `number_formats` per cell, e.g. {"D3": "@"}; `literal` keeps
    text that starts with "=" as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    if literal:  # text starting with "=" as a text cell (as typed after an apostrophe), not a formula
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    for merge in merges:
        sheet.merge_cells(merge)
    last = len(rows)
    for extra in range(blank_rows):
        sheet.cell(row=last + 1 + extra, column=1).number_format = "@"
        sheet.cell(row=last + 1 + extra, column=3).value = None
    for ref, fmt in (number_formats or {}).items():
        sheet[ref].number_format = fmt
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8-sig", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path
