"""The Chinese line breaker: closing marks never start a line, opening marks never end one, Latin words stay whole."""

from __future__ import annotations

import pytest

from alliance_app.reports.linebreak import NO_LINE_START, break_before, dumb_split


def lines_of(text: str, per_line: int) -> list[str]:
    """Wrap `text` with every character 10 wide on lines of `per_line` characters."""
    return [line for _, line in dumb_split(text, [10.0] * len(text), [per_line * 10.0])]


def test_one_closing_mark_hangs_at_the_line_end() -> None:
    assert lines_of("一二三四，五六", 4) == ["一二三四，", "五六"]


def test_two_closing_marks_take_the_word_before_them_down() -> None:
    lines = lines_of("一二三四。”五六", 4)
    assert lines == ["一二三", "四。”五", "六"]


def test_an_opening_mark_goes_down_with_what_it_opens() -> None:
    assert lines_of("一二三“四五”六", 4) == ["一二三", "“四五”", "六"]


def test_a_latin_word_is_not_cut_when_a_space_is_near() -> None:
    assert lines_of("会议 Alliance Desk 年报", 12) == ["会议 Alliance", "Desk 年报"]


@pytest.mark.parametrize("text", ["，，，，，，，，，，", "（（（（（（（（", "一" * 30 + "。）”」" * 5])
def test_wrapping_always_makes_progress(text: str) -> None:
    lines = lines_of(text, 3)
    assert "".join(lines) == text


def test_break_before_never_returns_the_line_start() -> None:
    chars = "，。；：！？"
    assert all(ch in NO_LINE_START for ch in chars)
    assert break_before(chars, 0, 3) >= 1


@pytest.mark.parametrize(
    ("name", "per_line", "expected"),
    [
        ("武汉江城智能科技有限公司", 6, ["武汉江城智能", "科技有限公司"]),
        ("长江计算智能联合实验室", 9, ["长江计算智能", "联合实验室"]),
        ("武汉光谷人工智能研究院", 7, ["武汉光谷", "人工智能研究院"]),
    ],
)
def test_a_name_is_cut_between_its_words(name: str, per_line: int, expected: list[str]) -> None:
    assert lines_of(name, per_line) == expected


def test_plain_text_without_name_words_breaks_anywhere() -> None:
    assert lines_of("一二三四五六七", 3) == ["一二三", "四五六", "七"]


def test_a_paragraph_does_not_end_on_a_lone_character() -> None:
    # 甲。 alone would end the paragraph: 十 comes down with it
    assert lines_of("一二三四五六七八九十甲。", 10) == ["一二三四五六七八九", "十甲。"]
    assert lines_of("一二三四五六七八九十甲乙。", 10) == ["一二三四五六七八九十", "甲乙。"]


def test_a_mark_after_a_no_break_space_never_stands_alone() -> None:
    assert lines_of("Wuhan Zhiyu UAV Co., Ltd. ★", 26) == ["Wuhan Zhiyu UAV Co., Ltd.", "★"]  # what it prevents
    assert lines_of("Wuhan Zhiyu UAV Co., Ltd.\u00a0★", 26) == ["Wuhan Zhiyu UAV Co.,", "Ltd.\u00a0★"]
