"""The reports page compiles the annual report in the background, with progress and cancel, and offers the PDF."""

from __future__ import annotations

from pathlib import Path

from alliance_app.services import Desk


def test_compiling_the_report_writes_the_pdf_and_offers_to_open_it(open_window, small_alliance, tmp_path):
    folder, _ids = small_alliance
    page = open_window(folder, lang="en").window.show_page("reports")
    assert page.compile_button.isEnabled()
    target = tmp_path / "report.pdf"
    page.compile_to(str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert page.pdf == target
    assert page.open_button.isVisibleTo(page) and "Saved" in page.status.text()
    assert page.compile_button.isEnabled() and not page.cancel_button.isVisibleTo(page)


def test_cancelling_the_report_leaves_no_file(qtbot, small_alliance, tmp_path: Path):
    from alliance_app.ui.app import DeskApplication, _qt_app

    folder, _ids = small_alliance
    _qt_app()
    desk_app = DeskApplication(Desk.open(folder), "en")  # the window's own worker threads
    try:
        window = desk_app.build_window(first_run=False)
        page = window.show_page("reports")
        target = tmp_path / "cancelled.pdf"
        page.compile_to(str(target))
        page.cancel_button.click()  # checked after the figures and after every section
        qtbot.waitUntil(lambda: page.compile_button.isEnabled(), timeout=30_000)
        assert "cancelled" in page.status.text()
        assert not target.exists()
        window.close()
    finally:
        desk_app.close()
