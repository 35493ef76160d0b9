"""One-line texts are stored as a person sees them: invisible characters, line breaks and padding spaces taken out
(and said), so 武汉\u200b理工大学 and 王\u3000芳 are not second records beside 武汉理工大学 and 王芳."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_app.models import ValidationError
from alliance_app.models.coercion import coerce_noting
from alliance_app.models.readings import Noted
from alliance_app.models.spacing import is_plain_line, read_line
from alliance_app.services import Desk


@pytest.mark.parametrize(
    ("typed", "stored", "noted"),
    [
        ("武汉理工大学", "武汉理工大学", False),
        (" 武汉大学\u00a0", "武汉大学", False),  # only the ends: nothing to say
        ("武汉\u200b理工大学", "武汉理工大学", True),  # zero-width space pasted from a web page
        ("\ufeff华中科技大学", "华中科技大学", True),  # a BOM at the start of a pasted cell
        ("王\u3000芳", "王芳", True),  # a full-width space padding a two-character name
        ("王 芳", "王芳", True),
        ("湖北\t工业大学", "湖北工业大学", True),
        ("武汉理工大学\n（马房山校区）", "武汉理工大学 （马房山校区）", True),  # Alt+Enter in a cell
        ("Wuhan\u00a0University", "Wuhan University", True),
        ("Wuhan  University", "Wuhan University", True),
        ("AI 助教示范工程", "AI 助教示范工程", False),  # a space beside a Latin word stays
        ("小米 (武汉)", "小米 (武汉)", False),
        ("\u202e小米\u202c", "小米", True),  # direction overrides (a name that reads differently than it sorts)
        ("soft\u00adhyphen", "softhyphen", True),
    ],
)
def test_a_one_line_text_is_stored_as_seen(typed: str, stored: str, noted: bool) -> None:
    values, problems, conversions = coerce_noting("member", {"name_zh": typed})
    assert problems == [] and values["name_zh"] == stored
    assert [c.code for c in conversions] == (["spacing"] if noted else [])
    if noted:
        assert f"记为“{stored}”" in conversions[0].zh and f"stored as “{stored}”" in conversions[0].en


def test_nul_is_refused_not_turned_into_a_space_and_long_texts_keep_their_lines() -> None:
    assert read_line("A\x00B") == "A\x00B"  # text_rules refuses it, with its own sentence
    values, _problems, conversions = coerce_noting("project", {"description": "第一行\n第二行"})
    assert values["description"] == "第一行\n第二行" and conversions == []


def test_a_city_and_a_phone_are_read_after_their_spacing() -> None:
    values, _problems, conversions = coerce_noting("member", {"city": "武汉\u200b"})
    assert values["city"] == "武汉市" and [c.code for c in conversions] == ["city"]
    values, _problems, conversions = coerce_noting("contact", {"phone": "027\u200b-87654321"})
    assert values["phone"] == "027-87654321" and [c.code for c in conversions] == ["spacing"]


@given(st.text())
def test_the_rule_is_stable_and_the_plain_test_never_lies(text: str) -> None:
    read = read_line(text)
    once = read.value if isinstance(read, Noted) else read
    again = read_line(once)
    assert again == once  # stored text read again is stored as it is, with nothing to say
    if is_plain_line(text.strip()):  # what the import's shortcut for plain columns relies on
        assert read == text.strip()


def test_an_invisible_character_cannot_make_a_second_member_or_attendee(desk: Desk) -> None:
    desk.create("member", {"name_zh": "武汉\u200b理工大学"})
    with pytest.raises(ValidationError, match="武汉理工大学"):
        desk.create("member", {"name_zh": "武汉理工大学"})
    [member] = desk.page("member").rows
    assert member["name_zh"] == "武汉理工大学"
    event = desk.create(
        "event", {"title": "年会", "starts_on": "2025-12-01", "organiser_member_id": member["id"]}
    ).record_id
    desk.create("attendance", {"event_id": event, "member_id": member["id"], "attendee_name": "王\u3000芳"})
    with pytest.raises(ValidationError):
        desk.create("attendance", {"event_id": event, "member_id": member["id"], "attendee_name": "王芳"})
