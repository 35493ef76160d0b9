"""Writes records to .xlsx or .csv (UTF-8 with BOM, so Excel shows Chinese) as people read them: headers in the
chosen language, names not codes or ids, dates as dates, numbers as numbers; a file import reads back unchanged."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alliance_app.long_work import no_gc_pauses
from alliance_app.models import PARTNER_LINKS, RECORDS_BY_KIND, Domain, Labelled
from alliance_app.services.desk import Desk
from alliance_app.services.member_names import MemberDirectory
from alliance_app.services.queries import RecordQuery
from alliance_app.services.transfer.columns import EXPORT_KINDS, KIND_LABELS, PARTNERS_COLUMN, Column
from alliance_app.services.transfer.columns import columns as kind_columns
from alliance_app.services.transfer.plan import CancelCheck, Progress, tick
from alliance_app.services.transfer.problems import TransferError
from alliance_app.services.transfer.read import cell_text, defused
from alliance_app.services.transfer.xlsx_file import write_xlsx

_CHUNK = 500
_SEPARATOR = {"zh": "；", "en": "; "}
_WIDTH_SAMPLE = 500  # rows looked at to size the columns
_MAX_WIDTH = 60


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


class _Names:
    """What a file shows for a reference: a member's name, a project's title, ... and partner lists."""

    def __init__(self, session: Session, kind: str, record_ids: Sequence[str]):
        self.members = MemberDirectory.load(session)
        self.titles: dict[str, dict[str, str]] = {}
        for column in kind_columns(kind):
            ref = column.spec.ref if column.spec else None
            if ref and ref != "member" and ref not in self.titles:
                cls = RECORDS_BY_KIND[ref]
                title = getattr(cls, cls.title_column)
                self.titles[ref] = {i: str(t) for i, t in session.execute(select(cls.id, title))}
        self.partners: dict[str, list[str]] = {}
        if kind in PARTNER_LINKS:
            link_kind, parent_column = PARTNER_LINKS[kind]
            link = RECORDS_BY_KIND[link_kind]
            wanted = set(record_ids)
            rows = session.execute(
                select(getattr(link, parent_column), link.member_id)  # type: ignore[attr-defined]
                .where(link.deleted.is_(False))
                .order_by(link.id)
            )
            for parent_id, member_id in rows:
                if parent_id in wanted:
                    self.partners.setdefault(parent_id, []).append(member_id)


def _cell(column: Column, record: dict[str, Any], names: _Names, lang: str) -> Any:
    """A record's value for one column, as the spreadsheet shows it (typed: dates, numbers stay so)."""
    if column.name == PARTNERS_COLUMN:
        members = names.partners.get(record["id"], [])
        return _SEPARATOR[lang].join(names.members.name(m, lang) for m in members) or None
    value = record.get(column.name)
    spec = column.spec
    if value is None or spec is None:
        return value
    if spec.ref == "member":
        return names.members.name(value, lang)
    if spec.ref:
        return names.titles.get(spec.ref, {}).get(value, value)
    if isinstance(value, Labelled):
        return value.label(lang)
    if spec.type == "domains":
        return _SEPARATOR[lang].join(Domain(code).label(lang) for code in value) or None
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    return value


def _width(value: Any) -> int:
    """Display width in Excel's character units: a Chinese character takes about two."""
    text = value.isoformat() if isinstance(value, date) else cell_text(value)
    text = max(text.split("\n"), key=len) if text else ""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _records(
    desk: Desk, kind: str, record_ids: Sequence[str], progress: Progress | None, cancelled: CancelCheck | None
) -> Iterator[dict[str, Any]]:
    total = len(record_ids)
    for start in range(0, total, _CHUNK):
        yield from desk.rows(kind, record_ids[start : start + _CHUNK])
        tick(progress, cancelled, min(start + _CHUNK, total), total, every=1)


def _write_xlsx(path: Path, title: str, headers: list[str], rows: list[list[Any]]) -> None:
    widths = [_width(h) for h in headers]
    for row in rows[:_WIDTH_SAMPLE]:
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=True)]
    # An apostrophe of the text's own before = + - @ gets the guard, which reading takes off again.
    write_xlsx(path, title[:31], headers, rows, [min(w + 2, _MAX_WIDTH) for w in widths], guard=_xlsx_guard)


def _xlsx_guard(text: str) -> str:
    return defused(text, csv=False)


def _write_csv(path: Path, headers: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        # Text only: a negative amount is a number to Excel, not a formula.
        writer.writerows([defused(v) if isinstance(v, str) else cell_text(v) for v in row] for row in rows)


def export_records(
    desk: Desk,
    kind: str,
    path: str | Path,
    *,
    lang: str = "zh",
    query: RecordQuery | None = None,
    ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ExportResult:
    """Writes the records of `kind` (those with `ids`, else those `query` finds, else all) to `path`, an .xlsx
    or .csv file, as `desk`'s account sees them. The file appears whole or not at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if kind not in EXPORT_KINDS:
        raise TransferError(f"没有这种记录类型：{kind}", f"No such record kind: {kind}")
    if suffix not in (".xlsx", ".csv"):
        raise TransferError(
            f"不能导出为 {suffix or '无扩展名'} 文件；请使用 .xlsx 或 .csv 扩展名。",
            f"Cannot export to a {suffix or 'no-extension'} file; name it .xlsx or .csv.",
        )
    columns = kind_columns(kind)
    headers = [c.label(lang) for c in columns]
    # Every id, name and row is made and kept until the file is written (and XlsxWriter keeps a cell object per
    # cell): no GC rescans of them meanwhile (10,000 projects: about a third of the export's CPU, as in the
    # import's check), nor of what the process held before (after an import, its plan: its first collections
    # fell here). The rows go before collections resume, so none has them to scan either.
    with no_gc_pauses():
        record_ids = list(ids) if ids is not None else desk.ids(kind, query or RecordQuery(limit=None))
        with desk.store.read() as session:
            names = _Names(session, kind, record_ids)
        rows = [
            [_cell(c, record, names, lang) for c in columns]
            for record in _records(desk, kind, record_ids, progress, cancelled)
        ]
        _write_atomically(path, suffix, kind, lang, headers, rows)
        written = len(rows)
        del rows
    return ExportResult(path, written)


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def _write_atomically(path: Path, suffix: str, kind: str, lang: str, headers: list[str], rows: list[list[Any]]) -> None:
    try:
        fd, tmp_name = tempfile.mkstemp(suffix=suffix, prefix=".export-", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.chmod(0o666 & ~_umask())  # mkstemp makes 0600: an exported file is the user's, shared as any other
        try:
            if suffix == ".xlsx":
                _write_xlsx(tmp, KIND_LABELS[kind][0 if lang == "zh" else 1], headers, rows)
            else:
                _write_csv(tmp, headers, rows)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except PermissionError:
        raise TransferError(
            f"无法写入 {path}：没有权限，或文件正在 Excel 中打开；请关闭文件或换一个位置。",
            f"Cannot write {path}: no permission, or the file is open in Excel; close it or choose another place.",
        ) from None
    except FileNotFoundError:
        raise TransferError(
            f"无法写入 {path}：文件夹不存在。", f"Cannot write {path}: the folder does not exist."
        ) from None
    except OSError as error:
        raise TransferError(f"无法写入 {path}：{error.strerror}", f"Cannot write {path}: {error.strerror}") from None
