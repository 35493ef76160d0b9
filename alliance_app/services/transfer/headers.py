"""Matches a file's header cells to a kind's columns, in Chinese or English, by label, other names or field name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from alliance_app.services.transfer.cells import header_unit
from alliance_app.services.transfer.columns import (
    EXPORT_KINDS,
    ID_COLUMN,
    IMPORT_KINDS,
    KIND_LABELS,
    PERIOD_COLUMN,
    columns,
    columns_by_name,
    period_fields,
)
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
    for column in columns(kind, importing=True):
        for text in (column.zh, column.en, column.name, *column.aliases):
            found.setdefault(normalise(text), column.name)
    return found


# A running number of the sheet's rows: never a field, so leaving it out needs no one's attention.
_SERIAL_HEADERS = {"序号", "序", "行号", "no", "no.", "#", "serialnumber", "s/n", "sn"}


def is_serial_header(header: str) -> bool:
    return normalise(header) in {normalise(h) for h in _SERIAL_HEADERS}


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
    likelier: RowProblem | None = None  # the file's columns are another kind's (a roster opened on Projects)

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
            if header.strip() and not is_serial_header(header):
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
    period = period_fields(kind)
    if PERIOD_COLUMN in first and period and any(n in first for n in period):
        match.problems.append(_period_twice(kind, headers[first[PERIOD_COLUMN]], first[PERIOD_COLUMN]))
    match.likelier = _likelier_kind(kind, headers, len(match.mapping))
    return match


def _likelier_kind(kind: str, headers: list[str], matched: int) -> RowProblem | None:
    """A note when another kind's columns name clearly more of the file's columns than this kind's: a member roster
    opened with Import… on the Projects page would otherwise show mostly "leave out" and a row of refusals."""
    named = [h for h in headers if h.strip() and not is_serial_header(h)]
    best, best_count = None, matched
    for other in IMPORT_KINDS:
        if other != kind:
            count = len({column_for(other, h) for h in named} - {None, ID_COLUMN})
            if count > best_count:
                best, best_count = other, count
    if best is None or best_count < matched + 2 or best_count * 2 < len(named):
        return None
    zh_kind, en_kind = KIND_LABELS[best]
    zh_here, en_here = KIND_LABELS[kind]
    return RowProblem(
        None, None, None, None, "", "likelier_kind",
        f"这个文件的列更像{zh_kind}（{len(named)} 列中 {best_count} 列可对应，{zh_here}只有 {matched} 列）；"
        f"请确认要导入的是{zh_here}，否则请作为{zh_kind}导入",
        f"The file's columns look like {en_kind.lower()} ({best_count} of {len(named)} columns match, only {matched} "
        f"as {en_here.lower()}); make sure these are {en_here.lower()}, or import it as {en_kind.lower()}",
    )  # fmt: skip


def column_units(kind: str, headers: list[str], mapping: dict[int, str]) -> dict[int, str]:
    """File column → the money unit its header names, where that is not the field's own unit (投资额（元）)."""
    units = {}
    specs = {c.name: c.spec for c in columns(kind, importing=True)}
    for index, name in mapping.items():
        spec = specs.get(name)
        unit = header_unit(headers[index]) if spec is not None and spec.unit else None
        if spec is not None and unit and unit != spec.unit:
            units[index] = unit
    return units


def _period_twice(kind: str, header: str, index: int) -> RowProblem:
    by_name = columns_by_name(kind)
    start, end = (by_name[n] for n in period_fields(kind) or ())
    return RowProblem(
        None,
        header,
        header,
        PERIOD_COLUMN,
        "",
        "duplicate_column",
        f"“{header}”一列已含{start.zh}和{end.zh}，文件又另有这两列之一；请删除其中一种",
        f"The column “{header}” holds both {start.en.lower()} and {end.en.lower()}, and the file has a column for "
        "one of them too; remove one or the other",
        index,
    )
