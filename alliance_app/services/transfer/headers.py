"""Matches a file's header cells to a kind's columns, in Chinese or English, by label, other names or field name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from alliance_app.services.transfer.columns import EXPORT_KINDS, columns, columns_by_name
from alliance_app.services.transfer.problems import RowProblem

_BRACKETED = re.compile(r"\(.*?\)|\[.*?\]|【.*?】")


def normalise(header: str) -> str:
    """A header as compared: full-width folded, case-folded, without spaces, required-marks or a trailing colon."""
    text = unicodedata.normalize("NFKC", header).casefold()
    text = re.sub(r"\s+", "", text).strip("*:：")
    return text.replace("_", "").replace("-", "").replace("/", "")


@cache
def _names(kind: str) -> dict[str, str]:
    """Normalised header text → column name, for every label, other name and field name of the kind."""
    found: dict[str, str] = {}
    for column in columns(kind):
        for text in (column.zh, column.en, column.name, *column.aliases):
            found.setdefault(normalise(text), column.name)
    return found


def column_for(kind: str, header: str) -> str | None:
    """The column a header names, or None. "投资额（万元）", "投资额" and "Investment" all name investment."""
    names = _names(kind)
    key = normalise(header)
    if not key:
        return None
    if key in names:
        return names[key]
    bare = _BRACKETED.sub("", key)  # a unit or note in brackets: "电话(手机)"
    return names.get(bare) if bare else None


def is_known_header(kind: str) -> Callable[[str], bool]:
    """A test for read_table: whether a cell names one of the kind's columns."""
    return lambda text: column_for(kind, text) is not None


def is_known_header_any(text: str) -> bool:
    return any(column_for(kind, text) is not None for kind in EXPORT_KINDS)


@dataclass
class HeaderMatch:
    """Which file column feeds which of the kind's columns; what is left for the user to map or leave out."""

    kind: str
    mapping: dict[int, str]  # file column index → column name (a field, "partners" or "id")
    unknown: list[tuple[int, str]] = field(default_factory=list)  # file columns that name nothing of the kind
    problems: list[RowProblem] = field(default_factory=list)  # a column named twice

    def header_of(self, name: str, headers: list[str]) -> str | None:
        return next((headers[i] for i, n in self.mapping.items() if n == name), None)


def match_headers(kind: str, headers: list[str]) -> HeaderMatch:
    """Maps each header to a column of `kind`. A second column naming the same field is a problem (which
    one would win?), so the user removes or renames one of them."""
    match = HeaderMatch(kind, {})
    first: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = column_for(kind, header)
        if name is None:
            if header.strip():
                match.unknown.append((index, header))
            continue
        if name in first:
            column = columns_by_name(kind)[name]
            earlier = headers[first[name]]
            match.problems.append(
                RowProblem(
                    None,
                    header,
                    header,
                    name,
                    "",
                    "duplicate_column",
                    f"“{header}”和“{earlier}”两列都是{column.zh}，请删除或改名其中一列",
                    f"The columns “{header}” and “{earlier}” are both {column.en}; remove or rename one of them",
                    index,
                )
            )
            continue
        first[name] = index
        match.mapping[index] = name
    return match
