"""The layering of docs/architecture.md holds: imports point down only, and nothing below ui/ imports Qt."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "alliance_app"

# What the window and the command line both use.
_BESIDE_THE_WINDOW = {"models", "store", "services", "reports", "sync", "settings", "demo", "long_work", "errors"}
# Which of our packages each package may import (besides itself). Top-level helper modules count as packages.
ALLOWED: dict[str, set[str]] = {
    "text_rules": set(),
    "errors": set(),
    "models": {"text_rules", "errors"},
    "resources": set(),
    "fonts": {"resources"},
    "settings": set(),
    "long_work": set(),
    "store": {"models"},
    "demo": {"models", "long_work"},
    "services": {"models", "store", "settings", "demo", "resources", "long_work"},
    "reports": {"models", "store", "services", "resources", "fonts", "long_work"},
    "sync": {"models", "store", "services", "settings"},
    "server": {"models", "sync", "demo", "long_work"},
    "cli": _BESIDE_THE_WINDOW | {"ui", "text_rules"},
    "ui": _BESIDE_THE_WINDOW | {"resources", "fonts"},
}
QT_FREE = set(ALLOWED) - {"ui"}


def _area(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _sources() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.name != "__init__.py"]


def test_imports_point_down_only() -> None:
    wrong = []
    for path in _sources():
        area = _area(path)
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "alliance_app" or len(parts) < 2:
                continue
            target = parts[1]
            if target != area and target not in ALLOWED.get(area, set()) and target != "__init__":
                wrong.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert wrong == []


def test_the_server_imports_only_models_and_the_protocol_of_sync() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in (PACKAGE / "server").rglob("*.py")
        for name in _imports(path)
        if name.startswith("alliance_app.sync") and not name.startswith("alliance_app.sync.protocol")
    ]
    assert wrong == []


def test_nothing_below_ui_imports_qt() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in _sources()
        if _area(path) in QT_FREE
        for name in _imports(path)
        if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt6", "PyQt5"}
    ]
    assert wrong == []


def test_nothing_imports_ui_but_the_cli_entry() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in _sources()
        if _area(path) not in {"ui", "cli"}
        for name in _imports(path)
        if name.startswith("alliance_app.ui")
    ]
    assert wrong == []


def test_import_linter_contracts_hold() -> None:
    if shutil.which("lint-imports") is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run(["lint-imports"], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
