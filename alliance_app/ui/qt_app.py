"""The one QApplication: its names, the bundled font and the dialogs' fit to the screen (before any window)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from alliance_app.ui.fonts import register_ui_fonts
from alliance_app.ui.screen_fit import fit_every_dialog


def qt_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Alliance Desk")
    app.setOrganizationName("HubeiAIAlliance")
    register_ui_fonts(app)
    fit_every_dialog(app)
    return app
