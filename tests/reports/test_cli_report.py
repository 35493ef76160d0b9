"""`alliance-app report` as the secretariat runs it: a real process writing a real PDF, or printing the figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from alliance_app.models import Actor, Role
from alliance_app.services import Desk
from alliance_app.store.engine import open_store
from tests.reports.alliance_fixture import build_alliance


def run(data: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(data), "--lang", lang, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "data"
    store = open_store(folder)
    try:
        build_alliance(Desk(store, Actor("secretariat", Role.SECRETARIAT)))
    finally:
        store.close()
    return folder


def test_report_writes_the_chinese_edition(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "年度报告.pdf"
    done = run(data, "report", "--year", "2026", "--lang", "zh", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert "written" in done.stdout and str(target) in done.stdout
    assert "not yet pushed" in done.stderr  # warnings in the message language
    text = PdfReader(target).pages[0].extract_text()
    assert "湖北省人工智能产业创新联盟" in text


def test_report_json_prints_the_figures(data: Path) -> None:
    done = run(data, "report", "--year", "2026", "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["year"] == 2026
    assert figures["members"]["at_year_end"] == 7
    assert [t["code"] for t in figures["targets"]] == [
        "ai_high_tech_enterprises",
        "demonstration_projects",
        "ai_core_industry",
        "related_industry",
    ]


def test_report_without_output_or_json_is_a_usage_error(data: Path) -> None:
    done = run(data, "report", "--year", "2026", lang="zh")
    assert done.returncode == 2
    assert "-o" in done.stderr


def test_report_into_a_missing_folder_is_one_clear_line(data: Path, tmp_path: Path) -> None:
    done = run(data, "report", "-o", str(tmp_path / "missing" / "r.pdf"))
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "does not exist" in done.stderr


def test_report_names_the_written_sections_it_leaves_out_or_prints_untranslated(data: Path, tmp_path: Path) -> None:
    """2025 of the fixture has no written sections: the command says which the report leaves out; the English
    edition of 2026 says which sections print in Chinese. On stderr, in the message language."""
    earlier = run(data, "report", "--year", "2025", "-o", str(tmp_path / "2025.pdf"))
    assert earlier.returncode == 0, earlier.stderr
    assert "The secretariat has not yet written these parts for 2025: Foreword from the Secretary-General" in (
        earlier.stderr
    )
    english = run(data, "report", "--year", "2026", "--lang", "en", "-o", str(tmp_path / "en.pdf"), lang="zh")
    assert english.returncode == 0, english.stderr
    assert "以下部分尚无英文，英文版印出中文：年度工作综述、财务概况、存在的问题。" in english.stderr
    assert "尚未撰写" not in english.stderr  # 2026 has every section
