"""Fields and kinds as a newcomer names them on the command line: by label or a spreadsheet's header, with a
message that says what exists when a name means nothing; and what `show` and `list` print is names, not codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_app.cli.fields import field_name
from alliance_app.cli.output import UserError
from alliance_app.models import field_specs
from alliance_app.services.transfer.columns import ALIASES
from tests.test_cli import run

MEMBER = ["name_zh=襄阳智造科技有限公司", "short_name=襄阳智造", "name_en=Xiangyang Smart Making Co., Ltd."]


def _record(data: Path, kind: str, record_id: str) -> dict[str, object]:
    shown = json.loads(run(data, "show", kind, record_id, "--json").stdout)
    return {k: v for k, v in shown.items() if k not in {"id", "created_at", "updated_at", "updated_by"}}


def test_a_record_added_by_labels_and_headers_is_the_record_added_by_field_names(tmp_path: Path) -> None:
    member = run(tmp_path, "add", "member", *MEMBER).stdout.strip()
    by_names = run(
        tmp_path, "add", "project", "lead_member_id=襄阳智造", "title=汉江智能网联示范", "domain=智能网联汽车",
        "start_date=2024.3", "investment=1.2亿",
    )  # fmt: skip
    by_labels = run(
        tmp_path, "add", "项目", "牵头单位=襄阳智造", "项目名称=汉江智能网联示范二期", "Domain=智能网联汽车",
        "开始时间=2024.3", "投资额（万元）=1.2亿", lang="zh",
    )  # fmt: skip
    assert by_names.returncode == 0 and by_labels.returncode == 0, by_names.stderr + by_labels.stderr
    # the conversions are said whichever way the field was named
    assert "2024-03-01" in by_labels.stderr and "12,000 万元" in by_labels.stderr
    first = _record(tmp_path, "project", by_names.stdout.strip())
    second = _record(tmp_path, "project", by_labels.stdout.strip())
    assert second.pop("title") == "汉江智能网联示范二期" and first.pop("title") == "汉江智能网联示范"
    assert first == second and first["lead_member_id"] == member and first["investment"] == 12000


def test_a_field_that_is_not_there_is_refused_with_what_is(tmp_path: Path) -> None:
    result = run(tmp_path, "add", "member", *MEMBER, "nmae_en=Typo Ltd.")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "has no field “nmae_en”; did you mean name_en" in result.stderr
    assert "alliance-app fields member" in result.stderr
    assert json.loads(run(tmp_path, "status", "--json").stdout)["counts"]["member"] == 0

    result = run(tmp_path, "add", "项目", "合作单位=襄阳智造", lang="zh")
    assert result.returncode == 1 and "“合作单位”是导入表格的列，不是项目的字段" in result.stderr


@pytest.mark.parametrize(
    "pairs",
    [["name_zh=甲公司", "name_zh=乙公司"], ["name_zh=甲公司", "中文名称=乙公司"], ["单位名称=甲公司", "Name=乙公司"]],
)
def test_one_field_given_twice_is_refused_not_overwritten(tmp_path: Path, pairs: list[str]) -> None:
    result = run(tmp_path, "add", "member", *pairs)
    assert result.returncode == 1 and ("given twice" in result.stderr or "are the same field" in result.stderr)
    assert json.loads(run(tmp_path, "status", "--json").stdout)["counts"]["member"] == 0


def test_every_header_the_import_knows_names_the_same_field_on_the_command_line() -> None:
    for (kind, name), aliases in ALIASES.items():
        for alias in aliases:
            assert field_name(kind, alias) == name, (kind, alias)
    for spec in field_specs("project"):
        assert field_name("project", spec.zh) == field_name("project", spec.en) == spec.name
    with pytest.raises(UserError):
        field_name("project", "起止时间")  # a sheet's column the import splits, not one field


def test_fields_lists_every_field_and_its_choices_in_both_languages(tmp_path: Path) -> None:
    zh = run(tmp_path, "fields", "成员单位", lang="zh")
    en = run(tmp_path, "fields", "member")
    assert zh.returncode == en.returncode == 0
    for spec in field_specs("member"):
        if not spec.derived:
            assert spec.name in zh.stdout and spec.zh in zh.stdout and spec.en in en.stdout
    assert "高校" in zh.stdout and "University" in en.stdout and "必填" in zh.stdout


def test_show_and_list_name_members_and_domains_rather_than_codes(tmp_path: Path) -> None:
    member = run(tmp_path, "add", "member", *MEMBER, "domains=智能制造、智慧交通").stdout.strip()
    project = run(tmp_path, "add", "project", "牵头单位=襄阳智造", "项目名称=示范", "重点领域=智能制造").stdout.strip()
    partner = run(tmp_path, "add", "project_partner", f"project_id={project}", f"member_id={member}")
    assert partner.returncode == 0, partner.stderr
    shown = run(tmp_path, "show", "member", member, lang="zh").stdout
    assert "重点领域: 智能制造、智慧交通" in shown
    shown = run(tmp_path, "show", "project", project).stdout
    assert f"Lead member: Xiangyang Smart Making Co., Ltd. ({member})" in shown
    listed = run(tmp_path, "list", "project_partner", lang="zh").stdout
    assert "襄阳智造科技有限公司" in listed and listed.count(member) == 0


def test_a_list_by_label_filters_and_sorts_as_by_field_name(tmp_path: Path) -> None:
    run(tmp_path, "add", "member", *MEMBER, "city=襄阳")
    run(tmp_path, "add", "member", "name_zh=宜昌智慧港口有限公司", "city=宜昌")
    by_label = json.loads(run(tmp_path, "list", "member", "--where", "所在城市=襄阳市", "--json").stdout)
    by_name = json.loads(run(tmp_path, "list", "member", "--where", "city=襄阳", "--json").stdout)
    assert by_label == by_name and [r["name_zh"] for r in by_label["rows"]] == ["襄阳智造科技有限公司"]
    sorted_by_label = json.loads(run(tmp_path, "list", "member", "--sort", "城市", "--json").stdout)["rows"]
    assert [r["city"] for r in sorted_by_label] == sorted(r["city"] for r in sorted_by_label)


def test_an_unknown_member_name_suggests_the_members_it_may_mean(tmp_path: Path) -> None:
    run(tmp_path, "add", "member", *MEMBER)
    result = run(tmp_path, "add", "project", "牵头单位=襄阳", "项目名称=示范", "重点领域=智能制造", lang="zh")
    assert result.returncode == 1 and "是否指 襄阳智造科技有限公司？" in result.stderr
    result = run(
        tmp_path, "add", "project", "lead_member_id=Xiangyang Smart Makin Co., Ltd.", "title=x", "domain=智能制造"
    )
    assert "did you mean Xiangyang Smart Making Co., Ltd.?" in result.stderr


def test_a_reader_that_leaves_early_is_no_error(tmp_path: Path) -> None:
    for n in range(3):
        run(tmp_path, "add", "member", f"name_zh=测试单位{n}")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(tmp_path), "list", "member", "--json"]
    # a reader that closes its end before the command writes, as `| head -0` does
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) in (0, 141) and "Traceback" not in stderr
