"""The one base of every error a user can meet: a sentence in Chinese and English, shown as it is.

Every refusal of the app derives from `AllianceError` (Anki's errors.py), so one dialog in ui/, the command line's
one `except` and the server's answers all read the same two attributes. An error class never re-implements
`message`: a class the dialog does not know cannot exist.

It stands outside the models (which re-export it) and imports nothing, so the command line can say a sentence before
SQLAlchemy is loaded: the window's start checks its display first (ui/display_libraries.py).
"""

from __future__ import annotations


class AllianceError(Exception):
    """A refusal or failure the user can understand and act on; `code` is stable for programs and tests."""

    code: str = "error"

    def __init__(self, zh: str, en: str, *, code: str | None = None):
        super().__init__(en)
        self.zh, self.en = zh, en
        if code is not None:
            self.code = code

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en
