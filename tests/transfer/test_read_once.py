"""Reading each distinct text of a field once per import answers exactly what the models' reading rules answer
for every row: values, problems and conversions, and each row gets its own list."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_app.models import coerce_noting
from alliance_app.services.transfer.read_once import ReadOnce

# Texts a roster's member columns hold: good, converted (城市, 日期, 电话), unreadable, empty.
TEXTS = {
    "member_kind": ["企业", "高等院校", "大学", "外星人", ""],
    "city": ["武汉", "武汉市", "恩施州", "Paris", ""],
    "joined_on": ["2024.3", "2024-03-01", "2025.1", "昨天", "45000", ""],
    "domains": ["智能制造、区块链", "智能汽车", "", "区块链"],
    "ai_high_tech": ["是", "否", "也许", ""],
    "name_zh": ["湖北光谷智能科技有限公司", " 武汉大学 ", "=HYPERLINK()", ""],
    "unknown_field": ["x"],
}
ROWS = st.lists(st.fixed_dictionaries({}, optional={k: st.sampled_from(v) for k, v in TEXTS.items()}), max_size=12)


@settings(max_examples=60)
@given(ROWS)
def test_reading_once_answers_what_the_rules_answer_for_every_row(rows: list[dict[str, Any]]) -> None:
    once = ReadOnce("member")
    for raw in rows:
        assert once.coerce(dict(raw)) == coerce_noting("member", dict(raw))


def test_each_row_gets_its_own_list() -> None:
    once = ReadOnce("member")
    first, _problems, _notes = once.coerce({"domains": "智能制造、区块链"})
    first["domains"].append("changed by the first row")
    second, _problems, _notes = once.coerce({"domains": "智能制造、区块链"})
    assert second == coerce_noting("member", {"domains": "智能制造、区块链"})[0]
