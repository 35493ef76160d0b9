"""How a field value reads in a table cell or a summary: labels in the window's language, names for member ids."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from alliance_app.models import Domain, FieldSpec, Labelled, kind_label
from alliance_app.ui.directory import MemberNames
from alliance_app.ui.language import window_language


def number_text(value: float, lang: str) -> str:
    """Whole numbers without decimals; others with two, so a column of amounts lines up on the point."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}"


def show(spec: FieldSpec, value: Any, lang: str, members: MemberNames) -> str:
    """The text of one field value: enum and domain labels, member names, yes/no, ISO dates."""
    if value is None or value == "" or value == []:
        return ""
    if spec.ref == "member":
        return members.name(value)
    if isinstance(value, Labelled):
        return value.label(lang)
    if spec.type == "enum" and spec.enum is not None:
        return spec.enum(value).label(lang)
    if spec.type == "domains":
        sep = "、" if lang == "zh" else ", "
        return sep.join(Domain(code).label(lang) for code in value)
    if spec.type == "bool":
        return QCoreApplication.translate("Display", "Yes") if value else QCoreApplication.translate("Display", "No")
    if isinstance(value, datetime):  # stored as naive UTC; people read their own clock
        return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if spec.type in ("number", "integer"):
        return number_text(float(value), lang)
    return str(value)


def kind_name(kind: str) -> str:
    """A record kind's name in the window's language, as its record class declares it."""
    return kind_label(kind, window_language())


def record_title(kind: str, record: dict[str, Any], lang: str, members: MemberNames) -> str:
    """The human label of one record: its title column, or its member's name for link records."""
    from alliance_app.models import RECORDS_BY_KIND, specs_by_name

    column = RECORDS_BY_KIND[kind].title_column
    spec = specs_by_name(kind).get(column)
    value = record.get(column)
    if spec is None:
        return str(value or "")
    return show(spec, value, lang, members) or str(record.get("id", ""))
