"""Typed values from forms, the CLI and spreadsheets become field values; every rule reports in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from alliance_app.models import (
    Domain,
    MemberStatus,
    ProjectKind,
    ValidationError,
    check_record,
    coerce,
    coerce_collecting,
    coerce_values,
    field_specs,
    from_wire,
    link_id,
    specs_by_name,
    to_wire,
)


def spec(kind: str, name: str):
    return specs_by_name(kind)[name]


@pytest.mark.parametrize("text", ["2026-03-01", "2026/3/1", "2026.03.01", "2026年3月1日"])
def test_dates_are_read_as_people_write_them(text: str) -> None:
    assert coerce(spec("project", "start_date"), text) == date(2026, 3, 1)


@pytest.mark.parametrize(("text", "value"), [("1,200.50", 1200.5), (" 35 ", 35.0), ("0", 0.0)])
def test_amounts_accept_thousands_separators(text: str, value: float) -> None:
    assert coerce(spec("project", "investment"), text) == value


@pytest.mark.parametrize(("text", "value"), [("是", True), ("否", False), ("yes", True), ("0", False), ("", False)])
def test_yes_no_in_chinese_and_english(text: str, value: bool) -> None:
    assert coerce(spec("member", "ai_high_tech"), text) is value


def test_enums_accept_code_chinese_and_english_names() -> None:
    kind = spec("project", "project_kind")
    assert coerce(kind, "示范工程") is ProjectKind.DEMONSTRATION
    assert coerce(kind, "demonstration") is ProjectKind.DEMONSTRATION
    assert coerce(kind, "Demonstration project") is ProjectKind.DEMONSTRATION


def test_domain_lists_split_on_chinese_and_ascii_separators() -> None:
    value = coerce(spec("member", "domains"), "智能制造、smart_city；Blockchain,智能制造")
    assert value == sorted([Domain.INTELLIGENT_MANUFACTURING, Domain.SMART_CITY, Domain.BLOCKCHAIN])


def test_every_bad_value_is_reported_not_only_the_first() -> None:
    values, problems = coerce_collecting(
        "project", {"title": "示范", "domain": "火星农业", "investment": "很多", "start_date": "明天", "colour": "红"}
    )
    assert values == {"title": "示范"}
    assert {p.field for p in problems} == {"domain", "investment", "start_date", "colour"}
    investment = next(p for p in problems if p.field == "investment")
    assert investment.zh == (
        "投资额（万元）：“很多”不是明确的金额；请只填数字（单位为万元），或数字加单位 亿元、万元、千元、元"
    )
    assert investment.en == (
        "Investment (10k CNY): “很多” is not a clear amount; write a number (in 万元) or a number with 亿元, 万元, "
        "千元 or 元"
    )


def test_sync_columns_cannot_be_assigned() -> None:
    with pytest.raises(ValidationError) as caught:
        coerce_values("project", {"owner_member_id": "x", "rev": 5, "deleted": True})
    assert {p.code for p in caught.value.problems} == {"unknown_field"}


def test_record_rules_collect_all_problems() -> None:
    problems = check_record(
        "contact",
        {"member_id": "m", "name": "", "phone": "12345", "email": "zhang@", "title": "总" * 81},
    )
    codes = {(p.field, p.code) for p in problems}
    assert codes == {("name", "required"), ("phone", "phone"), ("email", "email"), ("title", "too_long")}


@pytest.mark.parametrize(
    "phone", ["13812345678", "+86 138 1234 5678".replace(" ", ""), "027-87654321", "02787654321", "400-820-1234"]
)
def test_real_phone_shapes_pass(phone: str) -> None:
    assert check_record("contact", {"member_id": "m", "name": "张三", "phone": phone}) == []


def test_date_ranges_must_be_ordered() -> None:
    problems = check_record(
        "project",
        {
            "lead_member_id": "m",
            "title": "t",
            "domain": Domain.BLOCKCHAIN,
            "start_date": date(2026, 5, 1),
            "end_date": date(2026, 1, 1),
        },
    )
    assert [p.code for p in problems] == ["date_range"]
    assert problems[0].zh == "结束日期（2026-01-01）不能早于开始日期（2026-05-01）"


def test_amounts_cannot_be_negative() -> None:
    problems = check_record("annual_figures", {"member_id": "m", "year": 2026, "ai_core_revenue": -3.0})
    assert [(p.field, p.code) for p in problems] == [("ai_core_revenue", "negative")]


def test_membership_follows_its_life_cycle() -> None:
    base = {"name_zh": "某单位", "status": MemberStatus.APPLIED}
    assert check_record("member", base, old_status=MemberStatus.WITHDRAWN) == []
    problems = check_record("member", {**base, "status": MemberStatus.SUSPENDED}, old_status=MemberStatus.APPLIED)
    assert [p.code for p in problems] == ["status_move"]
    assert "申请中" in problems[0].zh and "Suspended" in problems[0].en


def test_wire_round_trip_keeps_every_field_type() -> None:
    values = {"start_date": date(2026, 1, 2), "domain": Domain.SMART_CITY, "investment": 12.5, "title": "项目"}
    for name, value in values.items():
        assert from_wire("project", name, to_wire(value)) == value


def test_link_ids_are_the_same_on_every_desktop() -> None:
    first = link_id("project_partner", {"project_id": "p1", "member_id": "m1"})
    assert first == link_id("project_partner", {"project_id": "p1", "member_id": "m1"})
    assert first != link_id("project_partner", {"project_id": "p1", "member_id": "m2"})
    assert link_id("project", {"title": "x"}) is None


def test_every_field_has_labels_in_both_languages() -> None:
    from alliance_app.models import RECORDS_BY_KIND

    for kind in RECORDS_BY_KIND:
        for field in field_specs(kind):
            assert field.zh and field.en, (kind, field.name)
