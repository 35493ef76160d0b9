"""Spaces and invisible characters in a one-line text (a name, a title, a role): what a person sees is stored.

Text pasted from web pages, WeChat and Word brings characters nobody sees: a zero-width space inside 武汉理工大学, a
no-break space at its end, a line break typed into a spreadsheet cell (Alt+Enter), a full-width space padding a
two-character name to the width of three (王　芳). Stored as typed, 武汉\u200b理工大学 is a second member next to
武汉理工大学 that looks the same in every list, and 王　芳 a second attendee beside 王芳 in the report's count.

The one rule, for every path that reads a one-line field (forms, the command line, imports, pushes):
- format characters (category Cf: zero-width spaces and joiners, soft hyphens, direction marks, a BOM) are taken out;
- control characters (tab, line breaks) and every other kind of space become one plain space, and a run of spaces
  one space;
- a space between two Chinese characters is taken out (王　芳 → 王芳; Chinese puts no spaces between words),
  while spaces between Latin words stay (Wuhan University);
- the text is stripped at both ends.
When that changes anything but the ends, the conversion is noted like any other. NUL and lone surrogates are left
for the refusal rule (text_rules.py): they are refused, never quietly turned into something else. Long texts
(descriptions) keep their lines and are not touched here.
"""

from __future__ import annotations

import re
import unicodedata

from alliance_app.models.readings import Noted

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_SPACES = re.compile(" {2,}")
_KEPT = {"\x00"}  # refused by text_rules, not converted


def is_plain_line(text: str) -> bool:
    """Whether `read_line` gives the text back stripped and unchanged otherwise (nearly every text: one C call
    and two searches; the import's shortcut for plain columns asks this first)."""
    return text.isprintable() and "  " not in text and _SPACE_BETWEEN_CJK.search(text) is None


def _cleaned(text: str) -> str:
    out = []
    for ch in text:
        if ch in _KEPT:
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        out.append(" " if category in ("Cc", "Zs", "Zl", "Zp") else ch)
    spaced = _SPACES.sub(" ", "".join(out))
    return _SPACE_BETWEEN_CJK.sub("", spaced).strip()


def read_line(text: str) -> str | Noted:
    """A one-line text as stored: stripped, and with the spacing rule above (noted when it changed the inside)."""
    stripped = text.strip()
    if is_plain_line(stripped):
        return stripped
    cleaned = _cleaned(text)
    if cleaned == stripped:
        return stripped
    return Noted(
        cleaned,
        "spacing",
        f"去掉了看不见的字符、换行或多余的空格，记为“{cleaned}”",
        f"invisible characters, line breaks or extra spaces taken out; stored as “{cleaned}”",
    )
