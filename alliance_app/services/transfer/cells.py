"""Readies a cell's text for its field before the models' reading rules see it, with what only a file can tell:
whether the cell was a number in the workbook (2025.1 as a number may have been 2025.10), the unit its column's
header names (投资额（元）), digits a spreadsheet turned into scientific notation; and splits lists of member names
and a period column ("2024.03-2025.12") into its two dates."""

from __future__ import annotations

import re
import unicodedata

from alliance_app.models import FieldSpec, ValidationError, coerce
from alliance_app.models.readings import UNIT_YUAN, Unreadable

_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_BARE_NUMBER = re.compile(r"^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)$")
_HEADER_UNIT = re.compile(r"[(（\[【]\s*(亿元|亿|万元|万|千元|元)\s*[)）\]】]")
# Not the comma: English company names have one ("Co., Ltd."); check.py tries commas only when a part names no one.
NAME_SEPARATORS = re.compile(r"[;；、|\n]+")
_PERIOD_SEPARATORS = re.compile(r"\s*(?:至|到|~|～|—|–|－|--)\s*")


def header_unit(header: str) -> str | None:
    """The money unit a header names in brackets: 投资额（元） → 元."""
    found = _HEADER_UNIT.search(unicodedata.normalize("NFKC", header))
    return found.group(1) if found else None


def _scientific(spec: FieldSpec) -> Unreadable:
    return Unreadable(
        "是科学计数法：表格软件把这一列当成了数字，后几位数字已经丢失、无法还原；请在原文件中把这一列设为“文本”格式后"
        "重新填入完整号码（或直接导入导出的 .xlsx 文件，不要用表格软件打开 .csv 再保存）",
        "is in scientific notation: a spreadsheet took this column for numbers and the last digits are lost for good; "
        "format the column as Text in the original file and type the full numbers again (or import the exported "
        ".xlsx, rather than a .csv opened and saved by a spreadsheet)",
    )


def _number_cell_date(text: str) -> str:
    """A number cell in a date column: 2025.5 is May 2025, but 2025.1 may have been typed 2025.10 (October)."""
    if re.fullmatch(r"\d{4}\.1", text):
        year = text[:4]
        raise Unreadable(
            f"是数字，可能是 {year}年1月，也可能是 {year}年10月（表格软件去掉了末尾的 0）；"
            f"请写成 {year}-01 或 {year}-10",
            f"is a number that may mean January {year} or October {year} (a spreadsheet drops the final 0); "
            f"write {year}-01 or {year}-10",
        )
    return text


def prepare(spec: FieldSpec, text: str, *, number_cell: bool = False, unit: str | None = None) -> str:
    """The cell's text made ready for the field's reading rule; raises Unreadable for what a file made unreadable.
    `unit` is the money unit the column's header names, when it is not the field's own."""
    text = text.strip()
    if not text:
        return ""
    if spec.type in ("date", "number", "integer") or spec.check in ("phone", "email", "credit_code"):
        text = unicodedata.normalize("NFKC", text).strip()
    if spec.check in ("phone", "credit_code") and _SCIENTIFIC.match(text):
        raise _scientific(spec)
    if spec.type == "date" and number_cell:
        return _number_cell_date(text)
    if spec.type == "number" and unit and unit in UNIT_YUAN and _BARE_NUMBER.match(text):
        return text + unit
    if spec.check == "credit_code":
        return text.replace(" ", "").upper()
    return text


def split_names(text: str) -> list[str]:
    """Member names in one cell, separated by ；; 、 | or new lines."""
    return [part.strip() for part in NAME_SEPARATORS.split(text) if part.strip()]


def split_period(text: str, start: FieldSpec) -> tuple[str, str] | None:
    """A period cell's start and end ("2024.03-2025.12", "2024年3月至2025年12月"), or None when it cannot be split
    in exactly one way into two dates."""
    text = unicodedata.normalize("NFKC", text).strip()
    parts = _PERIOD_SEPARATORS.split(text)
    if len(parts) == 2 and all(parts):
        return parts[0], parts[1]
    # A hyphen both separates and sits inside dates (2024-03-01-2025-12-31): take the one split that reads.
    splits = []
    for found in re.finditer("-", text):
        left, right = text[: found.start()].strip(), text[found.end() :].strip()
        if left and right and _reads(start, left) and _reads(start, right):
            splits.append((left, right))
    return splits[0] if len(splits) == 1 else None


def _reads(spec: FieldSpec, text: str) -> bool:
    try:
        return coerce(spec, text) is not None
    except ValidationError:
        return False
