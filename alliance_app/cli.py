"""The alliance-app command: the desktop window by default, and the secretariat's scripting commands."""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from alliance_app import __version__
from alliance_app.models import RECORDS_BY_KIND, Labelled, ValidationError, field_specs
from alliance_app.models.validation import text_problem
from alliance_app.services import Desk, PermissionRefused, RecordNotFound, RecordQuery
from alliance_app.store.errors import StoreError
from alliance_app.sync.errors import SyncError

KINDS = list(RECORDS_BY_KIND)
# The kinds a spreadsheet can bring in (kept here so --help needs no import of the transfer package).
IMPORT_KINDS = ["member", "contact", "project", "resource_offer", "lab_partnership"]


class UserError(Exception):
    """A mistake the user can fix: printed as one line, exit code 1."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(en)

    def message(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def default_language() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    code = locale.getlocale()[0] or ""
    return "zh" if code.lower().startswith("zh") else "en"


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Labelled):
        return value.value
    raise TypeError(type(value))


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


def _assignments(pairs: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(f"参数应写成 字段=值：{pair}", f"Expected FIELD=VALUE, got: {pair}")
        values[name.strip()] = value
    return values


def _display(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Labelled):
        return value.label(lang)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    return str(value)


def cmd_status(desk: Desk, args: argparse.Namespace) -> int:
    status = desk.status()
    if args.json:
        _print_json(status.as_json())
        return 0
    zh = args.lang == "zh"
    print(("数据文件：" if zh else "Store: ") + str(status.path) + ("（演示数据）" if zh and status.demo else ""))
    if status.demo and not zh:
        print("Demo data: yes")
    print(("结构版本：" if zh else "Schema: ") + status.schema_revision)
    for kind, number in status.counts.items():
        print(f"  {kind:<18}{number:>8}")
    print(("待同步修改：" if zh else "Pending edits: ") + str(status.pending))
    if status.rejected:
        print(("被服务器拒绝的修改：" if zh else "Rejected edits: ") + str(status.rejected))
    return 0


def cmd_list(desk: Desk, args: argparse.Namespace) -> int:
    filters = _assignments(args.where or [])
    query = RecordQuery(search=args.search or "", filters=filters, limit=args.limit, sort=args.sort)
    try:
        page = desk.page(args.kind, query)
    except ValidationError:
        raise  # already said in both languages
    except ValueError as error:
        raise UserError(f"筛选或排序字段无效：{error}", f"Invalid filter or sort: {error}") from None
    if args.json:
        _print_json({"total": page.total, "rows": page.rows})
        return 0
    title = RECORDS_BY_KIND[args.kind].title_column
    names = desk.member_names()
    for row in page.rows:
        owner = names.get(row.get("owner_member_id") or "", ("",))[0]
        print(f"{row['id']}  {_display(row.get(title), args.lang)}  {owner}")
    print(f"（共 {page.total} 条）" if args.lang == "zh" else f"({page.total} in all)", file=sys.stderr)
    return 0


def cmd_show(desk: Desk, args: argparse.Namespace) -> int:
    record = desk.get(args.kind, args.id)
    if args.json:
        _print_json(record)
        return 0
    for spec in field_specs(args.kind):
        print(f"{spec.label(args.lang)}: {_display(record.get(spec.name), args.lang)}")
    print(f"id: {record['id']}  rev: {record['rev']}  updated: {record['updated_at']} {record['updated_by']}")
    return 0


def _print_conversions(kind: str, values: dict[str, str], lang: str) -> None:
    """Values stored in another form than typed (2024.3 as 2024-03-01, 1.2亿 as 12000 万元): the same notes the
    import preview lists, on stderr."""
    from alliance_app.models import coerce_noting

    for conversion in coerce_noting(kind, values)[2]:
        print(conversion.message(lang), file=sys.stderr)


def cmd_add(desk: Desk, args: argparse.Namespace) -> int:
    values = _assignments(args.fields)
    changes = desk.create(args.kind, values)
    _print_conversions(args.kind, values, args.lang)
    print(changes.record_id)
    return 0


def cmd_edit(desk: Desk, args: argparse.Namespace) -> int:
    values = _assignments(args.fields)
    changes = desk.update(args.kind, args.id, values)
    _print_conversions(args.kind, values, args.lang)
    print(
        ("已保存" if args.lang == "zh" else "saved")
        if not changes.empty
        else ("无变化" if args.lang == "zh" else "no change")
    )
    return 0


def cmd_delete(desk: Desk, args: argparse.Namespace) -> int:
    changes = desk.delete(args.kind, args.id)
    n = sum(len(ids) for ids in changes.changed.values())
    print(f"已删除 {n} 条记录" if args.lang == "zh" else f"deleted {n} record(s)")
    return 0


def cmd_demo(desk: Desk, args: argparse.Namespace) -> int:
    from alliance_app.demo import DemoRefused, load_demo

    if args.scale < 1:
        raise UserError("--scale 应为不小于 1 的整数", "--scale must be a whole number of at least 1")
    try:
        counts = load_demo(desk.store, scale=args.scale, force=args.force)
    except DemoRefused as refused:  # the demo stands on the models alone, so its refusal is not a StoreError
        print(refused.message(args.lang), file=sys.stderr)
        return 1
    total = sum(counts.values())
    if args.lang == "zh":
        print(f"已载入演示联盟：{counts.get('member', 0)} 家成员单位，共 {total} 条记录")
    else:
        print(f"Demo alliance loaded: {counts.get('member', 0)} members, {total} records in all")
    return 0


def _password(args: argparse.Namespace) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    return getpass.getpass("密码 / Password: ")


def _sync_session(desk: Desk) -> Any:
    from alliance_app.settings import load_settings
    from alliance_app.sync.session import SyncSession

    return SyncSession(desk.store, load_settings(desk.store.data_dir))


def cmd_login(desk: Desk, args: argparse.Namespace) -> int:
    session = _sync_session(desk)
    result = session.login(args.server, args.user, _password(args), force=args.force)
    zh = args.lang == "zh"
    member = result.member_id or "-"
    print(
        f"已登录 {result.server_url}：{result.username}（{result.role}，成员单位 {member}）"
        if zh
        else f"Logged in to {result.server_url} as {result.username} ({result.role}, member {member})"
    )
    if result.warning is not None:
        print(result.warning.message(args.lang), file=sys.stderr)
    return 0


def cmd_logout(desk: Desk, args: argparse.Namespace) -> int:
    _sync_session(desk).logout()
    print("已退出登录" if args.lang == "zh" else "Logged out")
    return 0


def cmd_sync(desk: Desk, args: argparse.Namespace) -> int:
    session = _sync_session(desk)
    password = _password(args) if args.password_stdin else None
    result = session.sync(password=password)
    if args.json:
        _print_json(
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
    return 0


def cmd_conflicts(desk: Desk, args: argparse.Namespace) -> int:
    rows = _sync_session(desk).conflicts()
    if args.json:
        _print_json([row.__dict__ for row in rows])
        return 0
    for row in rows:
        print(f"{row.id}  {row.kind} {row.record_id}  {row.field}: theirs={row.theirs!r} mine={row.mine!r}")
    print(f"（共 {len(rows)} 个未处理冲突）" if args.lang == "zh" else f"({len(rows)} open conflicts)", file=sys.stderr)
    return 0


def cmd_resolve(desk: Desk, args: argparse.Namespace) -> int:
    _sync_session(desk).resolve(args.id, args.keep)
    print("冲突已处理" if args.lang == "zh" else "Conflict resolved")
    return 0


def cmd_report(desk: Desk, args: argparse.Namespace) -> int:
    from alliance_app.reports.build import ReportError, build_report
    from alliance_app.reports.figures import compute_figures

    if not args.output and not args.json:
        print(
            "请用 -o 指定 PDF 文件，或用 --json 输出统计数字"
            if args.lang == "zh"
            else "Give -o FILE.pdf for the report, or --json for its figures",
            file=sys.stderr,
        )
        return 2
    try:
        figures = compute_figures(desk.store, args.year)  # a year not begun or before the alliance: refused
    except ReportError as error:
        raise UserError(error.zh, error.en) from None
    if args.json:
        _print_json(figures.as_json())
    if not args.output:
        return 0
    edition = args.report_lang or args.lang
    try:
        result = build_report(desk.store, args.year, edition, args.output, figures=figures)
    except ReportError as error:
        raise UserError(error.zh, error.en) from None
    from alliance_app.reports.directory import warnings
    from alliance_app.reports.text import Words

    for warning in warnings(Words(args.lang), figures, result.missing_characters):
        print(warning, file=sys.stderr)
    done = (
        f"已生成 {args.year} 年度报告：{result.path}（{result.pages} 页）"
        if args.lang == "zh"
        else f"Annual report {args.year} written: {result.path} ({result.pages} pages)"
    )
    print(done, file=sys.stderr if args.json else sys.stdout)
    return 0


def _import_summary(lang: str, result: Any) -> str:
    created, updated, unchanged, skipped = result.created, result.updated, result.unchanged, result.skipped
    added, removed = result.partners_added, result.partners_removed
    if lang == "zh":
        line = f"新增 {created} · 更新 {updated} · 未变 {unchanged} · 跳过 {len(skipped)}"
        line += f"（行 {'、'.join(map(str, skipped))}）" if skipped else ""
        return line + (f" · 合作单位 增加 {added}、移除 {removed}" if added or removed else "")
    line = f"created {created} · updated {updated} · unchanged {unchanged} · skipped {len(skipped)}"
    line += f" (rows {', '.join(map(str, skipped))})" if skipped else ""
    return line + (f" · partners added {added}, removed {removed}" if added or removed else "")


def _print_plan(plan: Any, lang: str) -> None:
    """Columns left out, rows left out or taken specially, every conversion (stderr); every problem, one line
    each (stdout): `行 12 · 电话 · "123" · …`."""
    from alliance_app.services.transfer.preview import defaults_line

    if plan.unknown_headers:
        ignored = ("、" if lang == "zh" else ", ").join(plan.unknown_headers)
        left_out = "已忽略无法对应的列：" if lang == "zh" else "Columns left out (no matching field): "
        print(left_out + ignored, file=sys.stderr)
    for note in plan.notes + plan.conversions:
        print(note.line(lang), file=sys.stderr)
    if plan.defaults and plan.count("create"):
        print(defaults_line(plan, lang), file=sys.stderr)
    for problem in plan.problems:
        print(problem.line(lang))


def _print_changes(plan: Any, lang: str) -> None:
    """Field by field, what each updated row changes and what it erases (a dry run shows it before any write)."""
    from alliance_app.services.transfer.preview import change_lines

    for line in change_lines(plan, lang):
        print(line)


def cmd_import(desk: Desk, args: argparse.Namespace) -> int:
    from alliance_app.services.transfer import ImportResult, TransferError, apply_plan, plan_file

    zh = args.lang == "zh"
    try:
        _table, plan = plan_file(desk, args.kind, args.file, sheet=args.sheet)
        _print_plan(plan, args.lang)
        refused = bool(plan.problems) and (plan.blocking or not args.valid_only)
        unconfirmed = plan.needs_confirmation and not args.accept_defaults
        if args.dry_run or refused or unconfirmed:
            _print_changes(plan, args.lang)
            todo = [r for r in plan.rows if r.action in ("create", "update")]
            expected = ImportResult(
                created=plan.count("create"),
                updated=plan.count("update"),
                unchanged=plan.count("unchanged"),
                skipped=plan.invalid_rows,
                partners_added=sum(len(r.partners) for r in todo),
                partners_removed=sum(len(r.removed_partners) for r in todo),
            )
            would = _import_summary(args.lang, expected)
            print((("试运行，未写入：" if zh else "Dry run, nothing written: ") if args.dry_run else "") + would)
            if refused:
                n = len(plan.problems)
                print(
                    f"文件中有 {n} 个问题，未导入任何数据；请改正后重新导入，或用 --valid-only 只导入正确的行。"
                    if zh
                    else f"The file has {n} problem(s), so nothing was imported; correct them and import again, "
                    "or use --valid-only to import only the valid rows.",
                    file=sys.stderr,
                )
            elif unconfirmed and not args.dry_run:
                print(
                    "文件中有未能对应的列，而新记录的上述字段将取默认值；未导入任何数据。"
                    "确认无误请加 --accept-defaults 重新导入，或改正表头。"
                    if zh
                    else "Columns of the file were left out while the new records' fields above would take their "
                    "defaults; nothing was imported. If that is right, import again with --accept-defaults, "
                    "or correct the header.",
                    file=sys.stderr,
                )
            return 1 if plan.problems or (unconfirmed and not args.dry_run) else 0
        result = apply_plan(desk, plan, valid_only=args.valid_only, accept_defaults=args.accept_defaults)
    except TransferError as error:
        raise UserError(error.zh, error.en) from None
    print(_import_summary(args.lang, result))
    return 0


def cmd_export(desk: Desk, args: argparse.Namespace) -> int:
    from alliance_app.services.transfer import TransferError, export_records

    try:
        result = export_records(
            desk, args.kind, args.output, lang=args.lang, query=RecordQuery(search=args.search or "", limit=None)
        )
    except TransferError as error:
        raise UserError(error.zh, error.en) from None
    print(
        f"已导出 {result.rows} 条记录到 {result.path}"
        if args.lang == "zh"
        else f"Exported {result.rows} records to {result.path}"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliance-app",
        description="Alliance Desk (联盟协作台) — records, sync and annual report of the Hubei AI Industry "
        "Innovation Alliance. With no command, opens the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"Alliance Desk {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: $ALLIANCE_DATA_DIR or the user-data folder)")
    parser.add_argument("--lang", choices=["zh", "en"], default=None, help="language of messages (default: locale)")
    parser.add_argument("--demo", action="store_true", help="with no command: fill an empty store with the demo first")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="fill an empty store with the demo alliance")
    p.add_argument("--scale", type=int, default=1, help="multiply the volume (50 gives about 100k records)")
    p.add_argument("--force", action="store_true", help="replace the records of a non-empty store")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("status", help="counts per record kind, pending edits, store path, schema version")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("list", help="list records of a kind")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--search", help="substring of a Chinese or English name")
    p.add_argument("--where", nargs="*", metavar="FIELD=VALUE", help="only records with these field values")
    p.add_argument("--sort", help="field to sort by")
    p.add_argument("--limit", type=_record_count, default=200)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="one record with every field")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("add", help="add a record: add KIND FIELD=VALUE ...")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("edit", help="change fields of a record: edit KIND ID FIELD=VALUE ...")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("id")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("report", help="write the PDF annual alliance report (or print its figures with --json)")
    p.add_argument("--year", type=int, default=date.today().year, help="report year (default: this year)")
    # its own dest: the global --lang is the language of messages, this one the report's edition
    p.add_argument("--lang", dest="report_lang", choices=["zh", "en"], help="edition (default: message language)")
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--json", action="store_true", help="print the report's figures as JSON")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("delete", help="delete a record")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("id")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("login", help="log in to the sync server (the login is kept in the OS keyring)")
    p.add_argument("--server", required=True, help="server address, e.g. https://sync.example.org")
    p.add_argument("--user", required=True)
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--force", action="store_true", help="switch account or server although edits are unsent")
    p.set_defaults(func=cmd_login)

    p = sub.add_parser("logout", help="sign this desktop out of the sync server (records and edits stay)")
    p.set_defaults(func=cmd_logout)

    p = sub.add_parser("sync", help="send local edits and receive the others'")
    p.add_argument("--password-stdin", action="store_true", help="log in for this run (no keyring)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("conflicts", help="list the open sync conflicts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_conflicts)

    p = sub.add_parser("resolve", help="resolve a conflict: resolve ID --keep mine|theirs")
    p.add_argument("id")
    p.add_argument("--keep", required=True, choices=["mine", "theirs"])
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser(
        "import",
        help="import records from .xlsx, .xls, .ods or .csv; checks every row first",
        description="Import records from an .xlsx, .xls, .ods or .csv file. Every row is checked first; conversions "
        "(a year and month stored as the first of the month, 亿/万/千元/元 into the column's unit, city names, "
        "phone numbers), rows left out (totals, empty template rows) and fields taking defaults are listed.",
    )
    p.add_argument("kind", choices=IMPORT_KINDS)
    p.add_argument("file", help="an .xlsx, .xls, .ods or .csv file")
    p.add_argument("--sheet", metavar="NAME|N", help="the sheet to read, by name or number (default: the first "
                   "sheet whose header names known columns)")  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="check and show every change and erasure, write nothing")
    p.add_argument("--valid-only", action="store_true", help="import the valid rows of a file with problems")
    p.add_argument(
        "--accept-defaults",
        action="store_true",
        help="confirm the listed defaults for fields no column fills, when columns of the file are left out",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export records of a kind to .xlsx or .csv")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("-o", "--output", required=True, help="file to write (.xlsx or .csv)")
    p.add_argument("--search", help="only records whose names contain this text")
    p.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help="language of headers and names")
    p.set_defaults(func=cmd_export)
    return parser


def _ensure_demo(args: argparse.Namespace) -> None:
    """Loads the demo alliance into an empty store; a store that holds records is left as it is."""
    with Desk.open(args.data_dir) as desk:
        if not any(desk.status().counts.values()):
            cmd_demo(desk, argparse.Namespace(scale=1, force=False, lang=args.lang))


def _run_window(args: argparse.Namespace) -> int:
    try:
        from alliance_app.ui.app import run  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        print(
            "桌面窗口尚未包含在此版本中；请使用命令行（alliance-app --help）。"
            if args.lang == "zh"
            else "The desktop window is not part of this build yet; use the commands (alliance-app --help).",
            file=sys.stderr,
        )
        return 2
    return int(run(args.data_dir, args.lang))


def _record_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"条数应为 0 或正整数 / must be a whole number of 0 or more: {text}")
    return value


def _unreadable_argument(argv: Sequence[str]) -> str | None:
    """An argument that was not valid text (bytes that are not UTF-8 reach Python as lone surrogates)."""
    return next((arg for arg in argv if text_problem(arg)), None)


def main(argv: Sequence[str] | None = None) -> int:
    bad = _unreadable_argument(sys.argv[1:] if argv is None else argv)
    if bad is not None:
        shown = bad.encode("utf-8", "replace").decode("utf-8")
        print(
            f"参数“{shown}”含有无法读取的字符（不是有效的 UTF-8 文本）"
            f" / The argument “{shown}” contains characters that cannot be read (not valid UTF-8 text)",
            file=sys.stderr,
        )
        return 2
    args = build_parser().parse_args(argv)
    args.lang = args.lang or default_language()
    if args.command is None:
        if args.demo:
            try:
                _ensure_demo(args)
            except StoreError as error:
                print(error.message(args.lang), file=sys.stderr)
                return 1
        return _run_window(args)
    func: Callable[[Desk, argparse.Namespace], int] = args.func
    try:
        with Desk.open(args.data_dir) as desk:
            if desk.settings_notice:
                print(desk.settings_notice.message(args.lang), file=sys.stderr)
            return func(desk, args)
    except (StoreError, ValidationError, PermissionRefused, RecordNotFound, UserError, SyncError) as error:
        print(error.message(args.lang), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
