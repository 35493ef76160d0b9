"""A member typed by its full, short or English name (or credit code) finds the same member in the CLI, the
services the forms save through, and the import; a name meaning several members lists them. Values typed on the
command line follow the same reading rules as an import, and their conversions are printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alliance_app.models import ValidationError
from alliance_app.services import Desk
from alliance_app.services.transfer import plan_file
from alliance_app.store.engine import open_store
from tests.conftest import SECRETARIAT, credit_code
from tests.transfer.conftest import add_alliance
from tests.transfer.sheets import write_xlsx
from tests.transfer.test_transfer_cli import _run


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Desk(open_store(folder), SECRETARIAT) as desk:
        add_alliance(desk)
        for n in (1, 2):  # two members both called 光谷 for short
            desk.create(
                "member",
                {"name_zh": f"光谷智能{n}号有限公司", "short_name": "光谷", "credit_code": credit_code(40 + n)},
            )
    return folder


def _stored(data_dir: Path, kind: str, record_id: str) -> dict:
    with Desk(open_store(data_dir), SECRETARIAT) as desk:
        return desk.get(kind, record_id)


def _member_id(data_dir: Path, name: str) -> str:
    with Desk(open_store(data_dir), SECRETARIAT) as desk:
        return next(r["id"] for r in desk.page("member").rows if r["name_zh"] == name)


@pytest.mark.parametrize(
    "typed",
    [
        "小米(武汉)科技有限公司",
        "小米武汉",
        "Xiaomi (Wuhan) Technology Co., Ltd.",
        "xiaomi (wuhan) technology co., ltd.",
    ],
)
def test_cli_add_takes_a_member_by_any_of_its_names(data_dir: Path, typed: str) -> None:
    done = _run(data_dir, "add", "project", f"lead_member_id={typed}", "title=城市感知平台", "domain=智慧城市")
    assert done.returncode == 0, done.stderr
    record = _stored(data_dir, "project", done.stdout.strip())
    assert record["lead_member_id"] == _member_id(data_dir, "小米(武汉)科技有限公司")


def test_cli_edit_takes_a_member_by_name_and_an_ambiguous_name_lists_the_candidates(data_dir: Path) -> None:
    added = _run(data_dir, "add", "contact", "member_id=武大", "name=周敏")
    assert added.returncode == 0, added.stderr
    contact = added.stdout.strip()
    moved = _run(data_dir, "edit", "contact", contact, "member_id=Hubei BeiDou Research Institute")
    assert moved.returncode == 0, moved.stderr
    assert _stored(data_dir, "contact", contact)["member_id"] == _member_id(
        data_dir, "湖北省北斗卫星导航应用技术研究院"
    )
    ambiguous = _run(data_dir, "edit", "contact", contact, "member_id=光谷")
    assert ambiguous.returncode == 1
    assert (
        "成员单位：“光谷”可指多家成员单位（光谷智能1号有限公司、光谷智能2号有限公司），请填写全称" in ambiguous.stderr
    )
    english = _run(data_dir, "edit", "contact", contact, "member_id=光谷", lang="en")
    assert "could mean several members (光谷智能1号有限公司, 光谷智能2号有限公司)" in english.stderr
    unknown = _run(data_dir, "add", "contact", "member_id=小米(北京)", "name=吴刚")
    assert unknown.returncode == 1 and "找不到成员单位“小米(北京)”" in unknown.stderr
    assert "no record with id" not in unknown.stderr.lower()


def test_the_import_and_the_services_resolve_the_same_names_the_same_way(data_dir: Path, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [["成员单位", "姓名"], ["光谷", "甲"], ["小米武汉", "乙"]])
    with Desk(open_store(data_dir), SECRETARIAT) as desk:
        _table, plan = plan_file(desk, "contact", path)
        assert [p.code for p in plan.problems] == ["ambiguous_member"]
        with pytest.raises(ValidationError) as refused:
            desk.create("contact", {"member_id": "光谷", "name": "甲"})
        assert refused.value.problems[0].zh == "成员单位：" + plan.problems[0].zh
        made = desk.create("contact", {"member_id": "小米武汉", "name": "乙"})
        assert desk.get("contact", made.record_id or "")["member_id"] == plan.rows[1].values["member_id"]


def test_cli_values_follow_the_import_s_reading_rules_and_print_each_conversion(data_dir: Path) -> None:
    done = _run(data_dir, "add", "member", "name_zh=荆楚数智有限公司", "joined_on=2024.3", "city=荆州")
    assert done.returncode == 0, done.stderr
    record = _stored(data_dir, "member", done.stdout.strip())
    assert (str(record["joined_on"]), record["city"]) == ("2024-03-01", "荆州市")
    assert "入盟日期：“2024.3”只有年月，按当月1日记为 2024-03-01" in done.stderr
    assert "城市：“荆州”记为 荆州市" in done.stderr
    year_only = _run(data_dir, "add", "member", "name_zh=荆楚数智二号有限公司", "joined_on=2025", lang="en")
    assert year_only.returncode == 1 and "gives a year only" in year_only.stderr
    shown = _run(data_dir, "list", "member", "--search", "荆楚数智", "--json")
    assert len(json.loads(shown.stdout)["rows"]) == 1


def test_cli_edit_prints_each_conversion_in_the_chosen_language_and_stores_the_converted_value(
    data_dir: Path,
) -> None:
    made = _run(data_dir, "add", "member", "name_zh=汉江智造有限公司")
    assert made.returncode == 0, made.stderr
    member = made.stdout.strip()
    edited = _run(data_dir, "edit", "member", member, "city=襄樊", "joined_on=2025年5月", lang="en")
    assert edited.returncode == 0, edited.stderr
    assert "City: “襄樊” stored as 襄阳市" in edited.stderr
    assert "Joined on: “2025年5月” gives a year and month only; stored as the first of the month, 2025-05-01" in (
        edited.stderr
    )
    contact = _run(data_dir, "add", "contact", f"member_id={member}", "name=周敏", "phone=(027)8765 4321")
    assert contact.returncode == 0, contact.stderr
    assert "电话：“(027)8765 4321”记为 027-87654321" in contact.stderr
    project = _run(data_dir, "add", "project", "title=汉江数据港", f"lead_member_id={member}", "domain=智慧城市",
                   "investment=1.2亿元")  # fmt: skip
    assert project.returncode == 0, project.stderr
    assert "“1.2亿元”换算为 12,000 万元" in project.stderr
    assert _stored(data_dir, "member", member)["city"] == "襄阳市"
    assert _stored(data_dir, "contact", contact.stdout.strip())["phone"] == "027-87654321"
    assert _stored(data_dir, "project", project.stdout.strip())["investment"] == 12000
