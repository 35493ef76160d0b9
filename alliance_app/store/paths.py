"""Where the desktop keeps its data: the user-data folder, unless --data-dir or ALLIANCE_DATA_DIR says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DATA_DIR_ENV = "ALLIANCE_DATA_DIR"
STORE_FILE = "alliance.sqlite"
BACKUP_DIR = "backups"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the explicit override, else $ALLIANCE_DATA_DIR, else the platform default."""
    chosen = override or os.environ.get(DATA_DIR_ENV) or user_data_dir("AllianceDesk", "HubeiAIAlliance")
    return Path(chosen).expanduser().resolve()
