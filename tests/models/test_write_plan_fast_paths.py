"""The write plan's shortcuts answer exactly what the rules they stand for answer (an import asks them 10,000 times):
the changed fields of a create as `same_on_the_wire` decides them, and each kind's defaults as the fields declare."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from alliance_app.models import RECORDS_BY_KIND, Domain, LabStatus, ProjectStatus, field_specs
from alliance_app.models.fields import same_on_the_wire
from alliance_app.models.integrity import defaults
from alliance_app.models.validation import Problem
from alliance_app.models.write_ops import WriteOp
from alliance_app.models.write_plan import WritePlan, _changed_by

# Values of every type a field holds, with equal ones of different types (1, 1.0, True; an enum and its code).
_VALUES = st.one_of(
    st.none(),
    st.sampled_from(["", "a", "smart_city", "ongoing", "2024-03-01", 1, 1.0, True, False, 0, 0.0]),
    st.sampled_from([Domain.SMART_CITY, ProjectStatus.ONGOING, date(2024, 3, 1), datetime(2024, 3, 1)]),
    st.text(max_size=3),
    st.integers(),
    st.floats(allow_nan=False),
    st.lists(st.sampled_from(["smart_city", "beidou"]), max_size=2),
)


@given(st.dictionaries(st.sampled_from("abcdef"), st.tuples(_VALUES, _VALUES), max_size=6))
@example({"a": (date(2024, 3, 1), "2024-03-01")})  # the same on the wire, not equal in Python
@example({"a": (datetime(2024, 3, 1), "2024-03-01T00:00:00"), "b": (Domain.SMART_CITY, "smart_city")})
@example({"a": (1, True), "b": (0.0, 0), "c": ([], None)})
@example(
    {"a": (Domain.SMART_CITY, None), "b": (date(2024, 3, 1), None), "c": (ProjectStatus.ONGOING, Domain.SMART_CITY)}
)
@example({"a": (ProjectStatus.ONGOING, ProjectStatus.ONGOING), "b": (datetime(2024, 3, 1), date(2024, 3, 1))})
@example({"a": (LabStatus.PLANNED, ProjectStatus.PLANNED)})  # two codes alike on the wire, of different kinds
def test_the_changed_fields_of_a_create_are_those_same_on_the_wire_calls_changed(pairs: dict[str, Any]) -> None:
    values = {name: new for name, (new, _old) in pairs.items()}
    base = {name: old for name, (_new, old) in pairs.items()}
    given_ = {name: values[name] for name in list(values)[::2]}
    expected = frozenset(n for n in given_ if not same_on_the_wire(values[n], base[n]))
    assert _changed_by(given_, values, base) == expected


def test_each_kinds_defaults_are_the_fields_declared_defaults_with_fresh_lists() -> None:
    for kind in RECORDS_BY_KIND:
        declared = {spec.name: spec.default_value() for spec in field_specs(kind)}
        first, second = defaults(kind), defaults(kind)
        assert first == declared and list(first) == list(declared), kind
        for name, value in first.items():
            if isinstance(value, list):
                assert value is not second[name], (kind, name)  # a record's list is its own
                value.append("x")
                assert defaults(kind)[name] == declared[name]


def test_a_plan_cannot_be_changed_once_made() -> None:
    """The import carries out the check's plans as they were made: no field of a plan, and not the empty values
    every refused plan shares, can be changed afterwards."""
    plan = WritePlan("project", "p1", WriteOp.CREATE, {"title": "示范项目"}, frozenset({"title"}))
    with pytest.raises(AttributeError):
        plan.op = WriteOp.DELETE  # type: ignore[misc]
    refused = WritePlan("project", "p2", WriteOp.CREATE, permission=Problem(None, "not_owner", "否", "no"))
    other = WritePlan("project", "p3", WriteOp.UPDATE, problems=(Problem("title", "required", "否", "no"),))
    with pytest.raises(TypeError):
        refused.values["title"] = "改了"  # type: ignore[index]
    assert refused.refused and other.refused and not plan.refused
    assert dict(refused.values) == {} == dict(other.values)
    assert plan == WritePlan("project", "p1", WriteOp.CREATE, {"title": "示范项目"}, frozenset({"title"}))
