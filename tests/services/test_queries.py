"""Lists: search over Chinese and English names, filters, sorting and stable paging."""

from __future__ import annotations

from dataclasses import replace

import pytest

from alliance_app.services import Desk, RecordQuery
from tests.conftest import add_member


@pytest.fixture
def alliance(desk: Desk) -> dict[str, str]:
    ids = {
        "xiaomi": add_member(
            desk,
            "小米科技(武汉)有限公司",
            name_en="Xiaomi (Wuhan)",
            short_name="小米(武汉)",
            member_kind="企业",
            domains="智能制造、智慧家居",
        ),
        "uni": add_member(
            desk,
            "江汉智能科技大学",
            name_en="Jianghan University of Intelligent Technology",
            member_kind="高校",
            domains="智慧教育",
        ),
        "lab": add_member(desk, "荆楚人工智能研究院", name_en="Jingchu AI Institute", member_kind="科研院所"),
    }
    for number in range(30):
        desk.create(
            "project",
            {
                "lead_member_id": ids["xiaomi"] if number % 2 else ids["uni"],
                "title": f"项目{number:02d}",
                "title_en": f"Project {number:02d}",
                "domain": "智能制造" if number % 3 else "智慧城市",
                "status": "进行中" if number % 5 else "已完成",
                "investment": number * 10,
            },
        )
    return ids


def test_search_finds_chinese_and_english_names(desk: Desk, alliance: dict[str, str]) -> None:
    assert desk.ids("member", RecordQuery(search="小米")) == [alliance["xiaomi"]]
    assert desk.ids("member", RecordQuery(search="jianghan")) == [alliance["uni"]]  # case-insensitive
    assert desk.ids("member", RecordQuery(search="研究院")) == [alliance["lab"]]


def test_search_finds_records_by_their_members_name(desk: Desk, alliance: dict[str, str]) -> None:
    found = desk.page("project", RecordQuery(search="Xiaomi", limit=None))
    assert found.total == 15 and all(r["lead_member_id"] == alliance["xiaomi"] for r in found.rows)


def test_search_text_is_literal(desk: Desk, alliance: dict[str, str]) -> None:
    assert desk.ids("project", RecordQuery(search="%")) == []
    assert desk.ids("project", RecordQuery(search="_")) == []


def test_filters_combine_and_accept_lists(desk: Desk, alliance: dict[str, str]) -> None:
    city_done = RecordQuery(filters={"domain": "smart_city", "status": ["completed"]})
    expected = [n for n in range(30) if n % 3 == 0 and n % 5 == 0]
    assert desk.count("project", city_done) == len(expected)
    assert desk.ids("member", RecordQuery(filters={"domains": ["smart_home"]})) == [alliance["xiaomi"]]
    assert desk.count("project", RecordQuery(member_id=alliance["uni"])) == 15


def test_sorting_and_paging_are_stable(desk: Desk, alliance: dict[str, str]) -> None:
    first = desk.page("project", RecordQuery(sort="investment", descending=True, limit=10))
    second = desk.page("project", RecordQuery(sort="investment", descending=True, limit=10, offset=10))
    assert first.total == 30 and [r["investment"] for r in first.rows] == [290 - 10 * n for n in range(10)]
    assert second.rows[0]["investment"] == 190
    every = desk.ids("project", RecordQuery(sort="status"))
    assert len(every) == len(set(every)) == 30


def test_deleted_records_leave_the_lists(desk: Desk, alliance: dict[str, str]) -> None:
    victim = desk.ids("project")[0]
    desk.delete("project", victim)
    assert victim not in desk.ids("project")
    assert victim in desk.ids("project", RecordQuery(include_deleted=True))


def test_rows_come_back_in_the_order_asked(desk: Desk, alliance: dict[str, str]) -> None:
    ids = desk.ids("project")[::-1][:5]
    assert [row["id"] for row in desk.rows("project", ids)] == ids


def test_unknown_filter_or_sort_fields_are_refused(desk: Desk) -> None:
    with pytest.raises(ValueError):
        desk.ids("project", RecordQuery(filters={"colour": "red"}))
    with pytest.raises(ValueError):
        desk.ids("project", RecordQuery(sort="colour"))


def test_id_pages_follow_one_another_in_list_order(desk: Desk, alliance: dict[str, str]) -> None:
    query = RecordQuery(search="项目", sort="investment", descending=True, limit=None)
    every = desk.ids("project", query)
    pages = [desk.id_page("project", replace(query, offset=o, limit=12)) for o in (0, 12, 24)]
    assert [len(p) for p in pages] == [12, 12, 6]
    assert [i for p in pages for i in p] == every
    assert desk.id_page("project", query) == every  # no limit: all of them
