"""What every alliance-server command stands on: settings from flags and environment, the database (its schema
checked, its epoch kept), and the one error shape of a command's refusal."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from alliance_app.models import AllianceError

_FLAG_ENV = {
    "database_url": "DATABASE_URL",
    "data_dir": "DATA_DIR",
    "host": "HOST",
    "port": "PORT",
    "workers": "WORKERS",
}


class CliError(AllianceError):
    """A mistake in the server command's arguments or environment, in both languages."""


def settings_from(args: argparse.Namespace) -> Any:
    """Flags become ALLIANCE_SERVER_* variables, so uvicorn's worker processes read the same settings."""
    from alliance_app.server.settings import ServerSettings

    for name, env in _FLAG_ENV.items():
        value = getattr(args, name, None)
        if value is not None:
            os.environ[f"ALLIANCE_SERVER_{env}"] = str(value)
    return ServerSettings()


def database(args: argparse.Namespace) -> Any:
    from alliance_app.server.db import Database

    settings = settings_from(args)
    ensure_schema(settings)
    return Database.open(settings)


def alliance_database(args: argparse.Namespace) -> Any:
    """The database of a maintenance command, which must be the alliance's: one with no accounts and no records
    (settings not loaded, e.g. from cron) is refused instead of being maintained, or created."""
    from alliance_app.server.admin import is_empty
    from alliance_app.server.db import Database
    from alliance_app.server.settings import DB_FILE

    settings = settings_from(args)
    where = settings.url() if not settings.is_sqlite else str(settings.data_dir / DB_FILE)
    where = where.split("@")[-1]  # never print a password
    empty = CliError(
        f"{where} 没有账号也没有记录：这不是联盟的服务器数据库（是否未加载服务的设置？见 docs/deploy.md 第 2 节）",
        f"{where} holds no accounts and no records: this is not the alliance's server database "
        "(were the service's settings loaded? see docs/deploy.md, section 2)",
    )
    if settings.is_sqlite and settings.database_url is None and not (settings.data_dir / DB_FILE).exists():
        raise empty
    ensure_schema(settings)
    db = Database.open(settings)
    with db.read() as session:
        if is_empty(session):
            db.close()
            raise empty
    return db


def ensure_schema(settings: Any) -> None:
    from alliance_app.server import migrate
    from alliance_app.server.db import make_engine

    engine = make_engine(settings)
    try:
        if settings.is_sqlite:
            migrate.upgrade(engine)  # the embedded database just works on a fresh machine
        elif migrate.current_revision(engine) != migrate.head_revision():
            raise CliError(
                "数据库结构不是最新，请先运行 alliance-server migrate",
                "The database schema is not current; run `alliance-server migrate` first",
            )
        check_epoch(engine)
    finally:
        engine.dispose()


def check_epoch(engine: Any) -> None:
    """A database restored into a new database or file gets a new epoch here (see server/epoch.py). Kinds without
    running sums yet (a database just migrated to them) are counted whole here too (server/kind_sums.py)."""
    from alliance_app.server.epoch import ensure_epoch
    from alliance_app.server.kind_sums import ensure

    ensure(engine)

    epoch, since, changed = ensure_epoch(engine)
    if changed and since:
        print(
            f"这是恢复或复制的数据库：新的历史标识 {epoch}（自修订号 {since} 起）/ "
            f"a restored or copied database: new epoch {epoch} from rev {since}",
            file=sys.stderr,
        )
