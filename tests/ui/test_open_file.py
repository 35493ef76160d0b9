"""打开 PDF on a computer without a PDF program says so and offers the folder and the path, instead of nothing.

The desktop's file associations are the machine's edge: `xdg-mime` and `xdg-open` are replaced by small scripts on
PATH (one answers which program opens a type, the other records what it was asked to open)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from alliance_app.ui.open_file import NoProgramBox


def _fake_desktop(bin_dir: Path, programs: dict[str, str], opened: Path) -> None:
    bin_dir.mkdir()
    answers = "\n".join(f'  "{mime}") echo "{program}" ;;' for mime, program in programs.items())
    scripts = {
        "xdg-mime": f'#!/bin/sh\ncase "$3" in\n{answers}\n  *) ;;\nesac\n',
        "xdg-open": f'#!/bin/sh\necho "$1" >> "{opened}"\n',
    }
    for name, text in scripts.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(stat.S_IRWXU)


@pytest.fixture
def reports_page(open_window, small_alliance, tmp_path):
    folder, _ids = small_alliance
    page = open_window(folder, lang="en").window.show_page("reports")
    page.pdf = tmp_path / "reports" / "联盟年度报告 2025.pdf"
    page.pdf.parent.mkdir()
    page.pdf.write_bytes(b"%PDF-1.4\n")
    return page


def test_without_a_pdf_program_the_path_is_shown_and_copied(reports_page, tmp_path, monkeypatch, qtbot):
    opened = tmp_path / "opened.txt"
    _fake_desktop(tmp_path / "bin", {}, opened)  # a desktop that knows no program for anything
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + "/bin")
    box = reports_page.open_pdf()
    assert isinstance(box, NoProgramBox) and box.isVisible()
    assert "No program for opening PDF files" in box.text() and box.informativeText() == str(reports_page.pdf)
    assert box.folder_button is None  # no file manager either: not offered
    box.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(reports_page.pdf)
    assert not opened.exists()


def test_show_in_folder_opens_the_reports_folder_where_a_file_manager_is_set_up(
    reports_page, tmp_path, monkeypatch, qtbot
):
    opened = tmp_path / "opened.txt"
    _fake_desktop(tmp_path / "bin", {"inode/directory": "org.gnome.Nautilus.desktop"}, opened)
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + "/bin")
    box = reports_page.open_pdf()
    assert isinstance(box, NoProgramBox) and box.folder_button is not None
    box.folder_button.click()
    qtbot.waitUntil(opened.exists, timeout=30_000)
    assert Path(opened.read_text().strip()) == reports_page.pdf.parent


def test_with_a_pdf_program_the_pdf_opens_and_nothing_is_asked(reports_page, tmp_path, monkeypatch, qtbot):
    opened = tmp_path / "opened.txt"
    _fake_desktop(tmp_path / "bin", {"application/pdf": "org.gnome.Evince.desktop"}, opened)
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + "/bin")
    assert reports_page.open_pdf() is None
    qtbot.waitUntil(opened.exists, timeout=30_000)
    assert opened.read_text().strip().endswith(".pdf")
