"""Filters on any shown column, combined with the chips and exported exactly: "Ongoing 智能制造 projects in 武汉,
started in 2024, over 500 万元, whose title says 工厂" gives exactly those projects, in the list and in the file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from alliance_app.models import ValidationError
from alliance_app.services import Desk, RecordQuery
from alliance_app.services.column_filters import Between, Contains, filterable
from alliance_app.services.queries import OWNER_CITY
from alliance_app.services.transfer import export_records


@pytest.fixture
def alliance(desk: Desk) -> dict[str, str]:
    wuhan = desk.create("member", {"name_zh": "武汉智造科技有限公司", "short_name": "武汉智造", "city": "武汉市"})
    yichang = desk.create("member", {"name_zh": "宜昌三峡数据有限公司", "city": "宜昌市"})
    ids = {"wuhan": wuhan.record_id or "", "yichang": yichang.record_id or ""}
    projects = [
        ("武汉智能工厂示范", "wuhan", "ongoing", "intelligent_manufacturing", "2024-03-01", 800),  # the one wanted
        ("武汉智能工厂二期", "wuhan", "ongoing", "intelligent_manufacturing", "2023-12-31", 800),  # started 2023
        ("武汉工厂小改造", "wuhan", "ongoing", "intelligent_manufacturing", "2024-06-01", 500),  # not over 500
        ("武汉智慧工厂规划", "wuhan", "planned", "intelligent_manufacturing", "2024-05-01", 900),  # not ongoing
        ("宜昌智能工厂示范", "yichang", "ongoing", "intelligent_manufacturing", "2024-03-01", 800),  # not Wuhan
        ("武汉智能产线示范", "wuhan", "ongoing", "intelligent_manufacturing", "2024-04-01", 800),  # no 工厂
        ("武汉城市大脑工厂", "wuhan", "ongoing", "smart_city", "2024-04-01", 800),  # not 智能制造
    ]
    for title, lead, status, domain, start, investment in projects:
        values = {"lead_member_id": ids[lead], "title": title, "status": status, "domain": domain}
        ids[title] = desk.create("project", values | {"start_date": start, "investment": investment}).record_id or ""
    return ids


WANTED = {
    "status": ["ongoing"],
    "domain": ["intelligent_manufacturing"],
    OWNER_CITY: ["武汉市"],
    "start_date": Between("2024-01-01", "2024-12-31"),
    "investment": Between("500.01", None),
    "title": Contains("工厂"),
}


def test_combined_column_filters_give_exactly_the_records_and_the_export_writes_exactly_them(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    query = RecordQuery(filters=WANTED, limit=None)
    assert desk.ids("project", query) == [alliance["武汉智能工厂示范"]]
    for left_out in WANTED:  # each filter narrows: without it, more records come back
        rest = {k: v for k, v in WANTED.items() if k != left_out}
        assert len(desk.ids("project", RecordQuery(filters=rest, limit=None))) > 1, left_out
    path = export_records(desk, "project", tmp_path / "p.csv", query=query).path
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[rows[0].index("项目名称")] for row in rows[1:]] == ["武汉智能工厂示范"]


def test_values_are_read_as_a_form_reads_them(desk: Desk, alliance: dict[str, str]) -> None:
    # 0.08亿元 is 800 万元 in the investment column's own unit; 2024/3/1 is a date as a form reads it.
    exact = {"investment": Between("0.08亿", "0.08亿"), "start_date": Between("2024/3/1", "2024/3/1")}
    found = desk.rows("project", desk.ids("project", RecordQuery(filters=exact, limit=None)))
    assert sorted(p["title"] for p in found) == ["宜昌智能工厂示范", "武汉智能工厂示范"]


def test_a_member_column_matches_the_members_names(desk: Desk, alliance: dict[str, str]) -> None:
    by_short_name = RecordQuery(filters={"lead_member_id": Contains("武汉智造")}, limit=None)
    assert len(desk.ids("project", by_short_name)) == 6
    assert desk.ids("project", RecordQuery(filters={"lead_member_id": Contains("三峡")}, limit=None)) == [
        alliance["宜昌智能工厂示范"]
    ]


@pytest.mark.parametrize(
    ("name", "wanted", "code"),
    [
        ("start_date", Between("明年", None), None),  # not a date: the field's own sentence
        ("start_date", Between("2024-12-31", "2024-01-01"), "range_reversed"),
        ("investment", Between("500 美元", None), None),  # another currency: not read as 万元
        ("title", Between("1", "2"), "not_a_range"),
        ("start_date", Contains("2024"), "not_text"),
        ("title", Contains("工厂\x00"), "bad_text"),
        ("status", Contains("进行"), "not_filterable"),  # the chip filters it
    ],
)
def test_what_cannot_be_read_is_refused_in_both_languages_never_an_empty_list(
    desk: Desk, alliance: dict[str, str], name: str, wanted: object, code: str | None
) -> None:
    with pytest.raises(ValidationError) as refused:
        desk.ids("project", RecordQuery(filters={name: wanted}))
    problem = refused.value.problems[0]
    assert problem.zh and problem.en and (code is None or problem.code == code)


def test_personal_fields_cannot_be_filtered(desk: Desk, alliance: dict[str, str]) -> None:
    """A liaison could otherwise learn another member's contacts' phones digit by digit."""
    assert filterable("contact", "phone") is None and filterable("contact", "email") is None
    with pytest.raises(ValidationError):
        desk.ids("contact", RecordQuery(filters={"phone": Contains("138")}))
