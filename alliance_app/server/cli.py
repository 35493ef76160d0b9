"""The alliance-server command: serve, migrate, accounts, housekeeping and the demo alliance."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

from alliance_app.models import AllianceError, Role
from alliance_app.server.cli_accounts import (
    cmd_accounts_list,
    cmd_create_account,
    cmd_disable_account,
    cmd_reset_password,
    cmd_roster_template,
    cmd_sign_out_everyone,
)
from alliance_app.server.cli_base import (
    CliError,
    alliance_database,
    check_epoch,
    database,
    ensure_schema,
    settings_from,
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

    settings = settings_from(args)
    ensure_schema(settings)
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

    engine = make_engine(settings_from(args))
    try:
        migrate.upgrade(engine)
        check_epoch(engine)
        print(f"数据库已是最新结构 / database at schema {migrate.current_revision(engine)}")
    finally:
        engine.dispose()


def cmd_after_restore(args: argparse.Namespace) -> None:
    """The last step of every restore: desktops then re-pull and offer back the edits the backup lacked."""
    from alliance_app.server.db import make_engine
    from alliance_app.server.epoch import start_new_epoch

    alliance_database(args).close()
    engine = make_engine(settings_from(args))
    try:
        epoch, since = start_new_epoch(engine)
    finally:
        engine.dispose()
    print(
        f"已开始新的历史 {epoch}（恢复的数据截至修订号 {since}）；各桌面下次同步时将重新下载并列出备份之后的修改 / "
        f"new epoch {epoch} (the restored data ends at rev {since}); each desktop re-pulls at its next sync and "
        "lists its edits the backup lacked"
    )


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
    settings = settings_from(args)
    with alliance_database(args) as db:
        _purge(args, settings, db)


def cmd_housekeeping(args: argparse.Namespace) -> None:
    """What a daily timer runs: old tombstones, expired tokens and failed logins that no longer count."""
    from alliance_app.server.kind_sums import repair
    from alliance_app.server.maintenance import sweep_sign_ins

    settings = settings_from(args)
    with alliance_database(args) as db:
        _purge(args, settings, db)
        swept = sweep_sign_ins(db, settings)
        wrong = repair(db)
    print(
        f"已删除 {swept.tokens} 个过期令牌、{swept.login_failures} 条过期的登录失败记录 / "
        f"deleted {swept.tokens} expired tokens and {swept.login_failures} old failed logins"
    )
    if wrong:  # records changed outside the server: the desktops' checks would have compared with wrong sums
        kinds = ", ".join(wrong)
        print(
            f"注意：{kinds} 的记录数与校验和与记录本身不符（数据库中的记录被绕过服务器修改过？），已重新计算 / "
            f"warning: the running counts and checksums of {kinds} did not match the records (changed in the "
            "database outside the server?) and were counted again",
            file=sys.stderr,
        )


def cmd_load_demo(args: argparse.Namespace) -> None:
    from alliance_app.server.demo_load import load_demo

    if args.scale < 1:
        raise CliError("--scale 至少为 1", "--scale must be at least 1")
    with database(args) as db:
        loaded = load_demo(db, scale=args.scale, force=args.force)  # DemoLoadRefused is said by main()
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
    create.add_argument("--role", required=True, choices=[role.value for role in Role])
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
