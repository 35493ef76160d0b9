"""Field specs derived from the tables (one per editable column: type, labels, limits, default, reference),
link ids, and a value's wire form. Reading typed text into a value and checking a record: models/coercion.py."""

from __future__ import annotations

import builtins
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any, cast

import uuid_utils
from sqlalchemy import JSON, Boolean, Date, DateTime, Enum, Float, Integer, String, Text

from alliance_app.models.base import SYNC_COLUMNS, SyncedRecord
from alliance_app.models.columns import INTEGER_MAX, NUMBER_MAX
from alliance_app.models.enums import Domain, Labelled
from alliance_app.models.records import RECORDS_BY_KIND
from alliance_app.models.validation import Problem, ValidationError

_LINK_NAMESPACE = uuid.UUID("5f0c3c55-4b8e-4a57-9d0c-0a11a9ce0de5")
_LINK_NAMESPACE_FAST = uuid_utils.UUID(str(_LINK_NAMESPACE))  # the same namespace, as uuid-utils takes it


@dataclass(frozen=True)
class FieldSpec:
    """One editable field of a record kind, as the tables declare it."""

    name: str
    zh: str
    en: str
    type: str  # text, long_text, enum, date, datetime, number, integer, bool, domains
    required: bool
    enum: builtins.type[Labelled] | None = None
    max_length: int | None = None
    maximum: float | None = None  # numbers: the largest value taken (the smallest is 0)
    check: str | None = None
    ref: str | None = None  # the record kind this field points at
    personal: bool = False  # personal data: seen only by the owning member and the secretariat
    derived: bool = False  # filled by the services, never typed by a user
    unit: str | None = None  # an amount's unit (万元, 亿元): amounts typed in other units are converted into it
    city: bool = False  # a city: Hubei's divisions are kept in their canonical name (models/cities.py)
    # The column's declared default (a value, or a callable making a fresh one): what a create that leaves the
    # field out stores, and what an empty import cell of a field that cannot be empty keeps.
    has_default: bool = False
    default: Any = None
    nullable: bool = True  # the field may be stored empty (a field that may not and has a default is not required)

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def default_value(self) -> Any:
        """The value a new record takes when the field is not given (a fresh list for domains)."""
        if not self.has_default:
            return [] if self.type == "domains" else None
        return self.default() if callable(self.default) else self.default


def _type_of(column: Any) -> tuple[str, type[Labelled] | None]:
    t = column.type
    if column.info.get("domains"):
        return "domains", Domain
    if isinstance(t, Enum):
        return "enum", cast(type[Labelled], t.enum_class)
    if isinstance(t, Boolean):
        return "bool", None
    if isinstance(t, DateTime):
        return "datetime", None
    if isinstance(t, Date):
        return "date", None
    if isinstance(t, Integer):
        return "integer", None
    if isinstance(t, Float):
        return "number", None
    if isinstance(t, Text):
        return "long_text", None
    if isinstance(t, String | JSON):
        return "text", None
    raise TypeError(f"no field type for column {column}")


def _max_length(column: Any, ftype: str) -> int | None:
    if ftype == "text":
        return getattr(column.type, "length", None)
    if ftype == "long_text":
        return int(column.info["max_length"])  # every long text declares its limit (models/records.py)
    return None


def _maximum(column: Any, ftype: str) -> float | None:
    if ftype == "integer":
        return column.info.get("maximum", INTEGER_MAX)
    if ftype == "number":
        return column.info.get("maximum", NUMBER_MAX)
    return None


def _declared_default(column: Any) -> Any:
    """The column's default: a value, or a callable making a fresh one (SQLAlchemy wraps ours to take a context)."""
    default = column.default
    if default is None or not default.is_callable:
        return None if default is None else default.arg
    make = default.arg
    return lambda: make(None)


@cache
def field_specs(kind: str) -> tuple[FieldSpec, ...]:
    """The editable fields of a record kind, in table order (sync columns left out)."""
    table = RECORDS_BY_KIND[kind].__table__  # type: ignore[attr-defined]
    specs = []
    for column in table.columns:
        if column.key in SYNC_COLUMNS:
            continue
        ftype, enum_cls = _type_of(column)
        has_default = column.default is not None
        specs.append(
            FieldSpec(
                name=column.key,
                zh=column.info["zh"],
                en=column.info["en"],
                type=ftype,
                required=not column.nullable and not has_default,
                enum=enum_cls,
                max_length=_max_length(column, ftype),
                maximum=_maximum(column, ftype),
                check=column.info.get("check"),
                ref=column.info.get("ref"),
                personal=bool(column.info.get("personal")),
                derived=bool(column.info.get("derived")),
                unit=column.info.get("unit"),
                city=bool(column.info.get("city")),
                has_default=has_default,
                nullable=bool(column.nullable),
                default=_declared_default(column),
            )
        )
    return tuple(specs)


@cache
def specs_by_name(kind: str) -> dict[str, FieldSpec]:
    return {s.name: s for s in field_specs(kind)}


def record_type(kind: str) -> type[SyncedRecord]:
    try:
        return RECORDS_BY_KIND[kind]
    except KeyError:
        raise ValidationError(
            [Problem(None, "unknown_kind", f"没有这种记录类型：{kind}", f"No such record kind: {kind}")]
        ) from None


def link_id(kind: str, values: dict[str, Any]) -> str | None:
    """The derived id of a link record (same link → same id on every desktop), or None for other kinds: the UUIDv5
    of "kind:end:end…", each end as text, stripped and casefolded (tests/models/test_ids.py)."""
    columns = RECORDS_BY_KIND[kind].link_columns
    if not columns:
        return None
    parts = [kind]
    for column in columns:  # a plain loop: a link's id is derived twice per link an import plans
        value = values.get(column)
        if value is None or value == "":
            return None
        parts.append(str(value).strip().casefold())
    return name_based_id(":".join(parts))


@lru_cache(maxsize=16384)
def name_based_id(key: str) -> str:
    """uuid.uuid5(_LINK_NAMESPACE, key) as text, by uuid-utils (an import derives thousands of link ids; the
    standard library's is ten times slower; tests/models/test_ids.py holds the two equal). Kept for the next
    asking: a link's plan derives its id again to check it (write_plan.LINK_FIXED)."""
    return str(uuid_utils.uuid5(_LINK_NAMESPACE_FAST, key))


# Values already as JSON carries them (a choice's code is a StrEnum, so not `str` itself): most values of a record,
# answered by one set lookup, since every write of every record passes each of its values through here.
WIRE_AS_IS = frozenset({str, int, float, bool, type(None), list})


def to_wire(value: Any) -> Any:
    """A field value as JSON: dates as ISO text, codes for enums; what outbox entries and the wire carry."""
    if type(value) in WIRE_AS_IS:
        return value
    if isinstance(value, Labelled):
        return value._value_  # the code (what `.value` answers, without the enum's property lookup)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def same_on_the_wire(a: Any, b: Any) -> bool:
    """Equal as the wire carries them: whether a write changes a field. The one equality every write path (desk,
    server push, conflict resolve) uses; the import's preview compares as a user reads (`same_to_the_user`)."""
    if type(a) in WIRE_AS_IS and type(b) in WIRE_AS_IS:  # most values: to_wire gives them back as they are
        return bool(a == b)
    return bool(to_wire(a) == to_wire(b))
