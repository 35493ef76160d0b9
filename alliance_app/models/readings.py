"""How typed text is read for a field, one rule per concern, shared by forms, the CLI and imports (via coercion.coerce).

A reading either gives the value the user meant, with a note whenever the stored form differs from what was
typed (a year and month stored as the first of the month, an amount in another unit, a city's canonical name, a
phone number's spaces), or refuses with a sentence saying what is needed. It never picks a value it cannot tell.

The rules:
- Dates: a full date in the usual shapes (2026-03-31, 2026/3/31, 2026.3.31, 2026年3月31日, 20260331). A year and
  month (2024.3, 2025-05, 2025年5月, 202505) is stored as the FIRST OF THE MONTH and the conversion is noted. An
  Excel day number is read as a date only within 1980–2100 (a serial outside that is no date of ours: 2025 would be
  1905-07-17) and noted. A year alone is refused: a full date or a year and month is needed.
- Amounts: 亿/亿元, 万/万元, 千元, 元 after the number are converted into the column's unit (noted); a bare number
  is in the column's unit; anything else (约300, 300左右) is refused.
- Phones: spaces, brackets and +86 are taken out (`027-8765 4321`, `(027)87654321`, `+86 138 7123 4568`).
- Cities: Hubei's divisions keep one canonical name (models/cities.py); others stay as typed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from alliance_app.models.cities import canonical_city
from alliance_app.models.enums import Labelled, MemberKind, MemberStatus, ProjectStatus
from alliance_app.models.errors import AllianceError


class Noted:
    """A value read with a conversion the user must be shown: the note says what was typed and what is kept."""

    __slots__ = ("code", "en", "value", "zh")

    def __init__(self, value: object, code: str, zh: str, en: str):
        self.value, self.code, self.zh, self.en = value, code, zh, en


class Unreadable(AllianceError, ValueError):
    """Text that cannot be read with certainty, with the sentence saying what is needed (after “<typed>”)."""

    code = "unreadable"


# ---------------------------------------------------------------- dates

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel counts the 1900 leap day that never was)
SERIAL_RANGE = (29221, 73415)  # 1980-01-01 .. 2100-12-31: a day number outside it is no date of the alliance's
_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_COMPACT_FULL = re.compile(r"^((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(份)?$")
_COMPACT_YEAR_MONTH = re.compile(r"^((?:19|20)\d{2})(0[1-9]|1[0-2])$")
_WITH_TIME = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
_YEAR = re.compile(r"^(19|20)\d{2}\s*年?$")


def _year_month_note(text: str, day: date) -> Noted:
    return Noted(
        day,
        "year_month",
        f"“{text}”只有年月，按当月1日记为 {day.isoformat()}",
        f"“{text}” gives a year and month only; stored as the first of the month, {day.isoformat()}",
    )


def serial_date(serial: float) -> date | None:
    """The date of an Excel day number, or None when it is outside the dates the alliance's records can hold."""
    if not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def read_date(text: str) -> date | Noted:
    text = unicodedata.normalize("NFKC", text).strip()
    timed = _WITH_TIME.match(text)
    if timed:
        text = timed.group(1)
    found = _FULL.match(text) or _COMPACT_FULL.match(text)
    if found:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    found = _YEAR_MONTH.match(text) or _COMPACT_YEAR_MONTH.match(text)
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        if 1900 <= year <= 2100 and 1 <= month <= 12:
            return _year_month_note(text, date(year, month, 1))
    if _SERIAL.match(text):
        day = serial_date(float(text))
        if day is not None:
            return Noted(
                day,
                "serial",
                f"“{text}”是表格软件的日期序号，读作 {day.isoformat()}",
                f"“{text}” is a spreadsheet day number, read as {day.isoformat()}",
            )
    if _YEAR.match(text):
        raise Unreadable(
            "只有年份；请填写完整日期（如 2025-05-01）或年月（如 2025-05）",
            "gives a year only; write a full date (like 2025-05-01) or a year and month (like 2025-05)",
        )
    raise ValueError(text)


# ---------------------------------------------------------------- amounts

# What one of each unit is worth in yuan.
UNIT_YUAN = {"亿元": Decimal(100_000_000), "亿": Decimal(100_000_000), "万元": Decimal(10_000), "万": Decimal(10_000),
             "千元": Decimal(1_000), "元": Decimal(1)}  # fmt: skip
_AMOUNT = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(亿元|亿|万元|万|千元|元)?$")
COUNT_UNITS = ("项", "篇", "个", "人", "件", "家", "名")
_THOUSANDS = str.maketrans("", "", ",，  ")
# A whole part grouped by thousands with one separator throughout (1,200 / 1,200,000 / 12 000), then a decimal point.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([,\s])\d{3})(?:\1\d{3})*(?:\.\d*)?")
_UNIT_AFTER = re.compile(r"\s*(亿元|亿|万元|万|千元|元|项|篇|个|人|件|家|名)$")


def _separators_unclear(text: str) -> bool:
    """Whether commas or spaces inside the number do not group thousands: "0,5" and "1,2" are 0.5 and 1.2 where a
    comma is the decimal mark (a CSV from such an Excel), "1.200,50" is 1200.50 there. Taking the comma out would
    store 5, 12 and 1.2005: such a number is refused rather than guessed."""
    body = _UNIT_AFTER.sub("", text).strip()
    if "," not in body and " " not in body:
        return False
    return _GROUPED.fullmatch(body) is None


def read_amount(text: str, unit: str | None) -> float | Noted:
    """A number in the column's `unit` (万元, 亿元) or, for a column without one, a plain number or count."""
    normal = unicodedata.normalize("NFKC", text).strip()
    if _separators_unclear(normal):
        raise Unreadable(
            "中的逗号或空格不是千位分隔，无法确定数值；请写成 1200.5 或 1,200.5 这样的数字",
            "has a comma or space that does not separate thousands, so the number is not certain; "
            "write it like 1200.5 or 1,200.5",
        )
    clean = normal.translate(_THOUSANDS).strip()
    found = _AMOUNT.match(clean)
    if found is None:
        if unit is None and clean.endswith(COUNT_UNITS) and _AMOUNT.match(clean[:-1]):
            return _finite(float(clean[:-1]))
        raise Unreadable(*_amount_hint(unit))
    number, written = found.group(1), found.group(2)
    if written is None:
        return _finite(float(number))
    if unit is None or unit not in UNIT_YUAN:
        raise Unreadable(*_amount_hint(unit))
    if UNIT_YUAN[written] == UNIT_YUAN[unit]:
        return _finite(float(number))
    try:
        value = float(Decimal(number) * UNIT_YUAN[written] / UNIT_YUAN[unit])
    except InvalidOperation:
        raise ValueError(text) from None
    shown = f"{value:,.6f}".rstrip("0").rstrip(".")
    return Noted(
        _finite(value),
        "unit",
        f"“{text}”换算为 {shown} {unit}",
        f"“{text}” converted to {shown} {unit} (the column's unit)",
    )


def _finite(value: float) -> float:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(value)
    return value


def _amount_hint(unit: str | None) -> tuple[str, str]:
    if unit:
        return (
            f"不是明确的金额；请只填数字（单位为{unit}），或数字加单位 亿元、万元、千元、元",
            f"is not a clear amount; write a number (in {unit}) or a number with 亿元, 万元, 千元 or 元",
        )
    return ("不是数字", "is not a number")


# ---------------------------------------------------------------- phones

_PHONE_JUNK = re.compile(r"[\s\-()（）.]")
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x)\s*(\d{1,6})$", re.IGNORECASE)
_COUNTRY = re.compile(r"^(?:\+|00)?86(?=\d{9,})")


def read_phone(text: str) -> str | Noted:
    """A phone number without the spaces, brackets and country code people type; a number that does not come
    out as a mainland mobile or landline is left as typed, for the phone rule to refuse."""
    typed = unicodedata.normalize("NFKC", text).strip()
    extension = ""
    found = _EXTENSION.search(typed)
    body = typed
    if found:
        body, extension = typed[: found.start()], "转" + found.group(1)
    separated = bool(re.search(r"[\s\-()（）]", body.strip().lstrip("+")))
    digits = _PHONE_JUNK.sub("", body)
    national = _COUNTRY.sub("", digits)
    if national != digits and not national.startswith("1"):
        national = "0" + national  # +86 27 8765 4321: the trunk 0 is left out after the country code
    if re.fullmatch(r"1[3-9]\d{9}", national) and not extension:
        result = national
    elif re.fullmatch(r"0(?:10|2\d)\d{8}", national) or re.fullmatch(r"0[3-9]\d{2}\d{7,8}", national):
        area = 3 if national[1] in "12" else 4
        result = national[:area] + ("-" if separated else "") + national[area:] + extension
    elif re.fullmatch(r"400\d{7}", national):
        result = f"{national[:3]}-{national[3:6]}-{national[6:]}"
    else:
        return typed
    if result == typed or result == text.strip():
        return result
    return Noted(result, "phone", f"“{text.strip()}”记为 {result}", f"“{text.strip()}” stored as {result}")


# ---------------------------------------------------------------- cities


def read_city(text: str) -> str | Noted:
    typed = text.strip()
    city = canonical_city(typed)
    if city == typed:
        return city
    return Noted(city, "city", f"“{typed}”记为 {city}", f"“{typed}” stored as {city}")


# ---------------------------------------------------------------- vocabularies

# Words rosters use that mean exactly one of our choices: read as it, and shown as a conversion.
SAME_MEANING: dict[type[Labelled], dict[str, Labelled]] = {
    MemberKind: {
        **dict.fromkeys(("高等院校", "高等学校", "大学", "院校", "普通高校"), MemberKind.UNIVERSITY),
        **dict.fromkeys(("科研机构", "研究机构", "科研单位", "研究院所", "院所"), MemberKind.RESEARCH_INSTITUTE),
        **dict.fromkeys(("公司", "企业单位", "民营企业", "国有企业", "国企", "民企"), MemberKind.ENTERPRISE),
        **dict.fromkeys(("公共服务平台", "平台"), MemberKind.PUBLIC_PLATFORM),
    },
    MemberStatus: {"在册": MemberStatus.ACTIVE, "退出": MemberStatus.WITHDRAWN},
}
# Words that are probably, not certainly, one of our choices: only ever a "did you mean".
LIKELY: dict[type[Labelled], dict[str, Labelled]] = {
    ProjectStatus: {
        **dict.fromkeys(("在建", "在研", "实施中", "执行中", "建设中", "推进中", "开展中"), ProjectStatus.ONGOING),
        **dict.fromkeys(("完成", "已结题", "结题", "已验收", "验收", "竣工", "已竣工"), ProjectStatus.COMPLETED),
        **dict.fromkeys(("拟建", "筹备中", "规划中", "未开始", "待启动"), ProjectStatus.PLANNED),
        **dict.fromkeys(("暂停", "停滞", "中止"), ProjectStatus.SUSPENDED),
    },
}


def read_choice(enum: type[Labelled], text: str) -> Labelled | Noted:
    try:
        return enum.from_text(text)
    except ValueError:
        pass
    typed = unicodedata.normalize("NFKC", text).strip()
    same = SAME_MEANING.get(enum, {}).get(typed)
    if same is None:
        raise ValueError(text)
    return Noted(same, "same_meaning", f"“{typed}”读作“{same.zh}”", f"“{typed}” read as {same.en}")


def did_you_mean(enum: type[Labelled], text: str) -> Labelled | None:
    """The choice a mistyped or unofficial word most likely means (智能汽车 → 智能网联汽车, 在建 → 进行中), or None."""
    typed = unicodedata.normalize("NFKC", text).strip()
    if not typed:
        return None
    likely = LIKELY.get(enum, {}).get(typed)
    if likely is not None:
        return likely
    best: tuple[float, Labelled | None] = (0.0, None)
    for member in enum:
        for name in (member.zh, member.en.casefold()):
            wanted = typed if name == member.zh else typed.casefold()
            score = difflib.SequenceMatcher(None, wanted, name).ratio()
            if _in_order(wanted, name):
                score = max(score, 0.6 + 0.4 * len(wanted) / len(name))
            if score > best[0]:
                best = (score, member)
    return best[1] if best[0] >= 0.6 else None


def _in_order(short: str, long: str) -> bool:
    """Every character of `short` appears in `long`, in order (智能汽车 in 智能网联汽车)."""
    if len(short) < 2:
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)


def choice_hint(enum: type[Labelled], typed: str) -> tuple[str, str]:
    """Why a word is not one of the choices: the likely one first, then every choice, in both languages."""
    guess = did_you_mean(enum, typed)
    zh = "不是可选值之一" + (f"，是不是“{guess.zh}”？" if guess else "")
    zh += "（可选：" + "、".join(m.zh for m in enum) + "）"
    en = (
        "is not one of the choices"
        + (f"; did you mean {guess.en} ({guess.zh})?" if guess else "")
        + " Choices: "
        + ", ".join(m.en for m in enum)
    )
    return zh, en
