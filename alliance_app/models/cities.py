"""Hubei's 17 prefecture-level divisions, each with one canonical name: what forms, imports and the report count by.

A clerk writes 武汉, 武汉市, 湖北省武汉市 or Wuhan for the same city; stored as typed, the report would count two
cities. Every path that stores a city (coercion in fields.py) keeps the canonical name below for these divisions;
a city outside Hubei, or text that names none of them, stays as typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class City:
    name: str  # the canonical (official) Chinese name, as stored
    en: str
    other_names: tuple[str, ...] = ()  # short forms and former names people still write


# The 12 prefecture-level cities, the autonomous prefecture, and the four county-level divisions the province
# administers directly (仙桃、潜江、天门、神农架), in the province's official order.
HUBEI_CITIES: tuple[City, ...] = (
    City("武汉市", "Wuhan", ("武汉",)),
    City("黄石市", "Huangshi", ("黄石",)),
    City("十堰市", "Shiyan", ("十堰",)),
    City("宜昌市", "Yichang", ("宜昌",)),
    City("襄阳市", "Xiangyang", ("襄阳", "襄樊市", "襄樊")),
    City("鄂州市", "Ezhou", ("鄂州",)),
    City("荆门市", "Jingmen", ("荆门",)),
    City("孝感市", "Xiaogan", ("孝感",)),
    City("荆州市", "Jingzhou", ("荆州",)),
    City("黄冈市", "Huanggang", ("黄冈",)),
    City("咸宁市", "Xianning", ("咸宁",)),
    City("随州市", "Suizhou", ("随州",)),
    City("恩施土家族苗族自治州", "Enshi", ("恩施州", "恩施", "恩施自治州", "恩施土家族苗族自治州")),
    City("仙桃市", "Xiantao", ("仙桃",)),
    City("潜江市", "Qianjiang", ("潜江",)),
    City("天门市", "Tianmen", ("天门",)),
    City("神农架林区", "Shennongjia", ("神农架", "神农架林区")),
)

_PROVINCE_PREFIX = re.compile(r"^(湖北省|湖北)")
_EN_SUFFIX = re.compile(r"\s*(city|prefecture|forestry district|,?\s*hubei( province)?)$")


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


@cache
def _by_name() -> dict[str, str]:
    found: dict[str, str] = {}
    for city in HUBEI_CITIES:
        for text in (city.name, city.en, *city.other_names):
            found[_key(text)] = city.name
    return found


def canonical_city(text: str) -> str:
    """The canonical name of a Hubei division written in any of its usual forms ("武汉", "湖北省武汉市",
    "恩施州", "Wuhan City"); anything else comes back as typed (only surrounding spaces dropped)."""
    typed = text.strip()
    key = _key(typed)
    names = _by_name()
    if key in names:
        return names[key]
    bare = _PROVINCE_PREFIX.sub("", key).strip()
    if bare in names:
        return names[bare]
    english = _EN_SUFFIX.sub("", key).strip()
    while english != key and english not in names:  # "Wuhan City, Hubei Province"
        key, english = english, _EN_SUFFIX.sub("", english).strip()
    return names.get(english, typed)


def is_hubei_city(text: str) -> bool:
    return canonical_city(text) in {c.name for c in HUBEI_CITIES}


def city_en(name: str) -> str | None:
    """The English name of a canonical Hubei division (for the report's English edition), else None."""
    return next((c.en for c in HUBEI_CITIES if c.name == name), None)
