"""How the record tables declare their columns: the limits, the labels in both languages, enum storage and
live-only uniqueness. models/records.py uses these; models/fields.py reads what they put in each column's info."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, text

from alliance_app.models.enums import Labelled

# Limits declared once, here; every path (form, import, CLI, push, conflict resolve) checks them through
# models.coercion.check_record and says them in the same words. A String column's limit is its length.
LONG_TEXT = 4000  # characters of a description or a purpose
NOTES_TEXT = 10_000  # characters of an event's notes taken on site
COUNT_MAX = 1_000_000  # patents, papers, standards
EMPLOYEES_MAX = 10_000_000
WAN_YUAN_MAX = 100_000_000  # amounts in 万元: up to 1 万亿元
YI_YUAN_MAX = 100_000  # amounts in 亿元: up to 10 万亿元
QUANTITY_MAX = 1_000_000_000_000  # capacities and requested quantities, in their own units
# Numbers without a limit of their own: what every database stores exactly (PostgreSQL's integer).
INTEGER_MAX = 2**31 - 1
NUMBER_MAX = 1e15
# Characters of one narrative section of the annual report, per language (below the wire's text bound).
NARRATIVE_TEXT = 15_000


def label(zh: str, en: str, **extra: Any) -> dict[str, Any]:
    """Column info: the field's names in both languages and optional rules (check, unit, city, personal, domains,
    max_length for long text, maximum for numbers)."""
    return {"zh": zh, "en": en, **extra}


def enum_type(enum_cls: type[Labelled]) -> Enum:
    """Stores the stable code (not the Python name) with a CHECK constraint listing the allowed codes."""
    return Enum(
        enum_cls,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        create_constraint=True,
        length=32,
        name=enum_cls.__name__.lower(),
        validate_strings=True,
    )


def member_fk() -> ForeignKey:
    return ForeignKey("members.id", ondelete="RESTRICT")


def live_unique(name: str, *columns: str) -> Index:
    """Unique among records that are not tombstones, so a deleted record never blocks a new one."""
    return Index(
        name, *columns, unique=True, sqlite_where=text("deleted = 0"), postgresql_where=text("deleted = false")
    )
