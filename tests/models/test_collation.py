"""The one pinyin sort key: dictionary order, heteronyms read in their word, stable and total."""

from alliance_app.models.collation import by_pinyin, pinyin_key


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
