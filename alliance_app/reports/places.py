"""Cities in the English edition: a Hubei division by its English name from the canonical list (models/cities.py);
any other place by the pinyin of its Chinese name, as English maps write Chinese places, with the administrative
word translated."""

from __future__ import annotations

from functools import lru_cache

# A trailing administrative word and its English: 武汉市 → Wuhan, 恩施州 → Enshi Prefecture.
SUFFIXES = (
    ("自治州", " Prefecture"),
    ("林区", " Forestry District"),
    ("市", ""),
    ("州", " Prefecture"),
    ("区", " District"),
    ("县", " County"),
)


@lru_cache(maxsize=1024)
def city_in_english(name: str) -> str:
    """`name` in pinyin with a capital (襄阳 → Xiangyang); a name already in Latin letters is kept as written."""
    text = name.strip()
    if not text or text.isascii():
        return text
    from pypinyin import lazy_pinyin

    from alliance_app.models.cities import HUBEI_CITIES, canonical_city

    canonical = canonical_city(text)
    for city in HUBEI_CITIES:
        if city.name == canonical:
            return city.en

    english = ""
    for suffix, word in SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text, english = text[: -len(suffix)], word
            break
    return "".join(lazy_pinyin(text)).capitalize() + english
