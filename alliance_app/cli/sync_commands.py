"""The commands that talk to the sync server: login, logout, sync, conflicts, resolve."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from alliance_app.cli.output import print_json
from alliance_app.services import Desk


def read_password(args: argparse.Namespace) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    return getpass.getpass("密码 / Password: ")


def open_desk_sync(desk: Desk) -> Any:
    from alliance_app.settings import load_settings
    from alliance_app.sync.desk_sync import DeskSync

    return DeskSync(desk.store, load_settings(desk.store.data_dir))


def cmd_login(desk: Desk, args: argparse.Namespace) -> int:
    desk_sync = open_desk_sync(desk)
    if args.ca_bundle:  # kept in the settings with the login, for every later sync
        desk_sync.settings.ca_bundle = str(Path(args.ca_bundle).resolve())
    result = desk_sync.login(args.server, args.user, read_password(args), force=args.force)
    from alliance_app.models import Role

    zh = args.lang == "zh"
    role = Role(result.role).label(args.lang) if result.role in Role._value2member_map_ else result.role
    zh_name, en_name, _short = desk.member_names().get(result.member_id or "", (None, None, None))
    member = (zh_name if zh else en_name or zh_name) or result.member_id  # a first login has not pulled it yet
    print(
        f"已登录 {result.server_url}：{result.username}（{role}" + (f"，{member}）" if member else "）")
        if zh
        else f"Logged in to {result.server_url} as {result.username} ({role}" + (f", {member})" if member else ")")
    )
    if result.warning is not None:
        print(result.warning.message(args.lang), file=sys.stderr)
    return 0


def cmd_logout(desk: Desk, args: argparse.Namespace) -> int:
    open_desk_sync(desk).logout()
    print("已退出登录" if args.lang == "zh" else "Logged out")
    return 0


def cmd_sync(desk: Desk, args: argparse.Namespace) -> int:
    desk_sync = open_desk_sync(desk)
    password = read_password(args) if args.password_stdin else None
    result = desk_sync.sync(password=password)
    if args.json:
        print_json(
            {
                "outcomes": dict(result.outcomes),
                "pulled": result.pulled,
                "cursor": result.cursor,
                "new_conflicts": result.new_conflicts,
                "open_conflicts": result.open_conflicts,
                "pending": result.pending,
                "rejected": result.rejected,
                "repulled": result.repulled,
                "mismatched": result.mismatched,
                "restored": result.restored,
                "lost_edits": len(desk_sync.lost_edits()),
                "update_url": result.update_url,
            }
        )
        return 0
    if args.lang == "zh":
        print(
            f"同步完成：上传 {result.pushed} 项，下载 {result.pulled} 条，"
            f"未处理冲突 {result.open_conflicts} 个，被拒绝的修改 {result.rejected} 项"
        )
    else:
        print(
            f"Synced: {result.pushed} edits sent, {result.pulled} records received, "
            f"{result.open_conflicts} open conflicts, {result.rejected} rejected edits"
        )
    sync_notices(desk_sync, result, args.lang)
    return 0


def sync_notices(desk_sync: Any, result: Any, lang: str) -> None:
    """What the server asks of the user beyond this sync: lost edits after a restore, a newer release."""
    lost = len(desk_sync.lost_edits())
    if lost:
        print(
            f"服务器已从备份恢复：本机有 {lost} 项修改不在服务器上，请在同步页面重新上传或放弃"
            if lang == "zh"
            else f"The server was restored from a backup: {lost} edits of this desktop are not on it; "
            "send them again or discard them on the Sync page",
            file=sys.stderr,
        )
    if result.update_url is not None:
        where = f"：{result.update_url}" if lang == "zh" else f": {result.update_url}"
        print(
            ("联盟协作台有新版本，请更新" if lang == "zh" else "A newer Alliance Desk is available; please update")
            + (where if result.update_url else ""),
            file=sys.stderr,
        )


def cmd_conflicts(desk: Desk, args: argparse.Namespace) -> int:
    rows = open_desk_sync(desk).conflicts()
    if args.json:
        print_json([row.__dict__ for row in rows])
        return 0
    for row in rows:
        print(f"{row.id}  {row.kind} {row.record_id}  {row.field}: theirs={row.theirs!r} mine={row.mine!r}")
    print(f"（共 {len(rows)} 个未处理冲突）" if args.lang == "zh" else f"({len(rows)} open conflicts)", file=sys.stderr)
    return 0


def cmd_resolve(desk: Desk, args: argparse.Namespace) -> int:
    open_desk_sync(desk).resolve(args.id, args.keep)
    print("冲突已处理" if args.lang == "zh" else "Conflict resolved")
    return 0
