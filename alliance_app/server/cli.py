"""The alliance-server command: serve, migrate, accounts, housekeeping and the demo alliance."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
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


def _settings(args: argparse.Namespace) -> Any:
    """Flags become ALLIANCE_SERVER_* variables, so uvicorn's worker processes read the same settings."""
    from alliance_app.server.settings import ServerSettings

    for name, env in _FLAG_ENV.items():
        value = getattr(args, name, None)
        if value is not None:
            os.environ[f"ALLIANCE_SERVER_{env}"] = str(value)
    return ServerSettings()


def _database(args: argparse.Namespace) -> Any:
    from alliance_app.server.db import Database

    settings = _settings(args)
    _ensure_schema(settings)
    return Database.open(settings)


def _alliance_database(args: argparse.Namespace) -> Any:
    """The database of a maintenance command, which must be the alliance's: one with no accounts and no records
    (settings not loaded, e.g. from cron) is refused instead of being maintained, or created."""
    from alliance_app.server.admin import is_empty
    from alliance_app.server.db import Database
    from alliance_app.server.settings import DB_FILE

    settings = _settings(args)
    where = settings.url() if not settings.is_sqlite else str(settings.data_dir / DB_FILE)
    where = where.split("@")[-1]  # never print a password
    empty = CliError(
        f"{where} 没有账号也没有记录：这不是联盟的服务器数据库（是否未加载服务的设置？见 docs/deploy.md 第 2 节）",
        f"{where} holds no accounts and no records: this is not the alliance's server database "
        "(were the service's settings loaded? see docs/deploy.md, section 2)",
    )
    if settings.is_sqlite and settings.database_url is None and not (settings.data_dir / DB_FILE).exists():
        raise empty
    _ensure_schema(settings)
    db = Database.open(settings)
    with db.read() as session:
        if is_empty(session):
            db.close()
            raise empty
    return db


def _ensure_schema(settings: Any) -> None:
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
        _check_epoch(engine)
    finally:
        engine.dispose()


def _check_epoch(engine: Any) -> None:
    """A database restored into a new database or file gets a new epoch here (see server/epoch.py)."""
    from alliance_app.server.epoch import ensure_epoch

    epoch, since, changed = ensure_epoch(engine)
    if changed and since:
        print(
            f"这是恢复或复制的数据库：新的历史标识 {epoch}（自修订号 {since} 起）/ "
            f"a restored or copied database: new epoch {epoch} from rev {since}",
            file=sys.stderr,
        )


def app_from_env() -> Any:
    """The uvicorn factory each worker calls."""
    from alliance_app.server.app import create_app

    return create_app()


def _metrics_folder(settings: Any) -> None:
    """One folder where every worker keeps its counts (prometheus_client's multiprocess mode), emptied at start."""
    import shutil

    folder = settings.data_dir / "metrics"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from alliance_app.server.logging_setup import log_config

    settings = _settings(args)
    _ensure_schema(settings)
    _metrics_folder(settings)
    uvicorn.run(
        "alliance_app.server.cli:app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        access_log=False,  # our own access log (JSON, no query strings or secrets) replaces uvicorn's
        log_config=log_config(settings.log_level, settings.log_format, settings.log_file),
        proxy_headers=True,
        timeout_graceful_shutdown=10,
    )


def cmd_migrate(args: argparse.Namespace) -> None:
    from alliance_app.server import migrate
    from alliance_app.server.db import make_engine

    engine = make_engine(_settings(args))
    try:
        migrate.upgrade(engine)
        _check_epoch(engine)
        print(f"数据库已是最新结构 / database at schema {migrate.current_revision(engine)}")
    finally:
        engine.dispose()


def cmd_after_restore(args: argparse.Namespace) -> None:
    """The last step of every restore: desktops then re-pull and offer back the edits the backup lacked."""
    from alliance_app.server.db import make_engine
    from alliance_app.server.epoch import start_new_epoch

    _alliance_database(args).close()
    engine = make_engine(_settings(args))
    try:
        epoch, since = start_new_epoch(engine)
    finally:
        engine.dispose()
    print(
        f"已开始新的历史 {epoch}（恢复的数据截至修订号 {since}）；各桌面下次同步时将重新下载并列出备份之后的修改 / "
        f"new epoch {epoch} (the restored data ends at rev {since}); each desktop re-pulls at its next sync and "
        "lists its edits the backup lacked"
    )


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码 / Password: ")
    if first != getpass.getpass("再次输入 / Again: "):
        raise CliError("两次输入的密码不一致", "The two passwords differ")
    return first


def cmd_create_account(args: argparse.Namespace) -> None:
    from alliance_app.server.accounts import create_account

    db = _database(args)
    password = _password(args)
    with db.write(lock_revs=False) as session:
        account = create_account(session, username=args.username, role=args.role, password=password, member=args.member)
        print(f"已创建账号 / created account {account.username} ({account.role}, member {account.member_id or '-'})")


def cmd_reset_password(args: argparse.Namespace) -> None:
    from alliance_app.server.accounts import reset_password

    db = _database(args)
    password = _password(args)
    with db.write(lock_revs=False) as session:
        reset_password(session, username=args.username, password=password)
    print(f"已重设密码并注销其登录 / password reset, sessions signed out: {args.username}")


def cmd_disable_account(args: argparse.Namespace) -> None:
    from alliance_app.server.accounts import disable_account

    with _database(args).write(lock_revs=False) as session:
        disable_account(session, username=args.username)
    print(f"已停用账号 / account disabled: {args.username}")


def _retention_days(args: argparse.Namespace, settings: Any) -> int:
    days = settings.tombstone_retention_days if args.older_than_days is None else args.older_than_days
    if days < 0:
        raise CliError("--older-than-days 不能为负数", "--older-than-days cannot be negative")
    return int(days)


def _purge(args: argparse.Namespace, settings: Any, db: Any) -> None:
    from alliance_app.server.maintenance import purge_tombstones

    purged, horizon = purge_tombstones(db, _retention_days(args, settings))
    print(f"已清除 {purged} 条删除记录 / purged {purged} tombstones")
    if horizon:
        print(f"同步进度低于 {horizon} 的桌面需重新下载 / desktops with a cursor below rev {horizon} must re-pull")


def cmd_purge_tombstones(args: argparse.Namespace) -> None:
    settings = _settings(args)
    db = _alliance_database(args)
    try:
        _purge(args, settings, db)
    finally:
        db.close()


def cmd_housekeeping(args: argparse.Namespace) -> None:
    """What a daily timer runs: old tombstones, expired tokens and failed logins that no longer count."""
    from alliance_app.server.maintenance import sweep_sign_ins

    settings = _settings(args)
    db = _alliance_database(args)
    try:
        _purge(args, settings, db)
        swept = sweep_sign_ins(db, settings)
    finally:
        db.close()
    print(
        f"已删除 {swept.tokens} 个过期令牌、{swept.login_failures} 条过期的登录失败记录 / "
        f"deleted {swept.tokens} expired tokens and {swept.login_failures} old failed logins"
    )


def _when(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


def cmd_accounts_list(args: argparse.Namespace) -> None:
    """Who synced recently and from which desktop release (times in UTC)."""
    from alliance_app.server.admin import account_lines

    db = _alliance_database(args)
    try:
        with db.read() as session:
            lines = account_lines(session)
    finally:
        db.close()
    header = (
        "账号 username",
        "角色 role",
        "成员 member",
        "最近登录 last login",
        "最近同步 last sync",
        "桌面版本 desktop",
    )
    rows = [
        (
            line.username + (" (停用 disabled)" if line.disabled else ""),
            line.role,
            line.member or "-",
            _when(line.last_login_at),
            _when(line.last_sync_at),
            line.desktop_version or "-",
        )
        for line in lines
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    for row in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def cmd_sign_out_everyone(args: argparse.Namespace) -> None:
    from alliance_app.server.admin import sign_out_everyone

    db = _alliance_database(args)
    try:
        with db.write() as session:
            ended = sign_out_everyone(session)
    finally:
        db.close()
    print(f"已注销 {ended} 个登录，各桌面需重新登录 / ended {ended} logins; every desktop must log in again")


def cmd_roster_template(args: argparse.Namespace) -> None:
    """username,member with one line per member the server holds: the roster of docs/deploy.md, usernames empty."""
    import csv

    from sqlalchemy import select

    from alliance_app.models import Member

    db = _alliance_database(args)
    try:
        with db.read() as session:
            members = session.execute(
                select(Member.short_name, Member.name_zh).where(Member.deleted.is_(False)).order_by(Member.name_zh)
            ).all()
    finally:
        db.close()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["username", "member"])
    for short_name, name_zh in members:
        out.writerow(["", short_name or name_zh])


def cmd_load_demo(args: argparse.Namespace) -> None:
    from alliance_app.server.demo_load import load_demo

    if args.scale < 1:
        raise CliError("--scale 至少为 1", "--scale must be at least 1")
    db = _database(args)
    try:
        loaded = load_demo(db, scale=args.scale, force=args.force)  # DemoLoadRefused is said by main()
    finally:
        db.close()
    total = sum(loaded.counts.values())
    print(f"已载入示例联盟 {total} 条记录 / demo alliance loaded: {total} records up to rev {loaded.server_rev}")
    for kind, count in loaded.counts.items():
        print(f"  {kind}: {count}")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="数据目录 / data folder of the embedded SQLite database")
    common.add_argument("--database-url", help="postgresql+psycopg://user:password@host/db (default: SQLite)")
    parser = argparse.ArgumentParser(prog="alliance-server", description="联盟协作台服务器 / Alliance Desk server")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", parents=[common], help="运行服务器 / run the server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.set_defaults(run=cmd_serve)
    sub.add_parser("migrate", parents=[common], help="升级数据库结构 / migrate the database").set_defaults(
        run=cmd_migrate
    )
    sub.add_parser(
        "after-restore",
        parents=[common],
        help="从备份恢复后运行：开始新的历史 / run after restoring a backup: start a new epoch",
    ).set_defaults(run=cmd_after_restore)
    accounts = sub.add_parser("accounts", help="账号 / accounts").add_subparsers(dest="what", required=True)
    accounts.add_parser(
        "list", parents=[common], help="账号、最近登录与同步、桌面版本 / accounts, last login and sync, desktop release"
    ).set_defaults(run=cmd_accounts_list)
    sub.add_parser("sign-out-everyone", parents=[common], help="注销所有登录 / sign every desktop out").set_defaults(
        run=cmd_sign_out_everyone
    )
    sub.add_parser(
        "roster-template", parents=[common], help="联络人名单模板 / the liaison roster, one line per member"
    ).set_defaults(run=cmd_roster_template)
    create = sub.add_parser("create-account", parents=[common], help="新建账号 / create an account")
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=["liaison", "secretariat", "admin"])
    create.add_argument("--member", help="成员单位名称或编号 / the liaison's member (name or id)")
    create.add_argument("--password-stdin", action="store_true")
    create.set_defaults(run=cmd_create_account)
    reset = sub.add_parser("reset-password", parents=[common], help="重设密码 / reset a password")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    reset.set_defaults(run=cmd_reset_password)
    disable = sub.add_parser("disable-account", parents=[common], help="停用账号 / disable an account")
    disable.add_argument("username")
    disable.set_defaults(run=cmd_disable_account)
    purge = sub.add_parser("purge-tombstones", parents=[common], help="清除过期的删除记录 / purge old tombstones")
    purge.add_argument("--older-than-days", type=int, help="删除记录保留天数 / tombstone retention (days)")
    purge.set_defaults(run=cmd_purge_tombstones)
    house = sub.add_parser(
        "housekeeping",
        parents=[common],
        help="清除过期的删除记录、令牌和登录失败记录 / purge old tombstones, expired tokens, old failed logins",
    )
    house.add_argument("--older-than-days", type=int, help="删除记录保留天数 / tombstone retention (days)")
    house.set_defaults(run=cmd_housekeeping)
    demo = sub.add_parser("load-demo", parents=[common], help="载入示例联盟 / load the demo alliance")
    demo.add_argument("--scale", type=int, default=1, help="规模倍数 / volume multiplier (50: about 97,000 records)")
    demo.add_argument("--force", action="store_true", help="替换已有记录 / replace the records already held")
    demo.set_defaults(run=cmd_load_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], None] = args.run
    try:
        run(args)
    except AllianceError as error:  # every refusal, one shape
        print(f"{error.zh} / {error.en}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
