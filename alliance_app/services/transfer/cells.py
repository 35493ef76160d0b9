"""Parses a cell's text for its field before the models' rules see it: Excel date serials, full-width digits,
units after numbers, credit codes in lower case; and lists of member names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from alliance_app.models import FieldSpec

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel counts the 1900 leap day that never was)
_SERIAL = re.compile(r"^\d{1,7}(\.\d+)?$")
_COMPACT_DATE = re.compile(r"^(19|20)\d{6}$")
_DATE_WITH_TIME = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_NUMBER_UNITS = ("万元", "亿元", "元", "项", "篇", "个", "人")
# Not the comma: English company names have one ("Co., Ltd."); check.py tries commas only when a part names no one.
NAME_SEPARATORS = re.compile(r"[;；、|\n]+")


def _date_text(text: str) -> str:
    if _COMPACT_DATE.match(text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if _SERIAL.match(text):
        serial = float(text)
        if 1 <= serial < 2958466:  # up to 9999-12-31
            return (_EXCEL_EPOCH + timedelta(days=int(serial))).isoformat()
    timed = _DATE_WITH_TIME.match(text)
    if timed:
        return timed.group(1)
    return text


def _number_text(text: str) -> str:
    text = text.replace(",", "").replace(" ", "")
    for unit in _NUMBER_UNITS:
        if text.endswith(unit) and len(text) > len(unit):
            return text[: -len(unit)]
    return text


def prepare(spec: FieldSpec, text: str) -> str:
    """The cell's text made ready for the field's parser; never guesses at a value it cannot read."""
    text = text.strip()
    if not text:
        return ""
    if spec.type in ("date", "number", "integer") or spec.check in ("phone", "email", "credit_code"):
        text = unicodedata.normalize("NFKC", text).strip()
    if spec.type == "date":
        return _date_text(text)
    if spec.type in ("number", "integer"):
        return _number_text(text)
    if spec.check == "credit_code":
        return text.replace(" ", "").upper()
    return text


def split_names(text: str) -> list[str]:
    """Member names in one cell, separated by ；; 、 | or new lines."""
    return [part.strip() for part in NAME_SEPARATORS.split(text) if part.strip()]
