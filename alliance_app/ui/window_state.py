"""Window state (geometry, column order and widths, last page) kept in the data folder, apart from user settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

STATE_FILE = "window_state.ini"
# Every key of the file, declared once: the window's size and place, the page it showed, and per list its
# columns' order and widths (keyed by the list's own state key).
GEOMETRY = "window/geometry"
PAGE = "window/page"


def columns_key(list_key: str) -> str:
    return f"columns/{list_key}"


class WindowState:
    """What the window looked like when it was last closed; losing it only costs the user a resize."""

    def __init__(self, folder: Path):
        self.path = folder / STATE_FILE
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def value(self, key: str, default: Any = None) -> Any:
        return self._settings.value(key, default)

    def put(self, key: str, value: Any) -> None:
        self._settings.setValue(key, value)

    def save(self) -> None:
        self._settings.sync()
