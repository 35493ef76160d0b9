"""Every module of the app reads in one sitting: no module over 400 lines (STYLE: short modules, split along
their jobs). Only generated migrations, which are history rather than code to read, are exempt."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "alliance_app"
MAX_LINES = 400
# Migrations are written once and never read as code again; each is one revision and is not split.
EXEMPT_FOLDERS = ("store/migrations/versions", "server/migrations/versions")


def test_no_module_is_longer_than_a_sitting() -> None:
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if not any(path.relative_to(PACKAGE).as_posix().startswith(folder) for folder in EXEMPT_FOLDERS)
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
