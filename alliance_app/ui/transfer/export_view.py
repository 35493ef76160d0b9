"""Export… on a list page: the records the list shows now (search and filters, all pages) to .xlsx or .csv."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir
from PySide6.QtWidgets import QFileDialog, QWidget

from alliance_app.services import RecordQuery
from alliance_app.ui.workspace import Workspace


def choose_export_file(parent: QWidget, workspace: Workspace, kind: str, query: RecordQuery, title: str) -> None:
    xlsx = QCoreApplication.translate("ExportView", "Excel workbook") + " (*.xlsx)"
    csv = QCoreApplication.translate("ExportView", "CSV, UTF-8") + " (*.csv)"
    suggested = str(Path(QDir.homePath()) / f"{title}.xlsx")
    name, chosen = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("ExportView", "Export the list"), suggested, f"{xlsx};;{csv}"
    )
    if not name:
        return
    if Path(name).suffix.lower() not in (".xlsx", ".csv"):
        name += ".csv" if chosen == csv else ".xlsx"
    export_view(parent, workspace, kind, query, name)


def export_view(parent: QWidget, workspace: Workspace, kind: str, query: RecordQuery, path: str) -> None:
    """Writes in the background; a busy dialog shows if it takes a while, a status message says where it went."""
    from alliance_app.services.transfer import export_records

    every = replace(query, offset=0, limit=None)  # what the list shows, not only the pages fetched so far
    lang = workspace.lang

    def done(result: object) -> None:
        window = parent.window()
        rows = getattr(result, "rows", 0)
        message = QCoreApplication.translate("ExportView", "Exported %1 record(s) to %2.")
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(message.replace("%1", str(rows)).replace("%2", path), 10_000)

    workspace.read(parent, lambda desk: export_records(desk, kind, path, lang=lang, query=every)).with_progress(
        QCoreApplication.translate("ExportView", "Exporting…")
    ).success(done).run()
