"""Writes the clerk corpus: spreadsheets made the way a secretariat clerk makes them, by openpyxl and through
LibreOffice Calc (what a clerk gets by opening and saving a file), for tests/transfer/clerk/ to import.

    python -m tests.transfer.clerk.generate OUTPUT_FOLDER

Each file carries one or more habits found in real rosters: a notes sheet first, a title and a date line above
the header, 序号, a total row (合计：N家), numbered empty template rows, hidden and filtered-out
rows, header words of their own (单位类别, 所属市州, 加入时间, 主要领域, 是否高新技术企业,
起止时间), dates as 2024.3 / 2023.4.18 / number cells 2025.5 and 202505 / date cells, amounts as
1.2亿元 / 500000元 / 850万, cities short or long, phones with spaces, brackets and +86, a semicolon
CSV with commas inside cells.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from alliance_app.models import credit_code_check_char

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def code(n: int) -> str:
    """A valid credit code (Hubei, market regulation) with letters in it, so no spreadsheet takes it for a number."""
    first17 = f"91420100MA4K{n:05d}"
    return first17 + credit_code_check_char(first17)


ROSTER_HEADER = [
    "序号",
    "单位名称",
    "单位类别",
    "所属市州",
    "加入时间",
    "主要领域",
    "是否高新技术企业",
    "统一社会信用代码",
]
# (cells, what the clerk meant: kind, city, joined, domains, high-tech). Row 4 of the sheet is the first data row.
ROSTER = [
    (["华中科技大学", "高校", "武汉", "2024.3", "智能制造、智慧城市", "否", code(1)],
     ("university", "武汉市", date(2024, 3, 1), ["intelligent_manufacturing", "smart_city"], False)),
    (["湖北省农业科学院", "科研院所", "武汉市", date(2023, 4, 18), "智慧农业", "否", code(2)],
     ("research_institute", "武汉市", date(2023, 4, 18), ["smart_agriculture"], False)),
    (["宜昌智算科技有限公司", "企业", "宜昌", 2025.5, "智能网联汽车", "是", code(3)],
     ("enterprise", "宜昌市", date(2025, 5, 1), ["connected_vehicles"], True)),
    (["恩施硒谷数据有限公司", "企业", "恩施州", 202505, "智慧文旅", "√", code(4)],
     ("enterprise", "恩施土家族苗族自治州", date(2025, 5, 1), ["smart_tourism"], True)),
    (["襄阳智行汽车科技有限公司", "民营企业", "襄阳市", "2023.4.18", "智能网联汽车；智慧交通", "是", code(5)],
     ("enterprise", "襄阳市", date(2023, 4, 18), ["connected_vehicles", "smart_transport"], True)),
    (["长沙麓谷智能有限公司", "企业", "长沙", 45123, "区块链", "否", code(6)],
     ("enterprise", "长沙", date(2023, 7, 16), ["blockchain"], False)),
    (["黄石新材料智造有限公司", "企业", "黄石", "2024-01-01", "智能制造", "否", code(7)],
     ("enterprise", "黄石市", date(2024, 1, 1), ["intelligent_manufacturing"], False)),
]  # fmt: skip
HIDDEN_ROSTER_ROW = 10  # the 黄石 row: filtered out in the clerk's copy
TOTAL_ROW = 11
NOTES = ["填表说明", "1. 单位名称请填写营业执照上的全称。", "2. 加入时间填写年月即可。", "3. 请勿修改表头。"]

PROJECT_HEADER = ["序号", "项目名称", "承担单位", "主要领域", "项目状态", "起止时间", "投资额（万元）", "资金来源"]
# (cells, meant: start, end, investment in 万元)
PROJECTS = [
    ([1, "智能工厂二期", "小米武汉", "智能制造", "进行中", "2024.03-2025.12", "1.2亿元", "省级配套"],
     (date(2024, 3, 1), date(2025, 12, 1), 12000.0)),
    ([2, "城市感知平台", "武汉大学", "智慧城市", "已完成", "2023-01-01 至 2023-12-31", "500000元", "自筹"],
     (date(2023, 1, 1), date(2023, 12, 31), 50.0)),
    ([3, "北斗精准农业", "北斗研究院", "智能北斗", "计划中", "2025年1月—2026年6月", "850万", ""],
     (date(2025, 1, 1), date(2026, 6, 1), 850.0)),
    ([4, "城市大脑三期", "武大", "智慧城市", "计划中", "", "3000", ""], (None, None, 3000.0)),
]  # fmt: skip
REFUSED_PROJECTS = [
    ["项目名称", "承担单位", "重点领域", "状态", "投资额（万元）", "开始日期"],
    ["车路协同示范", "小米武汉", "智能汽车", "进行中", "500", "2024-03-01"],  # 智能汽车 → 智能网联汽车?
    ["智慧水务", "武大", "智慧两江", "在建", "500", "2024-03-01"],  # 在建 → 进行中?
    ["算力调度", "武大", "区块链", "进行中", "约300", "2024-03-01"],  # no clear unit
    ["数据要素", "武大", "区块链", "进行中", "300", 2025],  # a year alone
    ["大模型应用", "武大", "区块链", "进行中", "300", 2025.1],  # January or October?
]
CONTACTS_CSV = [
    ["成员单位", "姓名", "职务", "电话", "电子邮箱"],
    ["武大", "王芳", "主任, 博士", "027-8765 4321", "wf@whu.edu.cn"],
    ["小米武汉", "赵磊", "经理, 硕士", "+86 138 7123 4568", ""],
    ["北斗研究院", "孙丽", "研究员", "(027)87654321", "sl@bd.cn"],
]
CONTACT_PHONES = {"王芳": "027-87654321", "赵磊": "13871234568", "孙丽": "027-87654321"}


def _book(sheets: Sequence[tuple[str, Sequence[Sequence[Any]]]]) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    return book


def write_roster(path: Path) -> Path:
    """The member roster: notes sheet first, title and date line, 序号, a hidden row, a total, template rows."""
    rows: list[list[Any]] = [["湖北省人工智能产业创新联盟成员单位名册"], ["填报日期：2025年6月"], ROSTER_HEADER]
    rows += [[n, *cells] for n, (cells, _meant) in enumerate(ROSTER, start=1)]
    rows.append(["", f"合计：{len(ROSTER)}家"])
    rows += [[n] for n in range(len(ROSTER) + 1, len(ROSTER) + 4)]
    book = _book([("填表说明", [[line] for line in NOTES]), ("成员名册", rows)])
    sheet = book["成员名册"]
    sheet.merge_cells("A1:H1")
    sheet.row_dimensions[HIDDEN_ROSTER_ROW].hidden = True
    sheet.cell(row=5, column=5).number_format = "yyyy-mm-dd"
    book.save(path)
    return path


def write_projects(path: Path) -> Path:
    book = _book([("项目", [PROJECT_HEADER, *[cells for cells, _meant in PROJECTS]])])
    book.save(path)
    return path


def write_refused_projects(path: Path) -> Path:
    _book([("项目", REFUSED_PROJECTS)]).save(path)
    return path


def write_yuan_header(path: Path) -> Path:
    rows = [["项目名称", "承担单位", "重点领域", "投资额（元）"], ["园区安防", "武大", "智慧公共安全", 3000000]]
    _book([("项目", rows)]).save(path)
    return path


def write_contacts_csv(path: Path) -> Path:
    """Semicolon-separated (as Excel writes a CSV where the comma is the decimal mark), commas inside cells."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        for row in CONTACTS_CSV:
            handle.write(";".join(f'"{c}"' if "," in c else c for c in row) + "\r\n")
    return path


FILTERED_ROSTER = [
    ["单位名称", "单位类型", "所属市州"],
    ["武汉光谷智算有限公司", "企业", "武汉市"],
    ["宜昌三峡智能有限公司", "企业", "宜昌市"],  # filtered out: the clerk's filter shows 武汉市 only
    ["武汉江城数据有限公司", "企业", "武汉市"],
]
FILTERED_ROW = 3


def write_filtered_roster(path: Path) -> Path:
    """An auto-filter on 所属市州 showing 武汉市 only: the 宜昌 row is filtered out, not hidden by hand."""
    book = _book([("名册", FILTERED_ROSTER)])
    sheet = book["名册"]
    sheet.auto_filter.ref = f"A1:C{len(FILTERED_ROSTER)}"
    sheet.auto_filter.add_filter_column(2, ["武汉市"])
    sheet.row_dimensions[FILTERED_ROW].hidden = True
    book.save(path)
    return path


def write_defaults_roster(path: Path) -> Path:
    """No kind column, and a column no field takes: the kind would silently become 企业 without a confirmation."""
    rows = [["单位名称", "所属市州", "备注"], ["荆门数智科技有限公司", "荆门", "理事单位"]]
    _book([("名册", rows)]).save(path)
    return path


# A roster grouped by city and kind, as clerks lay one out: 所属市州 and 单位类别 merged down over their rows, a
# row with a cell merged across two columns, and a merged total. Each row's meaning: (city, kind).
MERGED_ROSTER = [
    ["序号", "单位名称", "所属市州", "单位类别", "主要领域"],
    [1, "武汉江夏智能装备有限公司", "武汉市", "企业", "智能制造"],
    [2, "武汉汉南数据科技有限公司", None, None, "智慧城市"],
    [3, "武汉东湖数智研究院", None, "科研院所", "智能北斗"],
    [4, "宜昌夷陵智能有限公司", "宜昌", "企业", None],  # 企业 merged across 单位类别 and 主要领域
    [5, "宜昌西陵智算有限公司", None, "企业", "智慧交通"],
    ["合计", None, None, "5家", None],
]
MERGED_MEANT = {
    "武汉江夏智能装备有限公司": ("武汉市", "enterprise", ["intelligent_manufacturing"]),
    "武汉汉南数据科技有限公司": ("武汉市", "enterprise", ["smart_city"]),
    "武汉东湖数智研究院": ("武汉市", "research_institute", ["beidou"]),
    "宜昌夷陵智能有限公司": ("宜昌市", "enterprise", []),
    "宜昌西陵智算有限公司": ("宜昌市", "enterprise", ["smart_transport"]),
}


def write_merged_roster(path: Path) -> Path:
    book = _book([("名册", [["湖北省人工智能产业创新联盟成员名册（按市州）"], *MERGED_ROSTER])])
    sheet = book["名册"]
    for cells in ("A1:E1", "C3:C5", "D3:D4", "D6:E6", "C6:C7", "A8:C8"):
        sheet.merge_cells(cells)
    book.save(path)
    return path


def through_calc(sources: Sequence[Path], target: str, folder: Path, *, csv_as_clerk: bool = False) -> list[Path]:
    """The files as LibreOffice Calc saves them in `target` format (xlsx, xls, ods). `csv_as_clerk` opens a CSV
    as a double-click does: comma-separated UTF-8, columns typed by guess (credit codes become numbers)."""
    if SOFFICE is None:
        raise RuntimeError("LibreOffice is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / ".profile").resolve().as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
    if csv_as_clerk:
        command.append("--infilter=CSV:44,34,76,1")
    command += ["--outdir", str(folder), *map(str, sources)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return [folder / f"{source.stem}.{target}" for source in sources]


def write_corpus(folder: Path, *, calc: bool = True) -> dict[str, Path]:
    """Every file of the corpus, by name; with `calc`, the rosters and projects also as Calc saves .ods and .xls."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "roster.xlsx": write_roster(folder / "roster.xlsx"),
        "projects.xlsx": write_projects(folder / "projects.xlsx"),
        "refused_projects.xlsx": write_refused_projects(folder / "refused_projects.xlsx"),
        "yuan_header.xlsx": write_yuan_header(folder / "yuan_header.xlsx"),
        "contacts_semicolon.csv": write_contacts_csv(folder / "contacts_semicolon.csv"),
        "defaults_roster.xlsx": write_defaults_roster(folder / "defaults_roster.xlsx"),
        "filtered_roster.xlsx": write_filtered_roster(folder / "filtered_roster.xlsx"),
        "merged_roster.xlsx": write_merged_roster(folder / "merged_roster.xlsx"),
    }
    if calc and SOFFICE is not None:
        sources = [files[f"{stem}.xlsx"] for stem in ("roster", "projects", "filtered_roster", "merged_roster")]
        for target in ("ods", "xls"):
            for made in through_calc(sources, target, folder / f"calc_{target}"):
                files[f"{made.stem}.{target}"] = made
    return files


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "clerk_corpus")
    for name, path in write_corpus(out).items():
        print(f"{name}: {path}")
