"""Reads a spreadsheet (.xlsx, .xls, .ods; .csv in UTF-8 / UTF-8 with BOM / GB18030 / UTF-16) into rows of text.

Every cell becomes text before any field sees it, so a phone number or a credit code keeps its leading zeros
and digits; typed cells (numbers, dates) are written as plain text the field parsers accept. The file type is
told by its first bytes, not its name, and any unreadable file becomes one TransferError sentence.
"""

from __future__ import annotations

import csv
import io
import zipfile
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


@dataclass
class RawRow:
    number: int  # the row number the spreadsheet shows (1-based), so messages point at the right row
    cells: list[str]


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


def _error(zh: str, en: str) -> TransferError:
    return TransferError(zh, en)


# A CSV cell starting with one of these is a formula to Excel and WPS (=HYPERLINK(...), +cmd|...). The export
# writes such text with a leading apostrophe, and reading a CSV takes it off again, so a round trip is exact.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _undefused(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


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
        f"文件 {name} 不是可读取的表格（支持 .xlsx、.xls 和 .csv）；请在 Excel 或 WPS 中另存为 .xlsx 后再导入。",
        f"The file {name} is not a readable spreadsheet (.xlsx, .xls and .csv are supported); "
        "save it as .xlsx from Excel or WPS, then import it.",
    )


_SPREADSHEET_PARTS = ("xl/workbook.xml", "content.xml")  # Office Open XML; OpenDocument (LibreOffice .ods)


def _check_zip(data: bytes, name: str) -> None:
    """A zip file is a workbook only if it holds one; a cut-off or damaged one is told as such, not as a bug."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if not any(part in names for part in _SPREADSHEET_PARTS):
                raise _not_a_table(name)
            if archive.testzip() is not None:
                raise _damaged(name)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise _damaged(name) from error


def _workbook_grid(data: bytes, name: str, sheet: str | None) -> tuple[list[str], str, list[tuple[int, list[str]]]]:
    """The rows of one sheet of an .xlsx, .xls or .ods workbook, read by calamine (typed cells, made text)."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheetnames = list(book.sheet_names)
        chosen = _choose_sheet(sheetnames, sheet, name)
        worksheet = book.get_sheet_by_name(chosen)
        first_row = worksheet.start[0] + 1 if worksheet.start else 1
        values = worksheet.to_python(skip_empty_area=True)
    except PasswordError as error:
        raise _encrypted(name) from error
    except (CalamineError, ValueError, OSError) as error:
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            raise _encrypted(name) from error
        raise _damaged(name) from error
    return sheetnames, chosen, [(first_row + i, [cell_text(v) for v in row]) for i, row in enumerate(values)]


def _choose_sheet(sheetnames: list[str], sheet: str | None, name: str) -> str:
    if not sheetnames:
        raise _not_a_table(name)
    if sheet is None:
        return sheetnames[0]
    if sheet not in sheetnames:
        raise _error(
            f"文件 {name} 中没有名为“{sheet}”的工作表（有：{'、'.join(sheetnames)}）。",
            f"The file {name} has no sheet named “{sheet}” (it has: {', '.join(sheetnames)}).",
        )
    return sheet


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


def _csv_grid(data: bytes, name: str) -> tuple[str, list[tuple[int, list[str]]]]:
    text, encoding = decode_text(data, name)
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > 8:
        raise _not_a_table(name)
    sample = text[:65536]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return encoding, [(number, [_undefused(c) for c in cells]) for number, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise _not_a_table(name) from error


def _header_row(grid: list[tuple[int, list[str]]], score: Callable[[str], bool]) -> int:
    """The index in `grid` of the header row: of the first rows, the one with the most known column names;
    failing any, the first row with something in it."""
    best, best_hits = None, 0
    for index, (_number, cells) in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        hits = sum(1 for c in cells if c.strip() and score(c))
        if hits > best_hits:
            best, best_hits = index, hits
    if best is not None:
        return best
    return next((i for i, (_n, cells) in enumerate(grid) if any(c.strip() for c in cells)), 0)


def _headers(grid: list[tuple[int, list[str]]], index: int, width: int) -> list[str]:
    """The header row, with a cell left empty by a merge reaching down from the rows above filled from them."""
    headers = [c.strip() for c in grid[index][1]] + [""] * (width - len(grid[index][1]))
    for column, text in enumerate(headers):
        if text:
            continue
        for above in range(index - 1, -1, -1):
            cells = grid[above][1]
            if column < len(cells) and cells[column].strip():
                headers[column] = cells[column].strip()
                break
    return headers


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    is_header: Callable[[str], bool] | None = None,
) -> RawTable:
    """Reads the first sheet (or `sheet`) of a spreadsheet file as text. `is_header` tells a known column name
    (headers.is_known_header(kind)), to find the header row below title rows and merged group headers."""
    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise _error(
            f"文件 {path.name} 是空的，没有可导入的内容。", f"The file {path.name} is empty; nothing to import."
        )
    sheets: list[str] = []
    chosen: str | None = None
    encoding: str | None = None
    if data.startswith(_ZIP):
        _check_zip(data, path.name)
        sheets, chosen, cells = _workbook_grid(data, path.name, sheet)
    elif data.startswith(_OLE2):
        # A password-protected .xlsx is an OLE2 container holding the encrypted package.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise _encrypted(path.name)
        sheets, chosen, cells = _workbook_grid(data, path.name, sheet)
    else:
        encoding, cells = _csv_grid(data, path.name)
    grid = [(n, row) for n, row in cells if any(c.strip() for c in row)]
    if not grid:
        raise _error(
            f"文件 {path.name} 中没有内容，没有可导入的数据。", f"The file {path.name} has nothing in it to import."
        )
    if is_header is None:
        from alliance_app.services.transfer.headers import is_known_header_any

        is_header = is_known_header_any
    index = _header_row(grid, is_header)
    width = max(len(row) for _n, row in grid)
    headers = _headers(grid, index, width)
    rows = [RawRow(n, row + [""] * (width - len(row))) for n, row in grid[index + 1 :]]
    # Columns with neither a header nor any value (formatting that reaches past the table) are left out.
    keep = [c for c in range(width) if headers[c] or any(r.cells[c].strip() for r in rows)]
    if len(keep) < width:
        headers = [headers[c] for c in keep]
        rows = [RawRow(r.number, [r.cells[c] for c in keep]) for r in rows]
    return RawTable(headers, rows, grid[index][0], chosen, sheets, encoding)
