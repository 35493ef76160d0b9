"""The window's modules stay short and import one way: the proof for the next reader (issue #15)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "alliance_app" / "ui"
LONGEST = 400  # STYLE: short modules, split along their jobs


def test_no_window_module_is_longer_than_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in UI.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}


def circle_contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["type"] == "acyclic_siblings")


def test_the_no_circles_contract_covers_the_whole_window() -> None:
    assert circle_contract()["ancestors"] == ["alliance_app.ui"]


@pytest.mark.parametrize("how", ["none", "top", "type_checking", "in_function"])
def test_the_contract_catches_a_circle_however_the_import_is_written(tmp_path: Path, how: str) -> None:
    """A copy of the contract, on a small package whose two modules import each other: lint-imports refuses it
    whether the second import is at the top, under TYPE_CHECKING or inside a function (as ours used to be), and keeps
    the same package without the second import."""
    if shutil.which("lint-imports") is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    package = tmp_path / "circled" / "ui"
    package.mkdir(parents=True)
    (tmp_path / "circled" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "workspace.py").write_text("from circled.ui import operations\n")
    back = {
        "none": "import typing\n",  # the control: one way only, kept
        "top": "from circled.ui import workspace\n",
        "type_checking": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from circled.ui import workspace\n",
        "in_function": "def later():\n    from circled.ui import workspace\n",
    }[how]
    (package / "operations.py").write_text(back)
    contract = circle_contract()
    config = tmp_path / "importlinter.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "circled"\n\n[[tool.importlinter.contracts]]\n'
        f'name = "copy"\ntype = "{contract["type"]}"\nancestors = ["circled.ui"]\n'
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    lint = Path(sys.executable).with_name("lint-imports")
    command = str(lint) if lint.exists() else "lint-imports"
    result = subprocess.run(
        [command, "--config", str(config), "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    if how == "none":
        assert result.returncode == 0 and "KEPT" in result.stdout, result.stdout + result.stderr
    else:
        assert result.returncode == 1, result.stdout + result.stderr
        assert "BROKEN" in result.stdout and ".workspace" in result.stdout
