"""The alliance-app import and export commands: a summary, each problem on a line, exit 1 when nothing was imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from alliance_app.services import Desk
from alliance_app.store.engine import open_store
from tests.conftest import SECRETARIAT
from tests.transfer.conftest import add_alliance
from tests.transfer.sheets import write_csv


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Desk(open_store(folder), SECRETARIAT) as desk:
        add_alliance(desk)
    return folder


def _run(data_dir: Path, *args: str, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(data_dir), "--lang", lang, *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_import_prints_each_problem_as_row_column_value_message_and_exits_1(data_dir: Path, tmp_path: Path) -> None:
    rows = [["成员单位", "姓名", "手机号", "备注"], ["武大", "王芳", "13900139000", ""], ["武大", "赵磊", "123", "x"]]
    path = write_csv(tmp_path / "contacts.csv", rows, "gbk")
    done = _run(data_dir, "import", "contact", str(path))
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith('行 3 · 电话 · "123" · 电话号码格式不正确：123')
    # the counts of a refused import say they are what it would do, not what it did
    assert "未写入；导入后将为：新增 1 · 更新 0 · 未变 0 · 跳过 1（行 3）" in done.stdout
    assert "已忽略无法对应的列：备注" in done.stderr and "未导入任何数据" in done.stderr
    english = _run(data_dir, "import", "contact", str(path), lang="en")
    assert english.stdout.splitlines()[0].startswith('row 3 · Phone · "123" · Not a valid phone number: 123')
    # 备注 is left out while 主要联络人 takes its default: the clerk confirms that first.
    unconfirmed = _run(data_dir, "import", "contact", str(path), "--valid-only")
    assert unconfirmed.returncode == 1 and "Nothing written" not in unconfirmed.stdout
    assert "未写入；导入后将为：新增 1" in unconfirmed.stdout
    assert "新记录将取默认值：主要联络人＝否" in unconfirmed.stderr and "--accept-defaults" in unconfirmed.stderr
    valid_only = _run(data_dir, "import", "contact", str(path), "--valid-only", "--accept-defaults")
    assert valid_only.returncode == 0, valid_only.stderr
    assert "新增 1 · 更新 0 · 未变 0 · 跳过 1（行 3）" in valid_only.stdout


def test_dry_run_writes_nothing_and_a_real_import_then_a_second_one_changes_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "c.csv", [["Member", "Name", "Phone"], ["Wuhan University", "王芳", "027-87654321"]])
    dry = _run(data_dir, "import", "contact", str(path), "--dry-run", lang="en")
    assert (
        dry.returncode == 0
        and "Dry run, nothing written: created 1 · updated 0 · unchanged 0 · skipped 0" in dry.stdout
    )
    assert _run(data_dir, "import", "contact", str(path), lang="en").stdout.strip() == (
        "created 1 · updated 0 · unchanged 0 · skipped 0"
    )
    assert _run(data_dir, "import", "contact", str(path), lang="en").stdout.strip() == (
        "created 0 · updated 0 · unchanged 1 · skipped 0"
    )


def test_a_project_import_says_how_many_partners_it_adds_and_removes_before_and_after(
    data_dir: Path, tmp_path: Path
) -> None:
    header = ["牵头单位", "项目名称", "重点领域", "合作单位"]
    path = write_csv(tmp_path / "p.csv", [header, ["小米武汉", "智能工厂示范工程", "智能制造", "北斗研究院"]])
    dry = _run(data_dir, "import", "project", str(path), "--dry-run")
    assert "试运行，未写入：新增 0 · 更新 1 · 未变 0 · 跳过 0 · 合作单位 增加 1、移除 1" in dry.stdout
    done = _run(data_dir, "import", "project", str(path), lang="en")
    assert done.stdout.strip() == "created 0 · updated 1 · unchanged 0 · skipped 0 · partners added 1, removed 1"
    again = _run(data_dir, "import", "project", str(path), lang="en")
    assert again.stdout.strip() == "created 0 · updated 0 · unchanged 1 · skipped 0"


def test_export_writes_the_searched_records_with_headers_in_the_chosen_language(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "projects.xlsx"
    done = _run(data_dir, "export", "project", "-o", str(out), "--search", "智能工厂", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "Exported 1 records" in done.stdout
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:3] == ["Lead member", "Title", "English title"]
    assert sheet.max_row == 2 and sheet["A2"].value == "Xiaomi (Wuhan) Technology Co., Ltd."


def test_unreadable_file_and_bad_output_name_give_one_line_and_exit_1(data_dir: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(os.urandom(4096))
    done = _run(data_dir, "import", "member", str(junk))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "不是可读取的表格" in done.stderr
    done = _run(data_dir, "export", "member", "-o", str(tmp_path / "m.pdf"))
    assert done.returncode == 1 and "请使用 .xlsx 或 .csv" in done.stderr
