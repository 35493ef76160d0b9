"""The alliance-app command as the secretariat scripts it: real processes on a real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(data: Path, *args: str, lang: str = "en", stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(data), "--lang", lang, *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=60,
    )


def test_add_list_show_edit_delete_round_trip(tmp_path: Path) -> None:
    added = run(
        tmp_path,
        "add",
        "member",
        "name_zh=襄阳智造科技有限公司",
        "member_kind=企业",
        "credit_code=91420600MA4F2X8Q3Q",
        "city=襄阳",
        "domains=智能制造、智慧交通",
    )
    assert added.returncode == 0, added.stderr
    member = added.stdout.strip()

    listed = run(tmp_path, "list", "member", "--search", "襄阳", "--json")
    rows = json.loads(listed.stdout)["rows"]
    assert [r["id"] for r in rows] == [member] and rows[0]["domains"] == [
        "intelligent_manufacturing",
        "smart_transport",
    ]

    assert run(tmp_path, "edit", "member", member, "website=https://www.example-xy.cn").returncode == 0
    shown = run(tmp_path, "show", "member", member, lang="zh")
    assert "网站: https://www.example-xy.cn" in shown.stdout and "重点领域: 智能制造、智慧交通" in shown.stdout

    status = json.loads(run(tmp_path, "status", "--json").stdout)
    assert status["counts"]["member"] == 1 and status["pending_edits"] == 2 and status["demo"] is False

    assert run(tmp_path, "delete", "member", member).returncode == 0
    assert json.loads(run(tmp_path, "status", "--json").stdout)["counts"]["member"] == 0


def test_a_mistake_is_one_line_on_stderr_with_exit_code_1(tmp_path: Path) -> None:
    result = run(tmp_path, "add", "member", "name_zh=某公司", "credit_code=91420600MA4F2X8Q3A", lang="zh")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "校验码不正确" in result.stderr and "Traceback" not in result.stderr

    result = run(tmp_path, "edit", "project", "no-such-id", "title=x")
    assert result.returncode == 1 and "No project with id no-such-id" in result.stderr

    result = run(tmp_path, "add", "member", "just-text")
    assert result.returncode == 1 and "FIELD=VALUE" in result.stderr


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    assert run(tmp_path, "list", "spaceships").returncode == 2
    assert run(tmp_path, "frobnicate").returncode == 2


@pytest.mark.parametrize("command", [[], ["list"], ["add"], ["demo"], ["status"]])
def test_help_everywhere(tmp_path: Path, command: list[str]) -> None:
    result = run(tmp_path, *command, "--help")
    assert result.returncode == 0 and "usage: alliance-app" in result.stdout


def test_a_store_in_use_by_another_desk_is_explained(tmp_path: Path) -> None:
    from alliance_app.store.engine import open_store

    store = open_store(tmp_path)
    try:
        result = run(tmp_path, "add", "member", "name_zh=武汉大学")  # a writer (readers run beside it)
    finally:
        store.close()
    assert result.returncode == 1 and "open in another running Alliance Desk" in result.stderr
