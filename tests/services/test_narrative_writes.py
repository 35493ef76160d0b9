"""The annual report's narratives on the desktop: the secretariat writes them; a liaison is refused on every
desktop path (the form's save and its locks, the CLI), and the import does not take them at all."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_app.models import Actor, NarrativeSection, Role, ValidationError, link_id
from alliance_app.services import PermissionRefused
from alliance_app.services.desk import Desk
from alliance_app.services.transfer import TransferError, plan_file
from alliance_app.settings import Settings, save_settings
from alliance_app.store.engine import open_store


@pytest.fixture
def desk(tmp_path: Path):
    store = open_store(tmp_path / "desk")
    try:
        yield Desk(store, Actor("sec", Role.SECRETARIAT))
    finally:
        store.close()


def test_the_secretariat_writes_one_narrative_per_year_and_section(desk: Desk) -> None:
    made = desk.create("narrative", {"year": "2026", "section": "秘书长致辞", "text_zh": "各位成员单位：\n\n大家好。"})
    assert made.record_id == link_id("narrative", {"year": 2026, "section": "foreword"})
    stored = desk.get("narrative", made.record_id)
    assert (stored["section"], stored["text_zh"], stored["text_en"]) == (
        NarrativeSection.FOREWORD,
        "各位成员单位：\n\n大家好。",
        None,
    )
    desk.update("narrative", made.record_id, {"text_en": "Dear members,\n\nGreetings."})
    assert desk.get("narrative", made.record_id)["text_en"] == "Dear members,\n\nGreetings."
    with pytest.raises(ValidationError) as twice:  # the same year and section again is the same record
        desk.create("narrative", {"year": 2026, "section": "foreword", "text_zh": "另一份致辞"})
    assert [p.code for p in twice.value.problems] == ["duplicate"]


def test_a_liaison_is_refused_every_desktop_write_and_the_form_locks_every_field(desk: Desk) -> None:
    member = desk.create("member", {"name_zh": "武汉大学", "member_kind": "高校"}).record_id
    written = desk.create("narrative", {"year": 2025, "section": "plan", "text_zh": "明年计划"}).record_id
    liaison = Desk(desk.store, Actor("li", Role.LIAISON, member))
    attempts = {
        "create": lambda: liaison.create("narrative", {"year": 2025, "section": "work", "text_zh": "工作综述"}),
        "update": lambda: liaison.update("narrative", written, {"text_zh": "改写"}),
        "translate": lambda: liaison.update("narrative", written, {"text_en": "Plan"}),
        "delete": lambda: liaison.delete("narrative", written),
    }
    for name, attempt in attempts.items():
        with pytest.raises(PermissionRefused) as refused:
            attempt()
        assert refused.value.problem.code == "secretariat_writes", name
        assert "秘书处" in refused.value.message("zh") and "secretariat" in refused.value.message("en")
    record = desk.get("narrative", written)
    assert liaison.refusal("narrative", record).code == "secretariat_writes"  # what the form asks to lock fields
    assert liaison.refusal("narrative").code == "secretariat_writes"  # and to offer "new"
    assert desk.get("narrative", written)["text_zh"] == "明年计划"
    assert liaison.get("narrative", written)["text_zh"] == "明年计划"  # everyone reads them


def test_the_import_takes_no_narratives_for_anyone(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "narratives.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["年度", "章节", "中文内容"], ["2026", "大事记", "- 2026-03-01 成立工作站"]])
    with pytest.raises(TransferError) as refused:
        plan_file(desk, "narrative", path)
    assert "narrative" in refused.value.message("en") and "不能导入" in refused.value.message("zh")


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(data), "--lang", "en", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_the_cli_writes_narratives_for_the_secretariat_and_refuses_a_liaison(tmp_path: Path) -> None:
    added = _cli(tmp_path, "add", "narrative", "year=2026", "section=大事记", "text_zh=- 2026-03-01 成立襄阳工作站")
    assert added.returncode == 0, added.stderr
    record_id = added.stdout.strip()
    member = _cli(tmp_path, "add", "member", "name_zh=武汉大学", "member_kind=高校").stdout.strip()
    save_settings(tmp_path, Settings(account_role="liaison", account_member_id=member, username="li"))
    for args in (
        ("edit", "narrative", record_id, "text_en=- 2026-03-01 Xiangyang office opened"),
        ("add", "narrative", "year=2026", "section=plan", "text_zh=计划"),
        ("delete", "narrative", record_id),
    ):
        refused = _cli(tmp_path, *args)
        assert refused.returncode == 1 and refused.stdout == "", args
        assert "Only the secretariat can write or change the annual report" in refused.stderr, args
    shown = json.loads(_cli(tmp_path, "list", "narrative", "--json").stdout)["rows"]
    assert [(r["section"], r["text_en"]) for r in shown] == [("chronicle", None)]
