"""The models' reading rules over an import's rows, each distinct text of a field read once per import.

A roster's columns repeat a few kinds, cities, statuses and dates thousands of times, and a reading is a function
of the field and the text alone (`models.coerce_noting`: the value, its problems, the conversion made). So the
answer for a text already read is the answer again: the same rule, asked once.
"""

from __future__ import annotations

from typing import Any

from alliance_app.models import Conversion, Problem, coerce_noting

Reading = tuple[dict[str, Any], list[Problem], list[Conversion]]


class ReadOnce:
    def __init__(self, kind: str):
        self.kind = kind
        self.known: dict[tuple[str, str], Reading] = {}

    def coerce(self, raw: dict[str, Any]) -> Reading:
        """What `coerce_noting(kind, raw)` answers; a list value is the row's own copy."""
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        conversions: list[Conversion] = []
        for name, text in raw.items():
            key = (name, text) if type(text) is str else None  # member ids, partner lists: read as they come
            reading = self.known.get(key) if key is not None else None
            if reading is None:
                reading = coerce_noting(self.kind, {name: text})
                if key is not None:
                    self.known[key] = reading
            value, bad, notes = reading
            if value:
                values[name] = list(value[name]) if type(value[name]) is list else value[name]
            problems += bad
            conversions += notes
        return values, problems, conversions
