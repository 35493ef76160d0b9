"""Typed, imported or wire text into a field's value, with the conversion made on the way, and a record's rules
checked: what forms, the CLI, imports, the desktop's services and the server all run on a value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from alliance_app.models.enums import MEMBER_STATUS_MOVES, Domain, MemberStatus
from alliance_app.models.fields import FieldSpec, field_specs, specs_by_name
from alliance_app.models.readings import (
    Noted,
    Unreadable,
    choice_hint,
    read_amount,
    read_choice,
    read_city,
    read_date,
    read_phone,
)
from alliance_app.models.records import RECORDS_BY_KIND
from alliance_app.models.spacing import read_line
from alliance_app.models.validation import (
    FIELD_CHECKS,
    Problem,
    ValidationError,
    check_at_most,
    check_date_range,
    check_not_negative,
    check_text,
)
from alliance_app.text_rules import all_storable

_TRUE = {"1", "true", "yes", "y", "是", "对", "√", "✓", "t"}
_FALSE = {"0", "false", "no", "n", "否", "不", "×", "f", ""}
_LIST_SEPARATORS = ("；", ";", "、", "，", ",", "|", "\n")


def _bad(spec: FieldSpec, raw: Any, zh_hint: str, en_hint: str) -> Problem:
    return Problem(spec.name, "type", f"{spec.zh}：“{raw}”{zh_hint}", f"{spec.en}: “{raw}” {en_hint}")


@dataclass(frozen=True)
class Conversion:
    """A value stored in another form than typed (a year and month as the first of the month, an amount in the
    column's unit, a city's canonical name): forms, the CLI and the import preview show every one."""

    field: str
    code: str  # year_month, serial, unit, phone, city, same_meaning
    raw: str
    value: Any
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


def coerce_noted(spec: FieldSpec, raw: Any) -> tuple[Any, Conversion | None]:
    """Turns a typed, imported or wire value into the field's Python value, with the conversion made on the way
    (None when the value is stored as typed); raises ValidationError with the reason."""
    if raw is None or (isinstance(raw, str) and raw.strip() == "" and spec.type != "bool"):
        return ([] if spec.type == "domains" else None), None
    if _ALREADY.get(spec.type) is type(raw) or (spec.enum is not None and isinstance(raw, spec.enum)):
        return raw, None  # already the field's value (the services re-check what a form or an import read)
    try:
        value = _COERCERS[spec.type](spec, raw)
    except Unreadable as unreadable:
        raise ValidationError([_bad(spec, raw, unreadable.zh, unreadable.en)]) from None
    except (ValueError, TypeError, KeyError, OverflowError):
        zh, en = _HINTS[spec.type](spec, raw)
        raise ValidationError([_bad(spec, raw, zh, en)]) from None
    if isinstance(value, Noted):
        zh, en = f"{spec.zh}：{value.zh}", f"{spec.en}: {value.en}"
        return value.value, Conversion(spec.name, value.code, str(raw), value.value, zh, en)
    return value, None


def coerce(spec: FieldSpec, raw: Any) -> Any:
    """Turns a typed, imported or wire value into the field's Python value; raises ValidationError."""
    return coerce_noted(spec, raw)[0]


def _text(spec: FieldSpec, raw: Any) -> Any:
    if spec.type == "long_text":
        return str(raw).strip()
    line = read_line(str(raw))  # one rule for the spacing of every one-line text (models/spacing.py)
    text = str(line.value) if isinstance(line, Noted) else line
    if not (spec.city or spec.check == "phone"):
        return line
    read = read_city(text) if spec.city else read_phone(text)
    return line if isinstance(line, Noted) and not isinstance(read, Noted) else read  # the note that says most


def _enum(spec: FieldSpec, raw: Any) -> Any:
    assert spec.enum is not None
    return raw if isinstance(raw, spec.enum) else read_choice(spec.enum, str(raw))


def _date(spec: FieldSpec, raw: Any) -> Any:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    return read_date(str(raw))


def _datetime(spec: FieldSpec, raw: Any) -> datetime:
    if isinstance(raw, datetime):
        return raw.replace(tzinfo=None) if raw.tzinfo is None else raw.astimezone(tz=None).replace(tzinfo=None)
    return datetime.fromisoformat(str(raw).strip())


def _number(spec: FieldSpec, raw: Any) -> Any:
    if isinstance(raw, bool):
        raise TypeError
    if isinstance(raw, str):
        return read_amount(raw, spec.unit)
    value = float(raw)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError
    return value


def _integer(spec: FieldSpec, raw: Any) -> int:
    value = _number(spec, raw)
    if isinstance(value, Noted):
        raise ValueError
    if value != int(value):
        raise ValueError
    return int(value)


def _bool(spec: FieldSpec, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError


def _domains(spec: FieldSpec, raw: Any) -> list[str]:
    if isinstance(raw, str):
        parts = [raw]
        for sep in _LIST_SEPARATORS:
            parts = [p for chunk in parts for p in chunk.split(sep)]
    else:
        parts = list(raw)
    codes = set()
    for part in parts:
        if str(part).strip():
            try:
                codes.add(Domain.from_text(str(part)).value)
            except ValueError:
                zh, en = choice_hint(Domain, str(part).strip())
                raise Unreadable(f"中的“{str(part).strip()}”{zh}", f"names “{str(part).strip()}”, which {en}") from None
    return sorted(codes)


# The Python types that are already a field's value, so nothing needs reading (not float for numbers: NaN).
_ALREADY: dict[str, type] = {"date": date, "bool": bool, "integer": int}

_COERCERS = {
    "text": _text,
    "long_text": _text,
    "enum": _enum,
    "date": _date,
    "datetime": _datetime,
    "number": _number,
    "integer": _integer,
    "bool": _bool,
    "domains": _domains,
}


def _enum_hint(spec: FieldSpec, raw: Any) -> tuple[str, str]:
    assert spec.enum is not None
    return choice_hint(spec.enum, str(raw))


_HINTS = {
    "text": lambda s, r: ("不是文本", "is not text"),
    "long_text": lambda s, r: ("不是文本", "is not text"),
    "enum": _enum_hint,
    "date": lambda s, r: (
        "不是日期（如 2026-03-31，或年月如 2026-03）",
        "is not a date (like 2026-03-31, or a year and month like 2026-03)",
    ),
    "datetime": lambda s, r: ("不是时间（如 2026-03-31T09:30）", "is not a time (like 2026-03-31T09:30)"),
    "number": lambda s, r: ("不是数字", "is not a number"),
    "integer": lambda s, r: ("不是整数", "is not a whole number"),
    "bool": lambda s, r: ("应为 是/否", "should be yes or no"),
    "domains": lambda s, r: (
        "含有未知领域（可选：" + "、".join(d.zh for d in Domain) + "）",
        "names an unknown domain (choices: " + ", ".join(d.en for d in Domain) + ")",
    ),
}


def coerce_values(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Coerces every given field, collecting all problems (unknown fields included) before raising."""
    values, problems = coerce_collecting(kind, raw)
    if problems:
        raise ValidationError(problems)
    return values


def coerce_collecting(kind: str, raw: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The fields that coerce cleanly, and the problems of those that do not (so later rules can still run)."""
    values, problems, _conversions = coerce_noting(kind, raw)
    return values, problems


def coerce_noting(kind: str, raw: dict[str, Any]) -> tuple[dict[str, Any], list[Problem], list[Conversion]]:
    """Like coerce_collecting, with every conversion made (what a form, the CLI and an import preview show)."""
    specs = specs_by_name(kind)
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    conversions: list[Conversion] = []
    for name, value in raw.items():
        spec = specs.get(name)
        if spec is None:
            problems.append(Problem(name, "unknown_field", f"{kind} 没有字段 {name}", f"{kind} has no field {name}"))
            continue
        try:
            values[name], note = coerce_noted(spec, value)
        except ValidationError as error:
            problems.extend(error.problems)
            continue
        if note is not None:
            conversions.append(note)
    return values, problems, conversions


@cache
def _labels(kind: str) -> dict[str, tuple[str, str]]:
    return {s.name: (s.zh, s.en) for s in field_specs(kind)}


def check_record(kind: str, values: dict[str, Any], *, old_status: MemberStatus | None = None) -> list[Problem]:
    """Every rule of the record over its full (coerced) values: required, lengths, checks, ranges, life cycle."""
    problems: list[Problem] = []
    specs = field_specs(kind)
    texts_fine = all_storable([v for v in values.values() if isinstance(v, str)])  # else each text is asked
    for spec in specs:
        value = values.get(spec.name)
        if value is None or value == "":
            if spec.required:
                problems.append(Problem(spec.name, "required", f"请填写{spec.zh}", f"{spec.en} is required"))
            continue
        if not texts_fine and isinstance(value, str):
            problem = check_text(spec.name, value, spec.zh, spec.en)
            if problem:
                problems.append(problem)
                continue
        if spec.max_length and isinstance(value, str) and len(value) > spec.max_length:
            problems.append(
                Problem(
                    spec.name,
                    "too_long",
                    f"{spec.zh}最多 {spec.max_length} 个字符（现有 {len(value)} 个）",
                    f"{spec.en} is at most {spec.max_length} characters (has {len(value)})",
                )
            )
        if spec.check and isinstance(value, str):
            problem = FIELD_CHECKS[spec.check](spec.name, value)
            if problem:
                problems.append(problem)
        if spec.type in ("number", "integer") and isinstance(value, int | float) and not isinstance(value, bool):
            problem = check_not_negative(spec.name, value, spec.zh, spec.en)
            if problem is None and spec.maximum is not None:
                problem = check_at_most(spec.name, value, spec.maximum, spec.zh, spec.en)
            if problem:
                problems.append(problem)
    labels = _labels(kind)
    for start, end in getattr(RECORDS_BY_KIND[kind], "date_ranges", ()):
        problem = check_date_range(start, values.get(start), end, values.get(end), labels)
        if problem:
            problems.append(problem)
    if "year" in labels and values.get("year") is not None and not 2000 <= values["year"] <= 2100:
        problems.append(Problem("year", "year_range", "年度应在 2000–2100 之间", "Year must be between 2000 and 2100"))
    if kind == "member" and old_status is not None:
        new_status = values.get("status")
        if new_status is not None and new_status != old_status and new_status not in MEMBER_STATUS_MOVES[old_status]:
            problems.append(
                Problem(
                    "status",
                    "status_move",
                    f"成员状态不能从“{old_status.zh}”改为“{MemberStatus(new_status).zh}”",
                    f"Membership cannot go from {old_status.en} to {MemberStatus(new_status).en}",
                )
            )
    return problems


def from_wire(kind: str, name: str, value: Any) -> Any:
    """The inverse of to_wire for one field of a kind (sync columns pass through)."""
    spec = specs_by_name(kind).get(name)
    if spec is None:
        if name == "updated_at" and isinstance(value, str):
            return datetime.fromisoformat(value)
        return value
    return coerce(spec, value)
