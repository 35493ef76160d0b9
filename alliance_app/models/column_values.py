"""A column's value in its three forms, each step derived once from the column's mapped type: as the wire
carries it (JSON: ISO dates, enum codes), as Python holds it, and as the database driver takes it (the type's
own bind processor for the dialect, so nothing re-implements SQLAlchemy's encoding).

Bulk writers (a replica's first pull of 100,000 records, the server's demo load) hand rows to the driver
directly; these converters make those rows exactly what an ORM insert would have written. They are built when
the module is imported, so a column of a type the wire cannot carry fails there, not during a sync.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Enum, Float, Integer, String
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import Column, Table
from sqlalchemy.sql import ColumnElement

Convert = Callable[[Any], Any]


def AS_IS(value: Any) -> Any:
    """The converter of a column whose wire value is what the driver takes (callers may skip calling it)."""
    return value


def _wire_datetime(value: Any) -> datetime | None:
    """ISO text ("…Z" or an offset from the server, naive from a desktop) → the naive UTC every table keeps."""
    if value is None or (isinstance(value, datetime) and value.tzinfo is None):
        return value
    if isinstance(value, str) and value[-1:] == "Z":  # the server's form: UTC already, no zone arithmetic
        return datetime.fromisoformat(value[:-1])
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def _wire_date(value: Any) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


def _reader(column_type: Any) -> Convert:
    """Wire JSON → Python, by the column's type (the most specific first: Enum is a String, DateTime no Date)."""
    if isinstance(column_type, Enum):
        enum_class = column_type.enum_class
        if enum_class is None or not issubclass(enum_class, enum.Enum):
            raise TypeError(f"an Enum column without its Python enum cannot be read from the wire: {column_type}")
        return lambda value: None if value is None else enum_class(value)
    if isinstance(column_type, DateTime):
        return _wire_datetime
    if isinstance(column_type, Date):
        return _wire_date
    if isinstance(column_type, Boolean):
        return lambda value: None if value is None else bool(value)
    if isinstance(column_type, Integer | Float | String | JSON):  # JSON carries them as they are
        return AS_IS
    raise TypeError(f"no wire form for the column type {column_type!r}: declare one in models/column_values.py")


def from_wire_reader(column: Column[Any]) -> Convert:
    """Wire value → Python value of one column. An absent value of a column that may not be empty and declares
    a default (a member's domains, a flag) takes that default, as an ORM insert leaving it out would."""
    return _defaulted(column, _reader(column.type))


def _defaulted(column: Column[Any], read: Convert) -> Convert:
    default = column.default
    if column.nullable or default is None or not (default.is_scalar or default.is_callable):
        return read
    declared: Any = default  # a scalar or callable default: both keep the declared value in `arg`
    if default.is_callable:
        make = declared.arg
        return lambda value: make(None) if value is None else read(value)
    fixed = declared.arg
    return lambda value: fixed if value is None else read(value)


def driver_writer(column: ColumnElement[Any], dialect: Dialect) -> Convert:
    """Python value → what the dialect's driver is given for this column: the type's own bind processor."""
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    return processor if processor is not None else AS_IS


def wire_to_driver(column: Column[Any], dialect: Dialect) -> Convert:
    write = driver_writer(column, dialect)
    if isinstance(column.type, Enum):
        # The enum's processor takes the wire's code itself: no enum object. A code it does not list is a value
        # this column cannot hold, a ValueError like any other (SQLAlchemy says LookupError).
        write = _refusing_unknown_codes(write)
        read = _defaulted(column, AS_IS)
    else:
        read = from_wire_reader(column)
    if write is AS_IS:
        return read
    convert = lambda value: write(read(value))  # noqa: E731 - composed once per column
    if isinstance(column.type, Date | DateTime):
        # Days and times repeat within a pull (one day's records, one page's stamps): each text converted once.
        cached = lru_cache(maxsize=4096)(convert)
        return lambda value: cached(value) if isinstance(value, str) else convert(value)
    return convert


def _refusing_unknown_codes(write: Convert) -> Convert:
    def checked(value: Any) -> Any:
        try:
            return write(value)
        except LookupError as error:
            raise ValueError(str(error)) from None

    return checked


def table_wire_to_driver(table: Table, dialect: Dialect) -> list[tuple[str, Convert]]:
    """For every column of `table`, in table order: its name and wire value → driver value."""
    return [(column.key, wire_to_driver(column, dialect)) for column in table.columns]
