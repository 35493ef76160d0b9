"""UI test fixtures: real stores in tmp_path, the real window offscreen, operations run synchronously."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before PySide6 is imported anywhere

import pytest

from alliance_app.services import Desk
from alliance_app.settings import Settings, save_settings
from tests.ui.small_alliance import fill_small_alliance


@pytest.fixture(scope="session")
def small_alliance_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A store with the small alliance, built once; tests work on copies."""
    folder = tmp_path_factory.mktemp("small_alliance")
    with Desk.open(folder) as desk:
        ids = fill_small_alliance(desk)
    return folder, ids


@pytest.fixture
def small_alliance(tmp_path: Path, small_alliance_template: tuple[Path, dict[str, str]]) -> tuple[Path, dict[str, str]]:
    template, ids = small_alliance_template
    folder = tmp_path / "data"
    shutil.copytree(template, folder, ignore=shutil.ignore_patterns("*.lock"))
    return folder, ids


@pytest.fixture
def open_window(qtbot: object) -> Iterator[Callable[..., object]]:
    """Opens the real window on a data folder: open_window(folder, lang="zh", settings=None) → DeskApplication."""
    from alliance_app.ui.app import DeskApplication, _qt_app
    from alliance_app.ui.runner import ImmediateRunner

    opened: list[DeskApplication] = []

    def opener(folder: Path, lang: str = "zh", settings: Settings | None = None) -> DeskApplication:
        _qt_app()
        if settings is not None:
            save_settings(folder, settings)
        desk_app = DeskApplication(Desk.open(folder), lang, ImmediateRunner())
        window = desk_app.build_window()
        window.show()
        opened.append(desk_app)
        return desk_app

    yield opener
    for desk_app in opened:
        if desk_app.window is not None:
            desk_app.window.close()
        desk_app.close()


def liaison_of(member_id: str) -> Settings:
    return Settings(account_role="liaison", account_member_id=member_id, username="liaison")
