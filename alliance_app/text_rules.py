"""What text no store can hold: the one rule for the wire, the forms, the imports and the command line's arguments.

Kept outside the models package so the command line can check its arguments before it imports the models (the
window's start path reaches its first paint without the store layer)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Text no store can hold as the user meant it: NUL, and UTF-16 surrogates standing alone (JSON's "\\ud800"
# decodes to one; a proper pair decodes to the character it encodes, never to surrogates).
BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why a text cannot be stored (English), or None."""
    if BAD_TEXT.search(value) is None:
        return None
    if "\x00" in value:
        return "contains a NUL character"
    return "contains a lone UTF-16 surrogate, which is not a character"


def all_storable(texts: Iterable[str]) -> bool:
    """Whether no text of these has a `text_problem`: one search of them joined (a record's rules ask it of every
    text field, and nearly every record's texts are fine). The separator is no character the rule refuses, and
    the rule refuses single characters, so the joined text has a problem exactly where one of the texts has."""
    return BAD_TEXT.search("\x01".join(texts)) is None
