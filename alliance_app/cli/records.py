"""The commands that read and change records in the store: status, list, show, add, edit, delete, demo."""

from __future__ import annotations

import argparse
import sys

from alliance_app.cli.fields import RECORD_COLUMNS, field_name, field_values, shown_value
from alliance_app.cli.output import UserError, assignments, display, print_json
from alliance_app.cli.progress import progress_bar
from alliance_app.models import RECORDS_BY_KIND, ValidationError, field_specs, specs_by_name
from alliance_app.services import Desk, RecordQuery


def cmd_status(desk: Desk, args: argparse.Namespace) -> int:
    status = desk.status()
    if args.json:
        print_json(status.as_json())
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
    filters = field_values(args.kind, assignments(args.where or []), also=RECORD_COLUMNS)
    sort = field_name(args.kind, args.sort, also=RECORD_COLUMNS) if args.sort else None
    query = RecordQuery(search=args.search or "", filters=filters, limit=args.limit, sort=sort)
    try:
        page = desk.page(args.kind, query)
    except ValidationError:
        raise  # already said in both languages
    except ValueError as error:
        raise UserError(f"筛选或排序字段无效：{error}", f"Invalid filter or sort: {error}") from None
    if args.json:
        print_json({"total": page.total, "rows": page.rows})
        return 0
    title = RECORDS_BY_KIND[args.kind].title_column
    names = desk.member_names()
    title_spec = specs_by_name(args.kind).get(title)
    for row in page.rows:
        zh, en, _short = names.get(row.get("owner_member_id") or "", ("", None, None))
        owner = zh if args.lang == "zh" else en or zh
        shown = (
            shown_value(title_spec, row.get(title), args.lang, names, ids=False)
            if title_spec
            else display(row.get(title), args.lang)
        )
        print(f"{row['id']}  {shown}  {owner}")
    print(f"（共 {page.total} 条）" if args.lang == "zh" else f"({page.total} in all)", file=sys.stderr)
    return 0


def cmd_show(desk: Desk, args: argparse.Namespace) -> int:
    record = desk.get(args.kind, args.id)
    if args.json:
        print_json(record)
        return 0
    names = desk.member_names()
    for spec in field_specs(args.kind):
        print(f"{spec.label(args.lang)}: {shown_value(spec, record.get(spec.name), args.lang, names)}")
    print(f"id: {record['id']}  rev: {record['rev']}  updated: {record['updated_at']} {record['updated_by']}")
    return 0


def print_conversions(kind: str, values: dict[str, str], lang: str) -> None:
    """Values stored in another form than typed (2024.3 as 2024-03-01, 1.2亿 as 12000 万元): the same notes the
    import preview lists, on stderr."""
    from alliance_app.models import coerce_noting

    for conversion in coerce_noting(kind, values)[2]:
        print(conversion.message(lang), file=sys.stderr)


def cmd_add(desk: Desk, args: argparse.Namespace) -> int:
    values = field_values(args.kind, assignments(args.fields))
    changes = desk.create(args.kind, values)
    print_conversions(args.kind, values, args.lang)
    print(changes.record_id)
    return 0


def cmd_edit(desk: Desk, args: argparse.Namespace) -> int:
    values = field_values(args.kind, assignments(args.fields))
    changes = desk.update(args.kind, args.id, values)
    print_conversions(args.kind, values, args.lang)
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
    from alliance_app.demo import load_demo

    if args.scale < 1:
        raise UserError("--scale 应为不小于 1 的整数", "--scale must be a whole number of at least 1")
    with progress_bar(args.lang, "载入演示联盟", "Loading the demo alliance") as progress:
        counts = load_demo(desk.store, scale=args.scale, force=args.force, progress=progress)  # DemoRefused: main()
    total = sum(counts.values())
    if args.lang == "zh":
        print(f"已载入演示联盟：{counts.get('member', 0)} 家成员单位，共 {total} 条记录")
    else:
        print(f"Demo alliance loaded: {counts.get('member', 0)} members, {total} records in all")
    return 0
