"""How the report writes numbers in each edition: thousands separators, money in 亿元 or RMB billions, percentages,
year-on-year changes, and English agreement after the number 1."""

from __future__ import annotations

import re

# English nouns the sentences count, so that "1 events" reads "1 event".
SINGULARS = {
    "attendances": "attendance",
    "edits": "edit",
    "events": "event",
    "labs": "lab",
    "links": "link",
    "matches": "match",
    "members": "member",
    "papers": "paper",
    "partnerships": "partnership",
    "patents": "patent",
    "projects": "project",
    "requests": "request",
    "resources": "resource",
    "standards": "standard",
    "domains": "domain",
}
_ONE = re.compile(r"(?<![\d.,])1 ((?:\w+ )?)(" + "|".join(SINGULARS) + r")\b")


def singular_after_one(text: str) -> str:
    """English agreement after the number 1 ("1 events" → "1 event", "1 lab partnerships" → "1 lab partnership")."""
    return _ONE.sub(lambda m: f"1 {m[1]}{SINGULARS[m[2]]}", text)


def integer(value: float | int) -> str:
    """An integer as the report prints it: thousands separated (1,234)."""
    return f"{round(value):,}"


def amount(value: float | None) -> str:
    """A plain amount, two decimals, thousands separated (a table whose head gives the unit)."""
    return "—" if value is None else f"{value:,.2f}"


def money(wan: float | None, lang: str) -> str:
    """A sum of money given in 万元 as a reader of the edition writes it: 亿元 for large sums in Chinese
    (32.42 亿元), RMB with million or billion in English (RMB 3.2 billion)."""
    if wan is None:
        return "—"
    if lang == "zh":
        return f"{wan / 10_000:,.2f} 亿元" if abs(wan) >= 10_000 else f"{wan:,.2f} 万元"
    yuan = wan * 10_000
    if abs(yuan) >= 1e9:
        return f"RMB {yuan / 1e9:,.2f} billion"
    if abs(yuan) >= 1e6:
        return f"RMB {yuan / 1e6:,.2f} million"
    return f"RMB {yuan:,.0f}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def change(current: float | None, previous: float | None, lang: str, in_money: bool = False) -> str:
    """Year-on-year change: the difference and, where the previous year was not zero, the percentage (in
    full-width brackets in Chinese); none where either year has no figure (never growth from nothing).
    `in_money`: a sum in 万元, written as the edition writes money."""
    if current is None or previous is None:
        return "—"
    diff = current - previous
    shown = money(abs(diff), lang) if in_money else integer(abs(diff))
    if diff == 0 or shown in ("0", "0.00"):
        return "—"
    sign = "+" if diff > 0 else "-"  # ASCII minus: the report font has no U+2212
    if not previous:
        return f"{sign}{shown}"
    share = f"{sign}{abs(diff) / previous * 100:.1f}%"
    return f"{sign}{shown}（{share}）" if lang == "zh" else f"{sign}{shown} ({share})"
