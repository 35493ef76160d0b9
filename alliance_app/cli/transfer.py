"""The commands that bring records in and out of files: import, export, and the annual report's PDF."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from alliance_app.cli.output import print_json
from alliance_app.cli.progress import progress_bar
from alliance_app.services import Desk, RecordQuery


def cmd_report(desk: Desk, args: argparse.Namespace) -> int:
    from alliance_app.reports.build import build_report
    from alliance_app.reports.compute import compute_figures

    if not args.output and not args.json:
        print(
            "请用 -o 指定 PDF 文件，或用 --json 输出统计数字"
            if args.lang == "zh"
            else "Give -o FILE.pdf for the report, or --json for its figures",
            file=sys.stderr,
        )
        return 2
    figures = compute_figures(desk.store, args.year)  # a year not begun or before the alliance: refused
    if args.json:
        print_json(figures.as_json())
    if not args.output:
        return 0
    edition = args.report_lang or args.lang
    with progress_bar(args.lang, "排版年度报告", "Typesetting the report") as progress:
        result = build_report(desk.store, args.year, edition, args.output, progress, figures=figures)
    from alliance_app.reports.directory import warnings
    from alliance_app.reports.narrative import load_narratives
    from alliance_app.reports.narrative_sections import reminders
    from alliance_app.reports.text import Words

    for warning in warnings(Words(args.lang), figures, result.missing_characters):
        print(warning, file=sys.stderr)
    for reminder in reminders(edition, load_narratives(desk.store, args.year), args.lang):
        print(reminder, file=sys.stderr)  # written sections missing: the report leaves them out
    done = (
        f"已生成 {args.year} 年度报告：{result.path}（{result.pages} 页）"
        if args.lang == "zh"
        else f"Annual report {args.year} written: {result.path} ({result.pages} pages)"
    )
    print(done, file=sys.stderr if args.json else sys.stdout)
    return 0


def import_summary(lang: str, result: Any) -> str:
    created, updated, unchanged, skipped = result.created, result.updated, result.unchanged, result.skipped
    added, removed = result.partners_added, result.partners_removed
    if lang == "zh":
        line = f"新增 {created} · 更新 {updated} · 未变 {unchanged} · 跳过 {len(skipped)}"
        line += f"（行 {'、'.join(map(str, skipped))}）" if skipped else ""
        return line + (f" · 合作单位 增加 {added}、移除 {removed}" if added or removed else "")
    line = f"created {created} · updated {updated} · unchanged {unchanged} · skipped {len(skipped)}"
    line += f" (rows {', '.join(map(str, skipped))})" if skipped else ""
    return line + (f" · partners added {added}, removed {removed}" if added or removed else "")


def print_plan(plan: Any, lang: str) -> None:
    """Columns left out, rows left out or taken specially, every conversion (stderr); every problem, one line
    each (stdout): `行 12 · 电话 · "123" · …`."""
    from alliance_app.services.transfer.plan import CREATE
    from alliance_app.services.transfer.preview import defaults_line

    if plan.unknown_headers:
        ignored = ("、" if lang == "zh" else ", ").join(plan.unknown_headers)
        left_out = "已忽略无法对应的列：" if lang == "zh" else "Columns left out (no matching field): "
        print(left_out + ignored, file=sys.stderr)
    for note in plan.notes + plan.conversions:
        print(note.line(lang), file=sys.stderr)
    if plan.defaults and plan.count(CREATE):
        print(defaults_line(plan, lang), file=sys.stderr)
    for problem in plan.problems:
        print(problem.line(lang))


def print_changes(plan: Any, lang: str) -> None:
    """Field by field, what each updated row changes and what it erases (a dry run shows it before any write)."""
    from alliance_app.services.transfer.preview import change_lines

    for line in change_lines(plan, lang):
        print(line)


def cmd_import(desk: Desk, args: argparse.Namespace) -> int:
    from alliance_app.services.transfer import ImportResult, apply_plan, plan_file
    from alliance_app.services.transfer.plan import CREATE, UNCHANGED, UPDATE

    zh = args.lang == "zh"
    with progress_bar(args.lang, "检查", "Checking") as progress:
        _table, plan = plan_file(desk, args.kind, args.file, sheet=args.sheet, progress=progress)
    print_plan(plan, args.lang)
    refused = bool(plan.problems) and (plan.blocking or not args.valid_only)
    unconfirmed = plan.needs_confirmation and not args.accept_defaults
    if args.dry_run or refused or unconfirmed:
        print_changes(plan, args.lang)
        todo = [r for r in plan.rows if r.action in (CREATE, UPDATE)]
        expected = ImportResult(
            created=plan.count(CREATE),
            updated=plan.count(UPDATE),
            unchanged=plan.count(UNCHANGED),
            skipped=plan.invalid_rows,
            partners_added=sum(len(r.partners) for r in todo),
            partners_removed=sum(len(r.removed_partners) for r in todo),
        )
        would = import_summary(args.lang, expected)
        if args.dry_run:
            lead = "试运行，未写入：" if zh else "Dry run, nothing written: "
        else:  # refused or awaiting confirmation: the counts are what an import would do, not what it did
            lead = "未写入；导入后将为：" if zh else "Nothing written; an import would give: "
        print(lead + would)
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
    with progress_bar(args.lang, "写入", "Writing") as progress:
        result = apply_plan(
            desk, plan, valid_only=args.valid_only, accept_defaults=args.accept_defaults, progress=progress
        )
    print(import_summary(args.lang, result))
    return 0


def cmd_export(desk: Desk, args: argparse.Namespace) -> int:
    from alliance_app.services.transfer import export_records

    query = RecordQuery(search=args.search or "", limit=None)
    with progress_bar(args.lang, "导出", "Exporting") as progress:
        result = export_records(desk, args.kind, args.output, lang=args.lang, query=query, progress=progress)
    print(
        f"已导出 {result.rows} 条记录到 {result.path}"
        if args.lang == "zh"
        else f"Exported {result.rows} records to {result.path}"
    )
    return 0
