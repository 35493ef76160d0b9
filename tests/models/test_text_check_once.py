"""A record's rules ask whether its texts can be stored with one search of them all (text_rules.all_storable): the
answer is the one the rule gives text by text, and the record's problems are those of each text asked alone."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from alliance_app.models import check_record
from alliance_app.models.integrity import defaults
from alliance_app.text_rules import all_storable, text_problem

# Text near the rule's edges: NUL, lone surrogates of both halves, the separator itself, a proper pair's character.
TEXTS = st.lists(st.text(alphabet=st.sampled_from("a示\x00\x01\ud800\udfff😀 \n")) | st.text(max_size=5), max_size=6)


@given(TEXTS)
@example(["a\ud800", "\udc00b"])  # the two halves of a pair, each alone in its own text
@example(["\x00"])
def test_one_search_of_the_texts_joined_answers_what_each_text_alone_answers(texts: list[str]) -> None:
    assert all_storable(texts) == all(text_problem(t) is None for t in texts)


@given(st.text(alphabet=st.sampled_from("示范a\x00\ud800 ")), st.text(alphabet=st.sampled_from("简介b\x00\udfff ")))
def test_a_records_text_problems_are_found_at_each_field(title: str, description: str) -> None:
    values = {**defaults("project"), "lead_member_id": "m", "title": title, "description": description}
    found = {(p.field, p.code) for p in check_record("project", values) if p.code == "bad_text"}
    assert found == {(f, "bad_text") for f, t in (("title", title), ("description", description)) if text_problem(t)}
