"""The alliance-app command: the desktop window by default, and the secretariat's scripting commands.

The bare command (the window) imports only what its first paint needs: the commands' grammar, the models and the
store are imported when a command is named, or by the window after it is on screen (ui/start.py)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from alliance_app.cli.window_options import default_language, unreadable_argument, window_arguments


def _run_window(args: argparse.Namespace) -> int:
    # `--demo` is done by the window after its frame is on screen (ui/start.py), so a second launch raises the
    # window already open instead of finding its store held, and the first paint waits for no store work.
    try:
        from alliance_app.ui.start import run  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        print(
            "桌面窗口尚未包含在此版本中；请使用命令行（alliance-app --help）。"
            if args.lang == "zh"
            else "The desktop window is not part of this build yet; use the commands (alliance-app --help).",
            file=sys.stderr,
        )
        return 2
    from alliance_app.errors import AllianceError
    from alliance_app.ui.display_libraries import check_display_libraries

    try:
        check_display_libraries()  # else Qt aborts with a paragraph about "platform plugins"
    except AllianceError as error:
        print(error.message(args.lang), file=sys.stderr)
        return 1
    return int(run(args.data_dir, args.lang, demo=bool(args.demo)))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    bad = unreadable_argument(arguments)
    if bad is not None:
        shown = bad.encode("utf-8", "replace").decode("utf-8")
        print(
            f"参数“{shown}”含有无法读取的字符（不是有效的 UTF-8 文本）"
            f" / The argument “{shown}” contains characters that cannot be read (not valid UTF-8 text)",
            file=sys.stderr,
        )
        return 2
    window = window_arguments(arguments)
    if window is not None:
        window.lang = window.lang or default_language()
        return _run_window(window)
    return _run_command(arguments)


def _run_command(arguments: list[str]) -> int:
    from alliance_app.cli.parser import build_parser
    from alliance_app.models import AllianceError
    from alliance_app.services import Desk

    args = build_parser().parse_args(arguments)
    args.lang = args.lang or default_language()
    if args.command is None:  # options the quick look did not take as the window's (abbreviated, say)
        return _run_window(args)
    try:
        with Desk.open(args.data_dir, read_only=getattr(args, "reads_only", False)) as desk:
            if desk.settings_notice:
                print(desk.settings_notice.message(args.lang), file=sys.stderr)
            return int(args.func(desk, args))
    except AllianceError as error:  # every refusal of the app, one line in the user's language
        print(error.message(args.lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C: one line, not a traceback; the store's writes are single transactions
        print("已中断" if args.lang == "zh" else "Interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `alliance-app list project | head`: the reader has had enough, nothing went wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush does not fail again
        return 141  # 128 + SIGPIPE: what a shell reports for a command whose reader left
