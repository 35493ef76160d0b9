"""Every field of the report's figures has an independent SQL mirror, and the two agree on the demo and the
hand-made alliance, at the year boundaries (a report made mid-year, on 31 December, on 1 January)."""

from __future__ import annotations

import dataclasses
import sqlite3
import types
import typing
from datetime import date
from typing import Any

import pytest

from alliance_app.reports import figures as figures_module
from alliance_app.reports.compute import compute_figures
from alliance_app.reports.figures import AllianceFigures
from alliance_app.store.engine import Store
from tests.reports.conftest import TODAY
from tests.reports.mirror import mirror

# Fields with no count behind them: the clock's reading, and the target's fixed goal (targets.py).
NOT_COUNTED = {"computed_at": "the time the figures were computed", "targets.target": "the fixed 5-year goal"}


@pytest.fixture(scope="module", params=["fixture", "demo"])
def source(request: pytest.FixtureRequest) -> str:
    return request.param


def field_paths(cls: type, prefix: str = "") -> list[str]:
    """Every field of the figures, dotted, down to the counts: a nested figures object is entered, a list of
    lines (directory, major projects) or a dict of counts is one field."""
    paths = []
    hints = typing.get_type_hints(cls, vars(figures_module))
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        inner = [a for a in typing.get_args(hint) if a is not type(None)] if isinstance(hint, types.UnionType) else []
        target = inner[0] if len(inner) == 1 else hint
        if dataclasses.is_dataclass(target) and f.name != "targets":
            paths += field_paths(target, f"{prefix}{f.name}.")  # type: ignore[arg-type]
        elif typing.get_origin(target) is tuple and f.name == "targets":
            paths += [f"{prefix}targets.target", f"{prefix}targets.actual"]
        else:
            paths.append(prefix + f.name)
    return paths


def lookup(data: Any, path: str) -> Any:
    for part in path.split("."):
        if data is None:
            return None
        if isinstance(data, list):
            return [lookup(item, part) for item in data]
        if part not in data:
            raise KeyError(path)
        data = data[part]
    return data


def test_every_field_of_the_figures_has_a_mirror(alliance_store: Store, sql: sqlite3.Connection) -> None:
    expected = mirror(sql, 2026, TODAY)
    missing = []
    for path in field_paths(AllianceFigures):
        if path in NOT_COUNTED:
            continue
        try:
            lookup(expected, path)
        except KeyError:
            missing.append(path)
    assert missing == [], f"figures with no SQL mirror: {missing}"
    assert len(field_paths(AllianceFigures)) > 90  # the walk reached the counts, not only the top level


def same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, float) or isinstance(actual, float):
        return actual == pytest.approx(expected, rel=1e-9, abs=1e-6)
    if isinstance(expected, dict) and isinstance(actual, dict):
        return actual.keys() == expected.keys() and all(same(actual[k], expected[k]) for k in expected)
    if isinstance(expected, list) and isinstance(actual, list | tuple):
        return len(actual) == len(expected) and all(same(a, e) for a, e in zip(actual, expected, strict=True))
    return actual == expected


def assert_agree(figures: AllianceFigures, expected: dict[str, Any]) -> None:
    data = dataclasses.asdict(figures)
    data["targets"] = [{"code": t.target.code, "actual": t.actual} for t in figures.targets]
    wrong = []
    for path in field_paths(AllianceFigures):
        if path in NOT_COUNTED:
            continue
        actual, wanted = lookup(data, path), lookup(expected, path)
        if not same(actual, wanted):
            wrong.append((path, actual, wanted))
    assert wrong == []


# (report year, the day it is made): a year over; mid-year; the last day; the first day of the next year; the
# year before (its own roll and annual figures); the first year of the alliance (no year before).
DAYS = [
    (2026, TODAY),
    (2026, date(2026, 6, 30)),
    (2026, date(2026, 12, 31)),
    (2026, date(2027, 1, 1)),
    (2025, TODAY),
    (2024, date(2024, 7, 1)),
]


@pytest.mark.parametrize(("year", "today"), DAYS, ids=[f"{y}@{d}" for y, d in DAYS])
def test_the_figures_equal_their_sql_mirror(
    alliance_store: Store, sql: sqlite3.Connection, year: int, today: date
) -> None:
    assert_agree(compute_figures(alliance_store, year, today), mirror(sql, year, today))


def test_the_demo_alliance_s_first_year_has_no_year_before(alliance_store: Store, sql: sqlite3.Connection) -> None:
    founded = int(mirror(sql, 2026, TODAY)["founded_on"][:4])
    first = compute_figures(alliance_store, founded, TODAY)
    assert first.previous is None and first.previous_annual is None
    assert_agree(first, mirror(sql, founded, TODAY))
