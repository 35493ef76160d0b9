"""Chinese names in the order a Chinese reader looks them up: by pinyin, syllable by syllable, then tone.

One sort key for every list that shows names (the report's directory and tables, the desktop's lists), so two
places never disagree on where 武汉大学 stands. Code-point order puts 华中科技大学 after 武汉大学 and scatters
names sharing a first syllable; a dictionary reader expects 华 (huá) before 武 (wǔ). pypinyin reads a
character in its word (行业 hángyè, 银行 yínháng), which a character table cannot.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

# One syllable of the key: (letters, tone 1–5, the original text). Text that is not Chinese (Latin, digits,
# brackets) keeps its letters case-folded with tone 0, so "AI" sorts among the a's, just before 爱 (ài).
Syllable = tuple[str, int, str]

_IGNORED = str.maketrans("", "", " \u3000()（）[]【】「」《》·-—_.,，、")


@lru_cache(maxsize=65536)
def pinyin_key(text: str | None) -> tuple[Syllable, ...]:
    """The sort key of a name: empty and missing names sort first; brackets and spaces do not count."""
    if not text:
        return ()
    return tuple(syllable for run in _runs().split(text) if run for syllable in _run_key(run))


@lru_cache(maxsize=65536)
def _run_key(run: str) -> tuple[Syllable, ...]:
    """The syllables of one run of a name (each piece is read on its own, so a run's are the same in every name)."""
    syllables = (_syllable(piece) for piece in _run_pinyin(run))
    return tuple(syllable for syllable in syllables if syllable is not None)


def _syllable(piece: str) -> Syllable | None:
    """One piece of a run as a syllable of the key; None for a piece that does not count (brackets, spaces)."""
    # A syllable with its tone digit ("zhong1"); not a name's own "A²" or "Ⅸ" (digits to isdigit, not to int).
    if piece.isascii() and piece[-1:].isdigit() and piece[:-1].isalpha():
        return (piece[:-1], int(piece[-1]), piece)
    plain = piece.translate(_IGNORED).casefold()
    return (plain, 0, piece) if plain else None


@lru_cache(maxsize=1)
def _runs() -> re.Pattern[str]:
    """Splits a text into its runs of Chinese characters and the runs between, as pypinyin's segmentation does
    first (its own character class; it reads a character at a time, this one regular expression is 10× faster)."""
    from pypinyin.constants import RE_HANS  # 0.5 s of dictionaries: only when a list is sorted

    han = RE_HANS.pattern.removeprefix("^(?:").removesuffix(")+$")  # one character class
    return re.compile(f"({han}+)")


@lru_cache(maxsize=65536)
def _run_pinyin(run: str) -> tuple[str, ...]:
    """One run of `_runs()`, read as pypinyin reads it within the whole text: a Chinese run cut into its words
    (pypinyin's segmentation), anything else as one piece. Names share runs (有限公司, a project series' title)."""
    from pypinyin.constants import RE_HANS
    from pypinyin.seg.mmseg import seg as words

    if not RE_HANS.match(run):
        return (run,)  # pypinyin gives back text without Chinese as it is (checked for every code point)
    return tuple(piece for word in words.cut(run) for piece in _word_pinyin(word))


@lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    """One word of pypinyin's segmentation, read as pypinyin reads it within the whole text (it converts the words
    of its segmentation one by one). Names share their words (武汉, 科技, 有限公司), so each is read once: a
    10,000-row import's sort keys took 2.2 s when each whole name was read afresh."""
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True))


# The key as one string that sorts (by code point, as SQLite's BINARY collation does) exactly as the tuples do:
# each syllable is its letters, a mark below every letter, its tone digit, the same mark, its text and an end mark
# below everything else; a key that is a prefix of another sorts first, as the shorter tuple does.
_FIELD, _END = "\x02", "\x01"


def sort_text(text: str | None) -> str:
    """`pinyin_key(text)` as a string for a stored, indexed sort-key column (the desktop store's lists)."""
    if not text:
        return ""
    # Split by one capturing group: the runs of Chinese at the odd places, the text between them at the even ones.
    # A run without Chinese is one piece, read as it is (as `_run_pinyin` reads it) with no cache: titles number
    # their series (" 00001", "第3期"), and 10,000 distinct numbers only filled the caches (a tenth of an import's
    # sort keys). tests/models/test_collation.py holds this equal to the key written out.
    return "".join(
        _run_text(run) if odd % 2 else _syllable_text(_syllable(run))
        for odd, run in enumerate(_runs().split(text))
        if run
    )


@lru_cache(maxsize=65536)
def _run_text(run: str) -> str:
    return "".join(_syllable_text(syllable) for syllable in _run_key(run))


def _syllable_text(syllable: Syllable | None) -> str:
    if syllable is None:
        return ""
    letters, tone, piece = syllable
    return f"{letters}{_FIELD}{tone}{_FIELD}{piece}{_END}"


def by_pinyin(items: Iterable[T], name: Callable[[T], str | None]) -> list[T]:
    """`items` in pinyin order of `name(item)`; ties keep their given order (the sort is stable)."""
    return sorted(items, key=lambda item: pinyin_key(name(item)))
