"""The command line's grammar: every command, its arguments and its help text."""

from __future__ import annotations

import argparse
from datetime import date

from alliance_app import __version__
from alliance_app.cli.fields import cmd_fields, kind_argument
from alliance_app.cli.output import record_count
from alliance_app.cli.records import cmd_add, cmd_delete, cmd_demo, cmd_edit, cmd_list, cmd_show, cmd_status
from alliance_app.cli.sync_commands import cmd_conflicts, cmd_login, cmd_logout, cmd_resolve, cmd_sync
from alliance_app.cli.transfer import cmd_export, cmd_import, cmd_report
from alliance_app.cli.window_options import add_window_options
from alliance_app.models import RECORDS_BY_KIND

KINDS = list(RECORDS_BY_KIND)
# The kinds a spreadsheet can bring in (kept here so --help needs no import of the transfer package).
IMPORT_KINDS = ["member", "contact", "project", "resource_offer", "lab_partnership"]
KINDS_HELP = f"{', '.join(KINDS)} (or 成员单位, 项目, …)"
FIELDS_EPILOG = (
    "FIELD: a field's name, its Chinese or English label, or a "
    "spreadsheet's header (项目名称=…, 牵头单位=小米). `alliance-app fields KIND` lists them."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliance-app",
        description="Alliance Desk (联盟协作台) — records, sync and annual report of the Hubei AI Industry "
        "Innovation Alliance. With no command, opens the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"Alliance Desk {__version__}")
    add_window_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="fill an empty store with the demo alliance")
    p.add_argument("--scale", type=int, default=1, help="multiply the volume (50 gives about 100k records)")
    p.add_argument("--force", action="store_true", help="replace the records of a non-empty store")
    p.set_defaults(func=cmd_demo)

    # reads_only: the command opens the store for reading, so it runs while the window holds it (store/engine.py).
    p = sub.add_parser("status", help="counts per record kind, pending edits, store path, schema version")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status, reads_only=True)

    p = sub.add_parser("list", help="list records of a kind")
    p.add_argument("kind", type=kind_argument, choices=KINDS, metavar="KIND", help=KINDS_HELP)
    p.add_argument("--search", help="substring of a Chinese or English name")
    p.add_argument("--where", nargs="*", metavar="FIELD=VALUE", help="only records with these field values")
    p.add_argument("--sort", help="field to sort by")
    p.add_argument("--limit", type=record_count, default=200)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list, reads_only=True)

    p = sub.add_parser("show", help="one record with every field")
    p.add_argument("kind", type=kind_argument, choices=KINDS, metavar="KIND", help=KINDS_HELP)
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show, reads_only=True)

    p = sub.add_parser("fields", help="the fields of a kind: names, labels, what each takes")
    p.add_argument("kind", type=kind_argument, choices=KINDS, metavar="KIND", help=KINDS_HELP)
    p.set_defaults(func=cmd_fields, reads_only=True)

    p = sub.add_parser("add", help="add a record: add KIND FIELD=VALUE ...", epilog=FIELDS_EPILOG)
    p.add_argument("kind", type=kind_argument, choices=KINDS, metavar="KIND", help=KINDS_HELP)
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("edit", help="change fields of a record: edit KIND ID FIELD=VALUE ...", epilog=FIELDS_EPILOG)
    p.add_argument("kind", type=kind_argument, choices=KINDS, metavar="KIND", help=KINDS_HELP)
    p.add_argument("id")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("report", help="write the PDF annual alliance report (or print its figures with --json)")
    p.add_argument("--year", type=int, default=date.today().year, help="report year (default: this year)")
    # its own dest: the global --lang is the language of messages, this one the report's edition
    p.add_argument("--lang", dest="report_lang", choices=["zh", "en"], help="edition (default: message language)")
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--json", action="store_true", help="print the report's figures as JSON")
    p.set_defaults(func=cmd_report, reads_only=True)

    p = sub.add_parser("delete", help="delete a record")
    p.add_argument("kind", type=kind_argument, choices=KINDS, metavar="KIND", help=KINDS_HELP)
    p.add_argument("id")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("login", help="log in to the sync server (the login is kept in the OS keyring)")
    p.add_argument("--server", required=True, help="server address, e.g. https://sync.example.org")
    p.add_argument("--user", required=True)
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.add_argument("--force", action="store_true", help="switch account or server although edits are unsent")
    p.add_argument("--ca-bundle", help="the alliance's CA certificate (a private CA), kept for later syncs")
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
    p.add_argument(
        "kind",
        type=kind_argument,
        choices=IMPORT_KINDS,
        metavar="KIND",
        help=", ".join(IMPORT_KINDS) + " (or 成员单位, 项目, …)",
    )
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
    p.add_argument("kind", type=kind_argument, choices=KINDS, metavar="KIND", help=KINDS_HELP)
    p.add_argument("-o", "--output", required=True, help="file to write (.xlsx or .csv)")
    p.add_argument("--search", help="only records whose names contain this text")
    p.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help="language of headers and names")
    p.set_defaults(func=cmd_export, reads_only=True)
    return parser
