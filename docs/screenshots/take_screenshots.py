"""Takes a screenshot of every page of the window, in Chinese and English, into docs/screenshots/.

Run from the repository root:  python docs/screenshots/take_screenshots.py
The screen is a 1366×768 laptop's (Qt's offscreen platform, configured): the window sizes itself from it.
Qt renders offscreen with a fontconfig that knows no system font, so the pictures prove that the bundled
CJK font alone renders the Chinese. The store is the demo alliance (73 members led by 小米(武汉)).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
SCRATCH = Path(tempfile.mkdtemp(prefix="alliance-shots-"))
(SCRATCH / "fonts.conf").write_text(
    f'<?xml version="1.0"?><fontconfig><cachedir>{SCRATCH}/cache</cachedir></fontconfig>', encoding="utf-8"
)
# A 1366×768 laptop screen: the window takes its size from the screen, as it does on the user's machine.
(SCRATCH / "screen.json").write_text(
    '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, '
    '"logicalBaseDpi": 96, "dpr": 1}]}',
    encoding="utf-8",
)
os.environ.update(
    QT_QPA_PLATFORM=f"offscreen:configfile={SCRATCH / 'screen.json'}", FONTCONFIG_FILE=str(SCRATCH / "fonts.conf")
)
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QWidget  # noqa: E402

from alliance_app.demo import load_demo  # noqa: E402
from alliance_app.services import Desk, RecordQuery  # noqa: E402
from alliance_app.ui.app import DeskApplication, _qt_app  # noqa: E402
from alliance_app.ui.runner import ImmediateRunner  # noqa: E402
from alliance_app.ui.window_state import STATE_FILE  # noqa: E402


def fill(folder: Path) -> None:
    with Desk.open(folder) as desk:
        load_demo(desk.store)


def shoot(folder: Path, lang: str) -> list[Path]:
    app = _qt_app()
    (folder / STATE_FILE).unlink(missing_ok=True)  # each language's first look, not the other's column widths
    desk_app = DeskApplication(Desk.open(folder), lang, ImmediateRunner())
    window = desk_app.build_window(first_run=False)
    window.show()
    dashboard = window.page("dashboard")
    while dashboard.figures is None:  # the report's figures, asked for after the first paint
        app.processEvents()
    saved = []
    for number, key in enumerate(window.page_keys, start=1):
        page = window.show_page(key)
        table = getattr(page, "table", None)
        if key == "resources":  # an offer that has requests, so the lower list shows some
            requested = desk_app.desk.rows("resource_request", desk_app.desk.ids("resource_request"))
            table.select_id(requested[0]["offer_id"])
        elif table is not None and table.model().rowCount():
            table.selectRow(0)  # a chosen event shows its check-in
        app.processEvents()
        saved.append(OUT / f"{lang}_{number}_{key}.png")
        window.grab().save(str(saved[-1]))
    projects = window.show_page("projects")
    dialog = projects.open_record(projects.model.record_id(0))
    app.processEvents()
    saved.append(OUT / f"{lang}_9_project_form.png")
    dialog.grab().save(str(saved[-1]))
    dialog.close()
    members = window.show_page("members")
    lead = desk_app.desk.ids("member", RecordQuery(filters={"alliance_role": "lead"}))[0]
    detail = members.open_record(lead)  # the lead member has projects, offers, labs and contacts to show
    app.processEvents()
    saved.append(OUT / f"{lang}_10_member_detail.png")
    detail.grab().save(str(saved[-1]))
    detail.close()
    saved.append(OUT / f"{lang}_11_import_preview.png")
    import_preview(members, saved[-1])
    saved.append(OUT / f"{lang}_14_import_summary.png")
    import_summary(desk_app, window.show_page("projects"), saved[-1])
    window.close()
    desk_app.close()
    return saved


def import_preview(members: QWidget, path: Path) -> None:
    """The import wizard's preview of a roster with two mistakes: a bad credit code and an unknown kind."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    rows = [
        ["中文名称", "简称", "单位类型", "统一社会信用代码", "城市", "入盟日期"],
        ["武汉示例智能科技有限公司", "示例智能", "企业", "91420100MA4K00000X", "武汉市", "2025-03-01"],
        ["襄阳示例数据有限公司", "示例数据", "企业", "", "襄阳市", "2025-04-15"],
        ["宜昌示例研究院", "示例研究院", "研究中心", "", "宜昌市", "2025-05-20"],
        ["小米科技(武汉)有限公司", "小米(武汉)", "企业", "", "武汉市", ""],
    ]
    for row in rows:
        sheet.append(row)
    book.save(SCRATCH / "roster.xlsx")
    wizard = members.import_records()
    wizard.file_page.path_edit.setText(str(SCRATCH / "roster.xlsx"))
    wizard.next()
    wizard.next()
    _qt_app().processEvents()
    wizard.grab().save(str(path))
    wizard.close()


def import_summary(desk_app: DeskApplication, projects: QWidget, path: Path) -> None:
    """The wizard's last page after re-importing a project whose partners cell names another member: the
    partners it no longer names are removed, the new one added, and the summary says how many of each."""
    import openpyxl

    from alliance_app.models import Domain

    desk = desk_app.desk
    links = desk.rows("project_partner", desk.ids("project_partner"))
    project = desk.rows("project", [links[0]["project_id"]])[0]
    taken = {project["lead_member_id"]} | {r["member_id"] for r in links if r["project_id"] == project["id"]}
    other = next(m for m in desk.rows("member", desk.ids("member")) if m["id"] not in taken)
    lead = desk.rows("member", [project["lead_member_id"]])[0]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["牵头单位", "项目名称", "重点领域", "合作单位"])
    sheet.append([lead["name_zh"], project["title"], Domain(project["domain"]).zh, other["name_zh"]])
    book.save(SCRATCH / "partners.xlsx")
    wizard = projects.import_records()
    wizard.file_page.path_edit.setText(str(SCRATCH / "partners.xlsx"))
    for _ in range(3):  # columns, preview, import; the summary then follows by itself
        wizard.next()
        _qt_app().processEvents()
    _qt_app().processEvents()
    wizard.grab().save(str(path))
    wizard.close()


def shoot_first_run(lang: str) -> Path:
    app = _qt_app()
    desk_app = DeskApplication(Desk.open(SCRATCH / f"empty_{lang}"), lang, ImmediateRunner())
    window = desk_app.build_window()
    window.show()
    app.processEvents()
    path = OUT / f"{lang}_0_first_run.png"
    window.grab().save(str(path))
    window.close()
    desk_app.close()
    return path


def shoot_opening(folder: Path, lang: str) -> Path:
    """The frame the window shows while the store opens (ui/start.py), held there: its store work not started."""
    from alliance_app.ui.start import Launch

    app = _qt_app()
    launch = Launch(str(folder), lang)
    launch.opening.on_screen.disconnect(launch.open_store)
    launch.show()
    app.processEvents()
    path = OUT / f"{lang}_00_opening.png"
    launch.opening.grab().save(str(path))
    launch.opening.hide()
    launch.close()
    return path


def main() -> None:
    folder = SCRATCH / "alliance"
    fill(folder)
    for lang in ("zh", "en"):
        for path in [shoot_opening(folder, lang), shoot_first_run(lang), *shoot(folder, lang)]:
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
