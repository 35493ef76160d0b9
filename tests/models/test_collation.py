"""The one pinyin sort key: dictionary order, heteronyms read in their word, stable and total."""

from hypothesis import example, given
from hypothesis import strategies as st

from alliance_app.models.collation import by_pinyin, pinyin_key, sort_text


def test_names_sort_by_pinyin_not_by_code_point():
    names = ["武汉大学", "华中科技大学", "小米(武汉)科技有限公司", "长江计算", "东风汽车集团", "安琪酵母"]
    assert sorted(names) != by_pinyin(names, str)  # code-point order is not what a reader expects
    assert by_pinyin(names, str) == [
        "安琪酵母",
        "长江计算",
        "东风汽车集团",
        "华中科技大学",
        "武汉大学",
        "小米(武汉)科技有限公司",
    ]


def test_a_character_is_read_in_its_word():
    # 行 is háng in 银行 and xíng in 行政; a per-character table would read both the same way.
    assert pinyin_key("银行")[1][0] == "hang"
    assert pinyin_key("行政")[0][0] == "xing"
    assert by_pinyin(["行政服务中心", "银行湖北分行"], str) == ["行政服务中心", "银行湖北分行"]


def test_syllables_compare_one_by_one_then_by_tone():
    # 长安 (cháng ān) before 长江 (cháng jiāng): the second syllable decides, not the run of letters.
    assert by_pinyin(["长江", "长安"], str) == ["长安", "长江"]
    # Same letters, tone decides: 湖 hú (2) before 虎 hǔ (3).
    assert by_pinyin(["虎", "湖"], str) == ["湖", "虎"]


def test_latin_brackets_and_missing_names():
    assert pinyin_key(None) == pinyin_key("") == ()
    assert pinyin_key("小米（武汉）") == pinyin_key("小米(武汉)") == pinyin_key("小米 武汉")
    assert by_pinyin(["Zeta Labs", "爱", "AI 湖北", None], lambda n: n) == [None, "AI 湖北", "爱", "Zeta Labs"]


def test_ties_keep_their_given_order():
    rows = [("武汉", 1), ("武汉", 2), ("安", 3)]
    assert by_pinyin(rows, lambda r: r[0]) == [("安", 3), ("武汉", 1), ("武汉", 2)]


# Names from pieces a directory holds: heteronyms, syllables that are prefixes of others (西 xī / 先 xiān), tones,
# Latin of both cases, digits, brackets and spaces.
_PIECES = ["长", "江", "安", "西", "先", "湖", "虎", "行", "银", "爱", "AI", "ai", "Zeta", "3", "（", ")", " ", "武汉"]


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), min_size=2, max_size=12))
def test_the_stored_sort_text_orders_names_exactly_as_the_key_does(names: list[str]) -> None:
    """The desktop store sorts by `sort_text` in SQLite (code-point order of the string); it must agree with the
    report's tuple key on every pair, or a list and the report would disagree on where a name stands."""
    for a in names:
        for b in names:
            assert (sort_text(a) < sort_text(b)) == (pinyin_key(a) < pinyin_key(b)), (a, b)
            assert (sort_text(a) == sort_text(b)) == (pinyin_key(a) == pinyin_key(b)), (a, b)


def test_the_sort_text_of_a_missing_name_sorts_first() -> None:
    assert sort_text(None) == sort_text("") == "" and sort_text("阿") > ""


_WORDS = list("人工智能应用示范项目湖北科技有限公司武汉大学长江银行重庆长沙音乐快乐了解觉得朝阳参差便宜还是绿女略")
_WORDS += ["（武汉）", "AI", " ", "3D", "·", "银行", "行长", "重新", "重量", "的", "地", "得", "嗯"]


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map("".join))
def test_reading_word_by_word_gives_the_reading_of_the_whole_name(name: str) -> None:
    """pinyin_key reads the words of pypinyin's segmentation once each (names share words: 有限公司, 武汉):
    exactly what pypinyin reads for the whole name, heteronyms in their words included."""
    from pypinyin import Style, lazy_pinyin

    whole = lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True)
    kept = [p for p in whole if pinyin_key(p)]  # the key leaves out brackets, spaces and dots
    assert [piece for _letters, _tone, piece in pinyin_key(name)] == kept


@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=4)), min_size=1, max_size=8).map("".join))
@example("A²")  # a digit to isdigit() that int() does not read: once a crash of every insert of such a name
def test_any_text_is_read_run_by_run_as_pypinyin_reads_it_whole(name: str) -> None:
    """The key splits a name into runs of Chinese and other text and reads each run once (a title series shares
    its runs); text without Chinese is kept as it is, as pypinyin keeps it: symbols, digits, other scripts."""
    from pypinyin import Style, lazy_pinyin

    whole = lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True)
    kept = [p for p in whole if pinyin_key(p)]
    assert [piece for _letters, _tone, piece in pinyin_key(name)] == kept


@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=4)), max_size=8).map("".join))
@example("人工智能应用示范项目 00001")  # a numbered series: the text between Chinese runs is read without the caches
@example("zhong1 A² abc1（第3期）")  # tone-like ASCII, a digit int() cannot read, brackets only
@example(" 3D打印 ")
def test_the_sort_text_put_together_run_by_run_is_the_key_written_out(name: str) -> None:
    from alliance_app.models.collation import _END, _FIELD

    written = "".join(f"{letters}{_FIELD}{tone}{_FIELD}{piece}{_END}" for letters, tone, piece in pinyin_key(name))
    assert sort_text(name) == written
