"""The annual report's pages and the dashboard's links, in Chinese and English, into docs/screenshots/.

Run from the repository root:  python docs/screenshots/take_report_screenshots.py
Renders every page of both editions of the demo alliance's report of this year (provisional, as of today in
Beijing) with pdftoppm at 60 dpi, keeps the pages worth looking at under a name saying what they show, and grabs
the dashboard and the list a dashboard number opens.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
SCRATCH = Path(tempfile.mkdtemp(prefix="alliance-report-shots-"))
(SCRATCH / "fonts.conf").write_text(
    f'<?xml version="1.0"?><fontconfig><cachedir>{SCRATCH}/cache</cachedir></fontconfig>', encoding="utf-8"
)
# A 1366×768 laptop screen, as take_screenshots.py: the window sizes itself from it, as on the user's machine.
(SCRATCH / "screen.json").write_text(
    '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, '
    '"logicalBaseDpi": 96, "dpr": 1}]}',
    encoding="utf-8",
)
os.environ.update(
    QT_QPA_PLATFORM=f"offscreen:configfile={SCRATCH / 'screen.json'}", FONTCONFIG_FILE=str(SCRATCH / "fonts.conf")
)
sys.path.insert(0, str(ROOT))

from alliance_app.demo import load_demo  # noqa: E402
from alliance_app.reports.build import build_report  # noqa: E402
from alliance_app.reports.period import beijing_today  # noqa: E402
from alliance_app.services import Desk  # noqa: E402

# What a page shows, by a line of text found on it after the contents (the first page holding it is kept).
PAGES = {
    "zh": {"cover": "年度报告", "foreword": "、秘书长致辞", "overview": "、年度概览", "work": "、年度工作综述",
           "targets": "、五年目标进展", "labs": "、实验室合作", "events": "、活动与参会", "outputs": "、成果产出",
           "chronicle": "、大事记", "plan": "、下一年度工作计划", "directory": "、成员单位名录",
           "notes": "、数据说明", "glossary": "实验室累计成果"},
    "en": {"cover": "ANNUAL REPORT", "foreword": " Foreword from", "overview": " Overview", "work": " The year's work",
           "targets": " Progress against", "labs": " Lab partnerships", "events": " Events and attendance",
           "outputs": " Outputs", "chronicle": " Chronicle of the year", "plan": " Plan for the coming year",
           "directory": " Member directory", "notes": " Data notes", "glossary": "Labs' cumulative outputs"},
}  # fmt: skip


def report_pages(folder: Path) -> None:
    from pypdf import PdfReader

    with Desk.open(folder) as desk:
        for lang in ("zh", "en"):
            pdf = SCRATCH / f"report-{lang}.pdf"
            build_report(desk.store, beijing_today().year, lang, pdf)
            texts = [page.extract_text() for page in PdfReader(pdf).pages]
            for old in OUT.glob(f"report-{lang}-*.png"):
                old.unlink()
            kept: set[int] = set()
            for name, marker in PAGES[lang].items():
                number = next(i for i, text in enumerate(texts, 1) if marker in text and (i > 2 or name == "cover"))
                if name in ("plan", "work") and number in kept:
                    continue  # on a page kept already (a short section running on)
                kept.add(number)
                stem = SCRATCH / f"{lang}-{number}"
                subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(number), "-l", str(number),
                                str(pdf), str(stem)], check=True)  # fmt: skip
                shutil.copy(f"{stem}.png", OUT / f"report-{lang}-{number:02d}-{name}.png")


def dashboard(folder: Path, lang: str) -> None:
    from alliance_app.ui.app import DeskApplication, _qt_app
    from alliance_app.ui.runner import ImmediateRunner

    app = _qt_app()
    desk_app = DeskApplication(Desk.open(folder), lang, ImmediateRunner())
    window = desk_app.build_window(first_run=False)
    window.show()
    page = window.show_page("dashboard")
    while page.figures is None:
        app.processEvents()
    app.processEvents()
    window.grab().save(str(OUT / f"{lang}_1_dashboard.png"))
    page.open_records("demonstration")  # what a click on the demonstration projects' number shows
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(OUT / f"{lang}_15_dashboard_records.png"))
    reports = window.show_page("reports")  # the written sections' editor and its page preview: the chronicle
    editor = reports.narratives
    editor.section.setCurrentIndex(editor.section.findData("chronicle"))
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(OUT / f"{lang}_16_report_sections.png"))
    window.close()
    desk_app.close()


def main() -> None:
    folder = SCRATCH / "data"
    with Desk.open(folder) as desk:
        load_demo(desk.store)
    report_pages(folder)
    for lang in ("zh", "en"):
        dashboard(folder, lang)
    shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
