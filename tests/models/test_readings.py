"""One reading rule per concern for typed text (forms, CLI and imports share it): dates, amounts, phones, cities,
choices; every conversion is noted, anything uncertain is refused with a sentence."""

from __future__ import annotations

from datetime import date

import pytest

from alliance_app.models import HUBEI_CITIES, ValidationError, canonical_city, coerce, coerce_noted, specs_by_name


def spec(kind: str, name: str):
    return specs_by_name(kind)[name]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2024.3", date(2024, 3, 1)), ("2025.05", date(2025, 5, 1)), ("202505", date(2025, 5, 1)),
     ("2025年5月", date(2025, 5, 1)), ("2025-12", date(2025, 12, 1)), ("2025/7", date(2025, 7, 1))],
)  # fmt: skip
def test_a_year_and_month_is_the_first_of_the_month_and_the_conversion_is_noted(typed: str, stored: date) -> None:
    value, note = coerce_noted(spec("member", "joined_on"), typed)
    assert value == stored
    assert note is not None and note.code == "year_month"
    assert stored.isoformat() in note.zh and "first of the month" in note.en


@pytest.mark.parametrize("typed", ["2025", "2025年", "1905", "2454", "20251", "13.2024"])
def test_a_year_alone_or_an_implausible_day_number_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        coerce(spec("member", "joined_on"), typed)
    problem = refused.value.problems[0]
    assert problem.field == "joined_on" and problem.zh and problem.en


def test_a_year_alone_says_a_full_date_or_a_year_and_month_is_needed() -> None:
    with pytest.raises(ValidationError) as refused:
        coerce(spec("member", "joined_on"), "2025")
    assert "年月" in refused.value.problems[0].zh
    assert "year and month" in refused.value.problems[0].en


def test_a_day_number_is_a_date_only_in_the_alliance_s_years_and_then_noted() -> None:
    value, note = coerce_noted(spec("project", "start_date"), "45123")
    assert value == date(2023, 7, 16)
    assert note is not None and note.code == "serial"


def test_full_dates_are_stored_as_typed_without_a_note() -> None:
    for typed in ("2023.4.18", "2023-04-18", "2023年4月18日", "20230418", "2023/4/18 00:00:00"):
        assert coerce_noted(spec("project", "start_date"), typed) == (date(2023, 4, 18), None)


@pytest.mark.parametrize(
    ("typed", "stored", "noted"),
    [("1.2亿元", 12000.0, True), ("1.2亿", 12000.0, True), ("500000元", 50.0, True), ("850万", 850.0, False),
     ("850万元", 850.0, False), ("3千元", 0.3, True), ("1,200.50", 1200.5, False), ("35", 35.0, False)],
)  # fmt: skip
def test_amounts_in_other_units_are_converted_into_the_column_s_unit(typed: str, stored: float, noted: bool) -> None:
    value, note = coerce_noted(spec("project", "investment"), typed)
    assert value == pytest.approx(stored)
    assert (note is not None) is noted
    if note:
        assert "万元" in note.zh and note.code == "unit"


def test_an_amount_in_hundred_millions_column_converts_the_other_way() -> None:
    value, note = coerce_noted(spec("annual_figures", "ai_core_revenue"), "3500万元")
    assert value == pytest.approx(0.35) and note is not None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1,200", 1200.0), ("1,200,000", 1_200_000.0), ("12,000.50", 12000.5), ("1 200", 1200.0), ("1，200", 1200.0),
     ("12 000 万元", 12000.0), ("1,200万", 1200.0)],
)  # fmt: skip
def test_commas_and_spaces_grouping_thousands_are_taken_out(typed: str, stored: float) -> None:
    assert coerce(spec("project", "investment"), typed) == pytest.approx(stored)


@pytest.mark.parametrize("typed", ["0,5", "1,2", "1,20", "1,2345", "1,200,5", "1.200,50", "1,000,00", "1 2", "3,5万"])
def test_a_comma_that_may_be_a_decimal_mark_is_refused_not_dropped(typed: str) -> None:
    """0,5 is a half where the comma is the decimal mark (a CSV from such an Excel): never 5, and 1.200,50 never
    1.2005; in an amount column and in a plain number column alike."""
    for kind, name in (("project", "investment"), ("resource_offer", "capacity")):
        with pytest.raises(ValidationError) as refused:
            coerce(spec(kind, name), typed)
        assert "千位分隔" in refused.value.problems[0].zh and "thousands" in refused.value.problems[0].en


@pytest.mark.parametrize("typed", ["约300", "300左右", "300美元", "一百"])
def test_an_amount_without_a_clear_unit_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        coerce(spec("project", "investment"), typed)
    assert "亿元" in refused.value.problems[0].zh and "clear amount" in refused.value.problems[0].en


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("027-8765 4321", "027-87654321"), ("(027)87654321", "027-87654321"), ("（027）8765-4321", "027-87654321"),
     ("+86 138 7123 4568", "13871234568"), ("138 7123 4568", "13871234568"), ("+86 27 8765 4321", "027-87654321"),
     ("0717-623 4567", "0717-6234567")],
)  # fmt: skip
def test_phones_lose_spaces_brackets_and_country_code(typed: str, stored: str) -> None:
    value, note = coerce_noted(spec("contact", "phone"), typed)
    assert value == stored and note is not None and note.code == "phone"


@pytest.mark.parametrize("typed", ["02787654321", "027-87654321", "13871234568", "027-87654321转1234"])
def test_phones_already_in_shape_are_kept_as_typed(typed: str) -> None:
    assert coerce_noted(spec("contact", "phone"), typed) == (typed, None)


def test_hubei_has_seventeen_prefecture_level_divisions_each_with_one_name() -> None:
    assert len(HUBEI_CITIES) == 17
    assert len({c.name for c in HUBEI_CITIES}) == 17


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("武汉", "武汉市"), ("武汉市", "武汉市"), ("湖北省武汉市", "武汉市"), ("Wuhan", "武汉市"),
     ("恩施州", "恩施土家族苗族自治州"), ("恩施", "恩施土家族苗族自治州"),
     ("襄樊", "襄阳市"), ("神农架", "神农架林区"), (" 宜昌 ", "宜昌市"),
     ("长沙", "长沙"), ("北京市", "北京市"), ("光谷", "光谷")],
)  # fmt: skip
def test_cities_of_hubei_are_canonical_and_others_stay_as_typed(typed: str, stored: str) -> None:
    assert canonical_city(typed) == stored
    for kind in ("member", "event"):
        assert coerce(spec(kind, "city"), typed) == stored


def test_choices_suggest_what_was_probably_meant_and_the_english_message_lists_them() -> None:
    with pytest.raises(ValidationError) as refused:
        coerce(spec("project", "domain"), "智能汽车")
    problem = refused.value.problems[0]
    assert "是不是“智能网联汽车”" in problem.zh
    assert "did you mean Intelligent connected vehicles" in problem.en and "Smart city" in problem.en
    with pytest.raises(ValidationError) as refused:
        coerce(spec("project", "status"), "在建")
    assert "是不是“进行中”" in refused.value.problems[0].zh
    assert "Ongoing" in refused.value.problems[0].en and "Planned" in refused.value.problems[0].en


def test_a_domain_list_names_the_unknown_part_and_suggests() -> None:
    with pytest.raises(ValidationError) as refused:
        coerce(spec("member", "domains"), "智慧城市、智能汽车")
    assert "智能汽车" in refused.value.problems[0].zh and "智能网联汽车" in refused.value.problems[0].zh


def test_words_that_mean_exactly_a_choice_are_read_as_it_with_a_note() -> None:
    value, note = coerce_noted(spec("member", "member_kind"), "高等院校")
    assert value.value == "university" and note is not None and note.code == "same_meaning"
