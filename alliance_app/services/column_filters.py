"""Filters on any column a list shows: a text column containing some text, a date or number column within a range.

"Ongoing 智能制造 projects in 武汉 started in 2024 with more than 500 万元" is the status and domain chips, the city
chip, and two of these. Values are read by each field's own conversion (a date typed 2024/3/1, an amount typed
1.2亿 in a 万元 column), so a filter means what the same text means in a form; what cannot be read is refused in
both languages, never answered with an empty list. Personal fields (contacts' phone and e-mail) are not
filterable: a filter would tell who may not see them what they hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select

from alliance_app.models import Member, Problem, ValidationError, coerce, record_type, specs_by_name
from alliance_app.models.fields import FieldSpec
from alliance_app.models.validation import text_problem

RANGE_TYPES = frozenset({"date", "datetime", "number", "integer"})
TEXT_TYPES = frozenset({"text", "long_text"})
MAX_TEXT = 400  # as long as a search (services/queries.MAX_SEARCH)


@dataclass(frozen=True)
class Between:
    """A date or number column from `low` to `high`, both included; either end may be left open (None)."""

    low: Any = None
    high: Any = None


@dataclass(frozen=True)
class Contains:
    """A text column containing `text` (a member column: the member's Chinese, English or short name)."""

    text: str


ColumnFilter = Between | Contains


def _refused(spec: FieldSpec | None, code: str, zh: str, en: str) -> ValidationError:
    return ValidationError([Problem(spec.name if spec else None, code, zh, en)])


def filterable(kind: str, name: str) -> str | None:
    """How column `name` of `kind` can be filtered — "range", "text" — or None (chips cover enums; personal
    fields are never filtered)."""
    spec = specs_by_name(kind).get(name)
    if spec is None or spec.personal:
        return None
    if spec.type in RANGE_TYPES:
        return "range"
    if spec.type in TEXT_TYPES or spec.ref == "member":
        return "text"
    return None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _end(spec: FieldSpec, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and text_problem(value):
        raise _refused(
            spec, "bad_text", f"{spec.zh}的筛选值含有无法读取的字符", f"The {spec.en} filter has unreadable characters"
        )
    return coerce(spec, value) if isinstance(value, str) else value


def clause(kind: str, name: str, wanted: ColumnFilter) -> Any:
    """The WHERE clause of one column filter, or a ValidationError saying why it cannot be."""
    spec = specs_by_name(kind).get(name)
    how = filterable(kind, name)
    if spec is None or how is None:
        label = (spec.zh, spec.en) if spec else (name, name)
        raise _refused(spec, "not_filterable", f"不能按“{label[0]}”筛选", f"The list cannot be filtered by {label[1]}")
    column = getattr(record_type(kind), name)
    if isinstance(wanted, Between):
        if how != "range":
            raise _refused(spec, "not_a_range", f"“{spec.zh}”不是日期或数字", f"{spec.en} is not a date or a number")
        low, high = _end(spec, wanted.low), _end(spec, wanted.high)
        if low is not None and high is not None and low > high:
            raise _refused(
                spec, "range_reversed", f"{spec.zh}的起点晚于（大于）终点", f"The {spec.en} range ends before it starts"
            )
        parts = [column.is_not(None)]
        parts += [column >= low] if low is not None else []
        parts += [column <= high] if high is not None else []
        return and_(*parts)
    text = wanted.text.strip()
    if how != "text":
        raise _refused(spec, "not_text", f"“{spec.zh}”不是文字", f"{spec.en} is not text")
    if len(text) > MAX_TEXT or text_problem(text):
        raise _refused(
            spec,
            "bad_text",
            f"{spec.zh}的筛选文字最多 {MAX_TEXT} 个可读字符",
            f"The {spec.en} filter is at most {MAX_TEXT} readable characters",
        )
    pattern = f"%{_escape_like(text)}%"
    if spec.ref == "member":
        named = select(Member.id).where(
            or_(*(getattr(Member, n).like(pattern, escape="\\") for n in ("name_zh", "name_en", "short_name")))
        )
        return column.in_(named)
    return column.like(pattern, escape="\\")
