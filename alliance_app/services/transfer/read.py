"""Reads a spreadsheet (.xlsx, .xls, .ods; .csv in UTF-8 / UTF-8 with BOM / GB18030 / UTF-16) into rows of text.

Every cell becomes text before any field sees it, so a phone number or a credit code keeps its leading zeros
and digits; typed cells (numbers, dates) are written as plain text the field parsers accept. The file type is
told by its first bytes, not its name, and any unreadable file becomes one TransferError sentence.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from alliance_app.services.transfer.problems import TransferError

MAX_FILE_BYTES = 100 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# How many rows from the top may hold titles and merged group headers above the real header row.
_HEADER_SEARCH_ROWS = 10


@dataclass(slots=True)
class RawRow:
    number: int  # the row number the spreadsheet shows (1-based), so messages point at the right row
    cells: list[str]
    numbers: frozenset[int] = frozenset()  # columns whose cell is a number in the file (not text, not a date)


@dataclass
class RawTable:
    """A sheet as text: the header row (titles and merged group rows above it already set aside) and the
    non-empty data rows below it, each with its real row number."""

    headers: list[str]
    rows: list[RawRow]
    header_rows: int  # rows from the top of the sheet down to and including the header row
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None  # of a CSV file
    hidden_rows: list[int] = field(default_factory=list)  # data rows hidden or filtered out in the file
    source_columns: list[int] = field(default_factory=list)  # each column's place in the sheet's rows as read
    merged_down: list[Any] = field(default_factory=list)  # merged.MergedDown: a merge's value given to its rows


def _error(zh: str, en: str) -> TransferError:
    return TransferError(zh, en)


# A CSV cell starting with one of these is a formula to Excel and WPS (=HYPERLINK(...), +cmd|...). The export
# writes such text with a leading apostrophe; reading takes it off again from every format (a CSV opened and saved
# as .xlsx by a spreadsheet keeps the apostrophe as text), so a round trip is exact. Text that itself starts with
# an apostrophe before such a character is guarded too, so that taking one off never changes what was stored.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str, *, csv: bool = True) -> str:
    """Text as an export writes it: with the guard apostrophe where a spreadsheet would run it as a formula (a
    CSV), or where reading it back would otherwise take off an apostrophe of its own (every format)."""
    if text.lstrip("'").startswith(FORMULA_START) and (csv or text.startswith("'")):
        return "'" + text
    return text


def undefused(text: str) -> str:
    """A cell's text without the export's guard apostrophe (the inverse of `defused`)."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


def cell_text(value: Any) -> str:
    """A typed cell as the text a user would type for it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _error(
                f"文件 {path.name} 太大（{size // 1024 // 1024} MB），"
                f"最多 {MAX_FILE_BYTES // 1024 // 1024} MB；请拆分后分批导入。",
                f"The file {path.name} is too large ({size // 1024 // 1024} MB, at most "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB); split it and import the parts.",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise _error(f"找不到文件 {path}，请检查路径。", f"No file at {path}; check the path.") from None
    except IsADirectoryError:
        raise _error(
            f"{path} 是文件夹，请选择一个表格文件。", f"{path} is a folder; choose a spreadsheet file."
        ) from None
    except PermissionError:
        raise _error(
            f"没有权限读取文件 {path}；如果它在 Excel 中打开着，请先关闭。",
            f"No permission to read {path}; if it is open in Excel, close it first.",
        ) from None


def _damaged(name: str) -> TransferError:
    return _error(
        f"文件 {name} 已损坏或不完整（可能没有下载或复制完），无法读取；"
        "请在 Excel 或 WPS 中重新保存，或重新获取文件后再导入。",
        f"The file {name} is damaged or incomplete (perhaps not fully downloaded or copied) and cannot be read; "
        "save it again from Excel or WPS, or get the file again, then import it.",
    )


def _encrypted(name: str) -> TransferError:
    return _error(
        f"文件 {name} 设有打开密码，无法读取；"
        "请在 Excel 中去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）并保存后再导入。",
        f"The file {name} is password-protected and cannot be read; remove the password in Excel (File → Info → "
        "Protect Workbook → Encrypt with Password, clear it), save, then import it.",
    )


def _not_a_table(name: str) -> TransferError:
    return _error(
        f"文件 {name} 不是可读取的表格（支持 .xlsx、.xls、.ods 和 .csv）；请在 Excel 或 WPS 中另存为 .xlsx 后再导入。",
        f"The file {name} is not a readable spreadsheet (.xlsx, .xls, .ods and .csv are supported); "
        "save it as .xlsx from Excel or WPS, then import it.",
    )


_SPREADSHEET_PARTS = ("xl/workbook.xml", "content.xml")  # Office Open XML; OpenDocument (LibreOffice .ods)


def _check_zip(data: bytes, name: str) -> dict[str, bytes]:
    """A zip file is a workbook only if it holds one; a cut-off or damaged one is told as such, not as a bug.
    Every part is read through to its checksum, as ZipFile.testzip reads them; the XML parts read are returned,
    so that the rows hidden in the sheet are looked for without taking the sheet out of the zip a second time
    (a 10,000-row sheet is 7 MB of XML)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if not any(part in names for part in _SPREADSHEET_PARTS):
                raise _not_a_table(name)
            parts = {}
            for info in archive.infolist():
                content = archive.read(info)  # a checksum that does not match raises BadZipFile
                if info.filename.endswith((".xml", ".rels")):
                    parts[info.filename] = content
            return parts
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:  # zlib: junk where data was
        raise _damaged(name) from error


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 (with or without BOM), UTF-16 with BOM,
    GB18030 (which reads GBK and GB2312), else whatever charset-normalizer is sure of."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data[:65536]:
            raise _not_a_table(name)
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise _not_a_table(name)
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as error:
        raise _not_a_table(name) from error


def _csv_dialect(sample: str) -> Any:
    """The delimiter that splits the first lines into the same number of cells, most often and into most cells:
    a semicolon file whose cells hold commas ("小米, 武汉") is still a semicolon file."""
    lines = sample.splitlines()[:50]
    best: tuple[float, int, str] | None = None
    for delimiter in (",", ";", "\t", "|"):
        if not any(delimiter in line for line in lines):
            continue
        counts = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter) if any(r)]
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        score = (counts.count(common) / len(counts), common, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    dialect = csv.excel()
    dialect.delimiter = best[2] if best else ","
    return dialect


def _csv_grid(data: bytes, name: str) -> tuple[str, list[RawRow]]:
    text, encoding = decode_text(data, name)
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > 8:
        raise _not_a_table(name)
    reader = csv.reader(io.StringIO(text, newline=""), _csv_dialect(text[:65536]))
    try:
        return encoding, [RawRow(number, cells) for number, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise _not_a_table(name) from error


def header_row(grid: list[RawRow], score: Callable[[str], bool]) -> tuple[int, int]:
    """The index in `grid` of the header row and how many known column names it has: of the first rows, the one
    with the most; failing any, the first row with something in it."""
    best, best_hits = None, 0
    for index, row in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        hits = sum(1 for c in row.cells if c.strip() and score(c))
        if hits > best_hits:
            best, best_hits = index, hits
    if best is not None:
        return best, best_hits
    return next((i for i, row in enumerate(grid) if any(c.strip() for c in row.cells)), 0), 0


def _headers(grid: list[RawRow], index: int, width: int) -> list[str]:
    """The header row, with a cell left empty by a merge reaching down from the rows above filled from them."""
    headers = [c.strip() for c in grid[index].cells] + [""] * (width - len(grid[index].cells))
    for column, text in enumerate(headers):
        if text:
            continue
        for above in range(index - 1, -1, -1):
            cells = grid[above].cells
            if column < len(cells) and cells[column].strip():
                headers[column] = cells[column].strip()
                break
    return headers


def read_table(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    is_header: Callable[[str], bool] | None = None,
) -> RawTable:
    """Reads a spreadsheet file as text: `sheet` by name or 1-based number, by default the first sheet whose
    header row names known columns (a workbook often opens with a 填表说明 sheet). `is_header` tells a known
    column name (headers.is_known_header(kind)), to find the header row below title rows and merged group headers."""
    from alliance_app.services.transfer.merged import fill_merged_down
    from alliance_app.services.transfer.workbook import Workbook

    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise _error(
            f"文件 {path.name} 是空的，没有可导入的内容。", f"The file {path.name} is empty; nothing to import."
        )
    if is_header is None:
        from alliance_app.services.transfer.headers import is_known_header_any

        is_header = is_known_header_any
    parts = None
    if data.startswith(_ZIP):
        parts = _check_zip(data, path.name)
    elif data.startswith(_OLE2) and "EncryptedPackage".encode("utf-16-le") in data:
        # A password-protected .xlsx is an OLE2 container holding the encrypted package.
        raise _encrypted(path.name)
    if data.startswith((_ZIP, _OLE2)):
        book = Workbook(data, path.name, parts)
        chosen = book.choose(sheet, lambda rows: header_row(_filled(rows), is_header)[1])
        table = _table(_filled(book.rows(chosen)), is_header, path.name)
        table.sheet, table.sheets = chosen, book.names
        fill_merged_down(table, book.merges(chosen), book.first_column(chosen))
        shown = {r.number for r in table.rows}
        table.hidden_rows = [n for n in book.hidden_rows(chosen) if n in shown]
        return table
    encoding, rows = _csv_grid(data, path.name)
    table = _table(_filled(rows), is_header, path.name)
    table.encoding = encoding
    return table


def _unguarded(cells: list[str]) -> list[str]:
    """The row's cells without the export's guard apostrophes (the same list when none has one: a row without any
    apostrophe, nearly every row, is told by one search of its joined text instead of a look at each cell)."""
    if "'" not in "".join(cells):
        return cells
    return [undefused(c) if c[:1] == "'" else c for c in cells]


def _filled(rows: list[RawRow]) -> list[RawRow]:
    return [r for r in rows if any(map(str.strip, r.cells))]  # every cell is text here (workbook._row, csv)


def _table(grid: list[RawRow], is_header: Callable[[str], bool], name: str) -> RawTable:
    if not grid:
        raise _error(f"文件 {name} 中没有内容，没有可导入的数据。", f"The file {name} has nothing in it to import.")
    index, _hits = header_row(grid, is_header)
    width = max(len(r.cells) for r in grid)
    headers = _headers(grid, index, width)
    rows = [RawRow(r.number, _unguarded(r.cells) + [""] * (width - len(r.cells)), r.numbers)
            for r in grid[index + 1 :]]  # fmt: skip
    # Columns with neither a header nor any value (formatting that reaches past the table) are left out.
    keep = [c for c in range(width) if headers[c] or any(r.cells[c].strip() for r in rows)]
    table = RawTable(headers, rows, grid[index].number, source_columns=keep)
    if len(keep) < width:
        headers = [headers[c] for c in keep]
        new_index = {old: new for new, old in enumerate(keep)}
        rows = [
            RawRow(r.number, [r.cells[c] for c in keep], frozenset(new_index[c] for c in r.numbers if c in new_index))
            for r in rows
        ]
        table.headers, table.rows = headers, rows
    return table
