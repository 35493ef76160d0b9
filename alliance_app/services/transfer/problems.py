"""What can be wrong with a file: a whole-file error, and a problem of one cell or row, in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass

from alliance_app.models.errors import AllianceError


class TransferError(AllianceError):
    """The file cannot be read or written at all: one sentence saying why and what to do, in both languages."""


class ImportCancelled(TransferError):
    """The user cancelled a running import or export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消，没有写入任何数据。", "Cancelled; nothing was written.")


@dataclass(frozen=True)
class RowProblem:
    """One mistake in the file: the sheet row as the user sees it (None for the whole file), the column as the
    file names it, the field it maps to, the cell's text and the message in both languages."""

    row: int | None
    column_zh: str | None
    column_en: str | None
    field: str | None
    value: str
    code: str
    zh: str
    en: str
    column_index: int | None = None  # 0-based column of the file, for a wizard to highlight the cell

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def line(self, lang: str = "zh") -> str:
        """`行 12 · 电话 · "123" · 电话号码格式不正确…` / `row 12 · Phone · "123" · Not a valid phone number…`"""
        parts = []
        if self.row is not None:
            parts.append(f"行 {self.row}" if lang == "zh" else f"row {self.row}")
        column = self.column_zh if lang == "zh" else self.column_en
        if column:
            parts.append(column)
        if self.row is not None and column:
            parts.append(f'"{self.value}"')
        parts.append(self.message(lang))
        return " · ".join(parts)
