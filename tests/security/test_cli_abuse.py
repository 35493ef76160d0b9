"""The alliance-app command given what a careless script or a hostile one passes: a 50,000-character search, a
status that does not exist, a date that is not one, a negative limit, bytes that are not UTF-8. Each is one
clear line on stderr in the chosen language and exit 1 or 2 — never a traceback, never a silent empty list."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli-abuse")
    done = run(data, "demo")
    assert done.returncode == 0, done.stderr
    return data


def run(data: Path, *args: str | bytes, lang: str = "en") -> subprocess.CompletedProcess[bytes]:
    command: list[str | bytes] = [sys.executable, "-m", "alliance_app.cli", "--data-dir", str(data), "--lang", lang]
    return subprocess.run([*command, *args], capture_output=True, timeout=300, env=os.environ.copy())


CASES = [
    (("list", "project", "--search", "x" * 50_000), "A search is at most 400 characters", "搜索内容最多 400 个字符"),
    (("list", "project", "--where", "status=bogus"), "is not one of", "不是可选值之一"),
    (("list", "project", "--where", "start_date=notadate"), "is not a date", "不是日期"),
    (("list", "project", "--limit", "-5"), "must be a whole number of 0 or more", "条数应为 0 或正整数"),
    (("list", "project", "--search", b"\xff\xfe"), "cannot be read (not valid UTF-8 text)", "无法读取的字符"),
    (("list", "project", "--where", b"title=\xc3"), "cannot be read (not valid UTF-8 text)", "无法读取的字符"),
    (("add", "member", b"name_zh=\xed\xa0\x80"), "cannot be read (not valid UTF-8 text)", "无法读取的字符"),
]


@pytest.mark.parametrize(("args", "en", "zh"), CASES, ids=[" ".join(map(str, c[0]))[:40] for c in CASES])
def test_each_abuse_is_one_clear_line_and_a_failing_exit(store: Path, args: tuple, en: str, zh: str) -> None:
    for lang, words in (("en", en), ("zh", zh)):
        done = run(store, *args, lang=lang)
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode in (1, 2), (done.returncode, err[-300:])
        assert "Traceback" not in err, err[-2000:]
        last = err.strip().splitlines()[-1]
        assert words in last, last
        assert done.stdout == b""


def test_a_filter_value_the_field_can_hold_still_lists(store: Path) -> None:
    done = run(store, "list", "project", "--where", "status=ongoing", "--limit", "3")
    assert done.returncode == 0, done.stderr.decode()
    assert len(done.stdout.decode().splitlines()) == 3
