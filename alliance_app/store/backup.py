"""Consistent copies of the store file through SQLite's online backup API (safe while the store is open)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

KEEP_BACKUPS = 10


def backup_file(source: Path, backup_dir: Path, reason: str) -> Path:
    """Copies `source` into `backup_dir` as store-<time>-<reason>.sqlite and keeps only the newest copies."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"store-{stamp}-{reason}.sqlite"
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    for old in sorted(backup_dir.glob("store-*.sqlite"))[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return target
