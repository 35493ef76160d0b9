"""Files really written by LibreOffice Calc (.xlsx, .xls, .ods) import with their text, dates and numbers intact."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from alliance_app.services import Desk
from alliance_app.services.transfer import plan_file
from tests.transfer.sheets import write_xlsx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc)"
)

PROJECTS = [
    ["2025 年联盟项目汇总", None, None, None, None, None],
    ["项目名称", "牵头单位", "重点领域", "开始日期", "结束日期", "投资额（万元）"],
    ["智慧水务平台", "武汉大学", "智慧两江", date(2024, 3, 1), date(2025, 6, 30), 860.25],
    ["北斗高精度定位", "北斗研究院", "智能北斗", date(2023, 11, 15), None, 1200],
]
CONTACTS = [
    ["成员单位", "姓名", "电话", "电子邮箱"],
    ["武大", "王芳", "02787654321", "wf@whu.edu.cn"],
    ["小米武汉", "赵磊", "13900139000", ""],
]


@pytest.fixture(scope="module")
def calc_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The two sheets as LibreOffice saves them in each format (one Calc run per format)."""
    folder = tmp_path_factory.mktemp("calc")
    sources = [
        write_xlsx(folder / "projects.xlsx", PROJECTS, merges=["A1:F1"]),
        write_xlsx(folder / "contacts.xlsx", CONTACTS, number_formats={"C2": "@", "C3": "@"}),
    ]
    profile = (folder / "profile").as_uri()
    files = {}
    for target in ("xlsx", "xls", "ods"):
        out = folder / target
        command = [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                   "--outdir", str(out), *map(str, sources)]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=300)
        for source in sources:
            files[f"{source.stem}.{target}"] = out / f"{source.stem}.{target}"
    return files


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_calc_project_sheet_with_a_merged_title_row_imports_dates_and_numbers(
    desk: Desk, alliance: dict[str, str], calc_files: dict[str, Path], fmt: str
) -> None:
    table, plan = plan_file(desk, "project", calc_files[f"projects.{fmt}"])
    assert plan.ok, [p.line("en") for p in plan.problems]
    assert table.header_rows == 2 and [r.number for r in table.rows] == [3, 4]
    first, second = (r.values for r in plan.rows)
    assert (first["start_date"], first["end_date"], first["investment"]) == (
        date(2024, 3, 1),
        date(2025, 6, 30),
        860.25,
    )
    assert (
        second["lead_member_id"] == alliance["北斗研究院"]
        and second["end_date"] is None
        and second["investment"] == 1200
    )


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_calc_contact_sheet_keeps_the_leading_zero_of_a_text_phone_number(
    desk: Desk, alliance: dict[str, str], calc_files: dict[str, Path], fmt: str
) -> None:
    _table, plan = plan_file(desk, "contact", calc_files[f"contacts.{fmt}"])
    assert plan.ok, [p.line("en") for p in plan.problems]
    assert [r.values["phone"] for r in plan.rows] == ["02787654321", "13900139000"]


def test_an_export_opened_and_saved_by_calc_imports_unchanged(
    desk: Desk, alliance: dict[str, str], tmp_path: Path
) -> None:
    """The export's .xlsx is written by the app's own writer: Calc must open it as a real workbook."""
    from alliance_app.services.transfer import export_records

    sources = [export_records(desk, kind, tmp_path / f"{kind}.xlsx").path for kind in ("member", "project")]
    out = tmp_path / "calc"
    command = [str(SOFFICE), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
               "--convert-to", "ods", "--outdir", str(out), *map(str, sources)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    for kind in ("member", "project"):
        _table, plan = plan_file(desk, kind, out / f"{kind}.ods")
        assert plan.ok, [p.line("en") for p in plan.problems]
        assert plan.count("unchanged") == desk.count(kind) > 0, kind
