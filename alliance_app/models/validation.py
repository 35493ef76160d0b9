"""Validation rules of the alliance records, shared by the desktop and the server, with Chinese and English messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from alliance_app.models.errors import AllianceError
from alliance_app.text_rules import text_problem

# GB 32100-2015 unified social credit code: 31 characters (no I, O, Z, S, V) and the weights of positions 1–17.
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Position 1: the registering authority (1 organisation, 5 civil affairs, 9 market regulation, Y others, ...).
_CREDIT_AUTHORITIES = set("123456789ANY")

_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
# Mainland mobile (1xxxxxxxxxx) or landline with area code (027-87654321, 02787654321), optional +86 and extension.
_PHONE = re.compile(
    r"^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}([- ]?(转|ext\.?|x)\s?\d{1,6})?|400[- ]?\d{3}[- ]?\d{4})$"
)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record: the field (None for the whole record), a stable code, the two messages."""

    field: str | None
    code: str
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


class ValidationError(AllianceError, ValueError):
    """A record failed its rules; carries every problem found, not only the first."""

    code = "invalid"

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("；".join(p.zh for p in problems), "; ".join(p.en for p in problems))


def credit_code_check_char(first17: str) -> str:
    """The GB 32100-2015 check character (position 18) for the first 17 characters."""
    total = sum(_CREDIT_CHARS.index(ch) * w for ch, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """None if `code` is a well-formed unified social credit code, else the English reason."""
    if len(code) != 18:
        return f"must be 18 characters, got {len(code)}"
    bad = sorted({ch for ch in code if ch not in _CREDIT_CHARS})
    if bad:
        return f"contains characters not allowed in a credit code: {''.join(bad)}"
    if code[0] not in _CREDIT_AUTHORITIES:
        return f"position 1 ({code[0]}) is not a registering authority"
    if not code[2:8].isdigit():
        return "positions 3–8 must be the six-digit administrative division code"
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]}, expected {expected}"
    return None


def check_text(field: str, value: str, label_zh: str, label_en: str) -> Problem | None:
    reason = text_problem(value)
    if reason is None:
        return None
    zh = "含有空字符（NUL）" if "NUL" in reason else "含有不成对的代理字符（不是有效的文字）"
    return Problem(field, "bad_text", f"{label_zh}{zh}，无法保存", f"{label_en} {reason} and cannot be saved")


def check_at_most(field: str, value: float | int, maximum: float | int, label_zh: str, label_en: str) -> Problem | None:
    if value <= maximum:
        return None
    shown = f"{int(maximum)}" if float(maximum).is_integer() else f"{maximum}"
    return Problem(
        field, "too_large", f"{label_zh}不能大于 {shown}：{value}", f"{label_en} cannot be more than {shown}: {value}"
    )


def check_credit_code(field: str, code: str) -> Problem | None:
    reason = credit_code_problem(code)
    if reason is None:
        return None
    zh_reason = {
        "must be 18": "应为18位",
        "contains characters": "含有不允许的字符（不含I、O、Z、S、V）",
        "position 1": "第1位登记管理部门代码无效",
        "positions 3–8": "第3–8位应为6位行政区划代码",
        "check character": "校验码不正确",
    }
    zh = next(v for k, v in zh_reason.items() if reason.startswith(k))
    return Problem(field, "credit_code", f"统一社会信用代码 {code} {zh}", f"Unified social credit code {code} {reason}")


def check_email(field: str, value: str) -> Problem | None:
    if _EMAIL.match(value):
        return None
    return Problem(field, "email", f"电子邮箱格式不正确：{value}", f"Not a valid e-mail address: {value}")


def check_phone(field: str, value: str) -> Problem | None:
    if _PHONE.match(value.strip()):
        return None
    return Problem(
        field,
        "phone",
        f"电话号码格式不正确：{value}（手机11位，座机如027-87654321）",
        f"Not a valid phone number: {value} (mobile 11 digits, landline like 027-87654321)",
    )


def check_url(field: str, value: str) -> Problem | None:
    if _URL.match(value):
        return None
    return Problem(
        field,
        "url",
        f"网址应以 http:// 或 https:// 开头：{value}",
        f"Website must start with http:// or https://: {value}",
    )


def check_not_negative(field: str, value: float | int, label_zh: str, label_en: str) -> Problem | None:
    if value >= 0:
        return None
    return Problem(field, "negative", f"{label_zh}不能为负数：{value}", f"{label_en} cannot be negative: {value}")


def check_date_range(
    start_field: str, start: date | None, end_field: str, end: date | None, labels: dict[str, tuple[str, str]]
) -> Problem | None:
    if start is None or end is None or end >= start:
        return None
    s_zh, s_en = labels[start_field]
    e_zh, e_en = labels[end_field]
    return Problem(
        end_field,
        "date_range",
        f"{e_zh}（{end}）不能早于{s_zh}（{start}）",
        f"{e_en} ({end}) cannot be before {s_en.lower()} ({start})",
    )


# Checks a column can name in its info["check"].
FIELD_CHECKS = {
    "credit_code": check_credit_code,
    "email": check_email,
    "phone": check_phone,
    "url": check_url,
}
