"""alliance-server's account commands: create, reset, disable, list, sign everyone out, the roster template."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from alliance_app.server.cli_base import CliError, alliance_database, database


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码 / Password: ")
    if first != getpass.getpass("再次输入 / Again: "):
        raise CliError("两次输入的密码不一致", "The two passwords differ")
    return first


def cmd_create_account(args: argparse.Namespace) -> None:
    from alliance_app.server.accounts import create_account

    with database(args) as db:  # a database that cannot be opened is said before the password is asked
        password = _password(args)
        with db.write(lock_revs=False) as session:
            account = create_account(
                session, username=args.username, role=args.role, password=password, member=args.member
            )
        print(f"已创建账号 / created account {account.username} ({account.role}, member {account.member_id or '-'})")


def cmd_reset_password(args: argparse.Namespace) -> None:
    from alliance_app.server.accounts import reset_password

    with database(args) as db:  # a database that cannot be opened is said before the password is asked
        password = _password(args)
        with db.write(lock_revs=False) as session:
            reset_password(session, username=args.username, password=password)
    print(f"已重设密码并注销其登录 / password reset, every login signed out: {args.username}")


def cmd_disable_account(args: argparse.Namespace) -> None:
    from alliance_app.server.accounts import disable_account

    with database(args) as db, db.write(lock_revs=False) as session:
        disable_account(session, username=args.username)
    print(f"已停用账号 / account disabled: {args.username}")


def _when(moment: Any) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


def cmd_accounts_list(args: argparse.Namespace) -> None:
    """Who synced recently and from which desktop release (times in UTC)."""
    from alliance_app.server.admin import account_lines

    with alliance_database(args) as db, db.read() as session:
        lines = account_lines(session)
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

    with alliance_database(args) as db, db.write() as session:
        ended = sign_out_everyone(session)
    print(f"已注销 {ended} 个登录，各桌面需重新登录 / ended {ended} logins; every desktop must log in again")


def cmd_roster_template(args: argparse.Namespace) -> None:
    """username,member with one line per member the server holds: the roster of docs/deploy.md, usernames empty."""
    import csv

    from sqlalchemy import select

    from alliance_app.models import Member

    with alliance_database(args) as db, db.read() as session:
        members = session.execute(
            select(Member.short_name, Member.name_zh).where(Member.deleted.is_(False)).order_by(Member.name_zh)
        ).all()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["username", "member"])
    for short_name, name_zh in members:
        out.writerow(["", short_name or name_zh])
